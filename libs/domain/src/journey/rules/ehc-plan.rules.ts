import type { JourneyEvent } from '../../events';
import { JourneyRuleViolation } from '../../errors';
import type { JourneyState } from '../journey.state';
import { STEP_LABELS } from './step-labels';
import { assertNotBeforePreviousSteps } from './step-order.rule';

type ReviewEvent = Extract<JourneyEvent, { type: 'AnnualReviewMeetingHeld' | 'AnnualReviewDecisionMade' | 'AmendedPlanIssued' | 'PlanCeased' }>;

/**
 * Annual reviews, amendments and ceasing (reg 18–22, CFA 2014 s.44–45) are about the plan in
 * force: they need an active plan and cannot be dated before it was issued.
 */
export function assertReviewOfActivePlan({ type, occurredOn }: ReviewEvent, state: JourneyState): void {
  const plan = state.activePlan;
  if (plan === null) {
    throw new JourneyRuleViolation(
      'NO_ACTIVE_PLAN',
      `The child has no active EHC plan, so ${STEP_LABELS[type]} cannot be recorded. Record FinalPlanIssued first.`,
      { step: type },
    );
  }
  assertNotBeforePreviousSteps(type, occurredOn, [{ step: 'FinalPlanIssued', on: plan.issuedOn }], { requestId: plan.requestId });
}
