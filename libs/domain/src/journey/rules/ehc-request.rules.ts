import type {
  AdviceReceived,
  AdviceRequested,
  DecisionNotToIssuePlan,
  DecisionToAssessMade,
  DraftPlanIssued,
  EhcNeedsAssessmentRequested,
  FinalPlanIssued,
  JourneyEventType,
  TimescaleExceptionRecorded,
} from '../../events';
import { JourneyRuleViolation } from '../../errors';
import type { JourneyEhcRequest, JourneyState } from '../journey.state';
import { entriesOf, entryOf, hasEntry } from '../records';
import { STEP_LABELS } from './step-labels';
import { assertNotAfterNextSteps, assertNotBeforePreviousSteps, type DatedStep } from './step-order.rule';

/**
 * EHC needs assessment (SEND Regulations 2014 reg 4–13): request → decision to assess (reg 5)
 * → advice (reg 8) → draft plan or decision not to issue (reg 10) → final plan (reg 13).
 */

export function assertEhcNeedsAssessmentRequested({ data }: EhcNeedsAssessmentRequested, state: JourneyState): void {
  if (hasEntry(state.ehcRequests, data.requestId)) {
    throw new JourneyRuleViolation(
      'REQUEST_ID_IN_USE',
      `EHC needs assessment request ${data.requestId} is already recorded for this child. Use a new request id for a new request.`,
      { requestId: data.requestId },
    );
  }
}

/** reg 5: one decision per request. A wrong decision is corrected by voiding it. */
export function assertDecisionToAssessMade({ occurredOn, data }: DecisionToAssessMade, state: JourneyState): void {
  const r = request(state, data.requestId, 'DecisionToAssessMade');
  if (r.decision !== null) {
    throw new JourneyRuleViolation(
      'DECISION_ALREADY_MADE',
      `The decision whether to assess request ${r.requestId} was already recorded (${r.decision}, ${r.decisionOn}). To correct it, void that entry first.`,
      { requestId: r.requestId, decision: r.decision, decisionOn: r.decisionOn },
    );
  }
  const context = { requestId: r.requestId };
  assertNotBeforePreviousSteps('DecisionToAssessMade', occurredOn, [requested(r)], context);
  assertNotAfterNextSteps(
    'DecisionToAssessMade',
    occurredOn,
    [
      { step: 'DraftPlanIssued', on: r.firstDraftIssuedOn },
      { step: 'DecisionNotToIssuePlan', on: r.decisionNotToIssueOn },
      { step: 'FinalPlanIssued', on: r.finalIssuedOn },
    ],
    context,
  );
}

/** Advice ids are unique in the child's stream, not just in the request (docs/domain-rules.md §3). */
export function assertAdviceRequested({ occurredOn, data }: AdviceRequested, state: JourneyState): void {
  const r = request(state, data.requestId, 'AdviceRequested');
  const holder = entriesOf(state.ehcRequests).find((q) => hasEntry(q.advice, data.adviceId));
  if (holder !== undefined) {
    throw new JourneyRuleViolation(
      'ADVICE_ID_IN_USE',
      `Advice ${data.adviceId} is already recorded (request ${holder.requestId}). Use a new advice id for a new request for advice.`,
      { requestId: r.requestId, adviceId: data.adviceId, usedByRequestId: holder.requestId },
    );
  }
  assertNotBeforePreviousSteps('AdviceRequested', occurredOn, [requested(r)], { requestId: r.requestId, adviceId: data.adviceId });
}

/** reg 8: the advice clock runs from the request for that advice to its receipt. */
export function assertAdviceReceived({ occurredOn, data }: AdviceReceived, state: JourneyState): void {
  const r = request(state, data.requestId, 'AdviceReceived');
  const advice = entryOf(r.advice, data.adviceId);
  if (advice === undefined) {
    throw new JourneyRuleViolation(
      'ADVICE_NOT_FOUND',
      `No advice ${data.adviceId} was requested for request ${r.requestId}. Record AdviceRequested first.`,
      { requestId: r.requestId, adviceId: data.adviceId },
    );
  }
  if (advice.receivedOn !== null) {
    throw new JourneyRuleViolation(
      'ADVICE_ALREADY_RECEIVED',
      `Advice ${data.adviceId} was already received on ${advice.receivedOn}. To correct the date, void that entry first.`,
      { requestId: r.requestId, adviceId: data.adviceId, receivedOn: advice.receivedOn },
    );
  }
  assertNotBeforePreviousSteps('AdviceReceived', occurredOn, [requested(r), { step: 'AdviceRequested', on: advice.requestedOn }], {
    requestId: r.requestId,
    adviceId: data.adviceId,
  });
}

