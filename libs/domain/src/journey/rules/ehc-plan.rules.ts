import type { JourneyEvent, JourneyEventType, LocalDate } from '../../events';
import { JourneyRuleViolation } from '../../errors';
import type { JourneyActivePlan, JourneyState } from '../journey.state';
import { entriesOf } from '../records';
import { STEP_LABELS } from './step-labels';
import { assertNotBeforePreviousSteps } from './step-order.rule';

type ReviewEvent = Extract<JourneyEvent, { type: 'AnnualReviewMeetingHeld' | 'AnnualReviewDecisionMade' | 'AmendedPlanIssued' | 'PlanCeased' }>;

/**
 * Annual reviews, amendments and ceasing (reg 18–22, CFA 2014 s.44–45) are about the plan in
 * force: they need an active plan and cannot be dated before it was issued.
 */
export function assertReviewOfActivePlan(event: ReviewEvent, state: JourneyState): void {
  const plan = assertActivePlan(event.type, state);
  assertNotBeforePreviousSteps(event.type, event.occurredOn, [{ step: 'FinalPlanIssued', on: plan.issuedOn }], { requestId: plan.requestId });
  if (event.type === 'PlanCeased') assertNoOrderToContinue(event.occurredOn, plan, state);
}

export function assertActivePlan(step: JourneyEventType, state: JourneyState): JourneyActivePlan {
  const plan = state.activePlan;
  if (plan === null) {
    throw new JourneyRuleViolation(
      'NO_ACTIVE_PLAN',
      `The child has no active EHC plan, so ${STEP_LABELS[step]} cannot be recorded. Record FinalPlanIssued first.`,
      { step },
    );
  }
  return plan;
}

/**
 * reg 44(2)(i) and reg 45: when the Tribunal orders (or the LA concedes) that a plan continue, a PlanCeased
 * for that plan dated after the order is refused, unless the LA has since made a fresh decision to cease
 * at a later review (which can be appealed in turn).
 */
function assertNoOrderToContinue(ceasedOn: LocalDate, plan: JourneyActivePlan, state: JourneyState): void {
  const order = entriesOf(state.appeals).find(
    (a) => a.against === 'cease' && a.orderOn !== null && a.orderOn >= plan.issuedOn && ceasedOn > a.orderOn,
  );
  if (order === undefined || order.orderOn === null) return;
  const freshDecision = plan.lastReviewDecision === 'cease' && plan.lastReviewDecisionOn !== null && plan.lastReviewDecisionOn > order.orderOn;
  if (freshDecision) return;
  throw new JourneyRuleViolation(
    'PLAN_CONTINUES_BY_ORDER',
    `Appeal ${order.appealId} against ceasing the plan succeeded on ${order.orderOn}, so the plan continues and cannot be recorded as ceased on ${ceasedOn}. A later decision to cease needs a new annual review decision.`,
    { appealId: order.appealId, orderOn: order.orderOn, requestId: plan.requestId },
  );
}
