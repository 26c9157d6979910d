import type { PersonalBudgetAgreed, PlacementNamed, ReassessmentDecisionMade, ReassessmentRequested } from '../../events';
import { JourneyRuleViolation } from '../../errors';
import type { JourneyState } from '../journey.state';
import { hasEntry } from '../records';
import { assertActivePlan } from './ehc-plan.rules';
import { assertDecisionMayBeMade, requestOfKind, requested } from './ehc-request.rules';
import { assertNotBeforePreviousSteps } from './step-order.rule';

/** reg 24: a re-assessment is of the needs of a child who has a plan, so it needs an active plan. */
export function assertReassessmentRequested({ type, occurredOn, data }: ReassessmentRequested, state: JourneyState): void {
  if (hasEntry(state.ehcRequests, data.requestId)) {
    throw new JourneyRuleViolation(
      'REQUEST_ID_IN_USE',
      `Request ${data.requestId} is already recorded for this child. Use a new request id for a new re-assessment request.`,
      { requestId: data.requestId },
    );
  }
  const plan = assertActivePlan(type, state);
  assertNotBeforePreviousSteps(type, occurredOn, [{ step: 'FinalPlanIssued', on: plan.issuedOn }], { requestId: data.requestId });
}

/** reg 25: one decision per re-assessment request, unless an appeal sent the refusal back (reg 44, 45). */
export function assertReassessmentDecisionMade({ type, occurredOn, data }: ReassessmentDecisionMade, state: JourneyState): void {
  const r = requestOfKind(state, data.requestId, type, 'reassessment');
  assertDecisionMayBeMade(r, r.reassessmentDecision, r.reassessmentDecisionOn, data.decision === 'reassess');
  assertNotBeforePreviousSteps(type, occurredOn, [requested(r)], { requestId: r.requestId });
}

/** A placement belongs to the request whose plan names it or, for a change at review, to the plan in force. */
export function assertPlacementNamed({ type, occurredOn, data }: PlacementNamed, state: JourneyState): void {
  if (data.endedOn !== undefined && data.endedOn < data.startedOn) {
    throw new JourneyRuleViolation(
      'PLACEMENT_ENDS_BEFORE_IT_STARTS',
      `The placement ends on ${data.endedOn}, before it starts on ${data.startedOn}. Check both dates.`,
      { placementId: data.placementId, startedOn: data.startedOn, endedOn: data.endedOn },
    );
  }
  if (data.requestId !== undefined) {
    const r = requestOfKind(state, data.requestId, type, null);
    assertNotBeforePreviousSteps(type, occurredOn, [requested(r)], { requestId: r.requestId, placementId: data.placementId });
    return;
  }
  const plan = assertActivePlan(type, state);
  assertNotBeforePreviousSteps(type, occurredOn, [{ step: 'FinalPlanIssued', on: plan.issuedOn }], { placementId: data.placementId });
}

/** CFA 2014 s.49: a personal budget is agreed for the plan in force. */
export function assertPersonalBudgetAgreed({ type, occurredOn }: PersonalBudgetAgreed, state: JourneyState): void {
  const plan = assertActivePlan(type, state);
  assertNotBeforePreviousSteps(type, occurredOn, [{ step: 'FinalPlanIssued', on: plan.issuedOn }], { requestId: plan.requestId });
}