/** reg 10(4): an exception can be recorded at any point after the request. */
export function assertTimescaleExceptionRecorded({ occurredOn, data }: TimescaleExceptionRecorded, state: JourneyState): void {
  const r = request(state, data.requestId, 'TimescaleExceptionRecorded');
  assertNotBeforePreviousSteps('TimescaleExceptionRecorded', occurredOn, [requested(r)], { requestId: r.requestId });
}

/** reg 10(1)(b): the alternative to a draft plan; it cannot follow a final plan. */
export function assertDecisionNotToIssuePlan({ occurredOn, data }: DecisionNotToIssuePlan, state: JourneyState): void {
  const r = request(state, data.requestId, 'DecisionNotToIssuePlan');
  assertNoFinalPlanYet(r);
  assertNotDecidedNotToIssue(r);
  assertNotBeforePreviousSteps('DecisionNotToIssuePlan', occurredOn, [requested(r), decided(r)], { requestId: r.requestId });
}

export function assertDraftPlanIssued({ occurredOn, data }: DraftPlanIssued, state: JourneyState): void {
  const r = request(state, data.requestId, 'DraftPlanIssued');
  const context = { requestId: r.requestId };
  assertNotBeforePreviousSteps('DraftPlanIssued', occurredOn, [requested(r), decided(r)], context);
  assertNotAfterNextSteps('DraftPlanIssued', occurredOn, [{ step: 'FinalPlanIssued', on: r.finalIssuedOn }], context);
}

/**
 * reg 13: the final plan needs a decision to assess for the same request, no decision not to
 * issue, and no other active plan (a child has one EHC plan). It is not refused for coming less
 * than 15 days after the draft: that is recorded and flagged as `draftResponseWindowCut`.
 */
export function assertFinalPlanIssued({ occurredOn, data }: FinalPlanIssued, state: JourneyState): void {
  const r = request(state, data.requestId, 'FinalPlanIssued');
  assertNoFinalPlanYet(r);
  if (r.decision !== 'assess') {
    throw new JourneyRuleViolation(
      'FINAL_PLAN_NEEDS_DECISION_TO_ASSESS',
      r.decision === null
        ? `No decision to assess is recorded for request ${r.requestId}. Record DecisionToAssessMade (assess) before the final plan.`
        : `The LA decided not to assess request ${r.requestId} (${r.decisionOn}), so no plan can be issued for it.`,
      { requestId: r.requestId, decision: r.decision },
    );
  }
  assertNotDecidedNotToIssue(r);
  if (state.activePlan !== null) {
    throw new JourneyRuleViolation(
      'PLAN_ALREADY_ACTIVE',
      `The child already has an active EHC plan (request ${state.activePlan.requestId}, issued ${state.activePlan.issuedOn}). Record PlanCeased before issuing another, or record an AmendedPlanIssued.`,
      { requestId: r.requestId, activePlanRequestId: state.activePlan.requestId, activePlanIssuedOn: state.activePlan.issuedOn },
    );
  }
  assertNotBeforePreviousSteps(
    'FinalPlanIssued',
    occurredOn,
    [requested(r), decided(r), { step: 'DraftPlanIssued', on: r.draftIssuedOn }],
    { requestId: r.requestId },
  );
}

function request(state: JourneyState, requestId: string, step: JourneyEventType): JourneyEhcRequest {
  const r = entryOf(state.ehcRequests, requestId);
  if (r === undefined) {
    throw new JourneyRuleViolation(
      'REQUEST_NOT_FOUND',
      `There is no EHC needs assessment request ${requestId} for this child. Record EhcNeedsAssessmentRequested before ${STEP_LABELS[step]}.`,
      { requestId, step },
    );
  }
  return r;
}

function assertNoFinalPlanYet(r: JourneyEhcRequest): void {
  if (r.finalIssuedOn === null) return;
  throw new JourneyRuleViolation(
    'FINAL_PLAN_ALREADY_ISSUED',
    `The final plan for request ${r.requestId} was already issued on ${r.finalIssuedOn}. Changes to it are recorded as AmendedPlanIssued.`,
    { requestId: r.requestId, finalIssuedOn: r.finalIssuedOn },
  );
}

function assertNotDecidedNotToIssue(r: JourneyEhcRequest): void {
  if (r.decisionNotToIssueOn === null) return;
  throw new JourneyRuleViolation(
    'DECIDED_NOT_TO_ISSUE_PLAN',
    `The LA decided not to issue a plan for request ${r.requestId} on ${r.decisionNotToIssueOn}. If that decision was recorded in error, void it first.`,
    { requestId: r.requestId, decisionNotToIssueOn: r.decisionNotToIssueOn },
  );
}

const requested = (r: JourneyEhcRequest): DatedStep => ({ step: 'EhcNeedsAssessmentRequested', on: r.receivedOn });
const decided = (r: JourneyEhcRequest): DatedStep => ({ step: 'DecisionToAssessMade', on: r.decisionOn });
