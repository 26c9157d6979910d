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
  const r = requestOfKind(state, data.requestId, 'DecisionToAssessMade', 'assessment');
  assertDecisionMayBeMade(r, r.decision, r.decisionOn, data.decision === 'assess');
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

/**
 * reg 10(4) (and reg 27(3) for re-assessments): an exception switches off the limits of clocks still
 * running, so it may be recorded at any point after the request until the request's last clock stops
 * (a final plan, a decision not to assess or re-assess, or not to issue). Dated after that, it would
 * silently move a late plan out of DfE's "excluding exceptions" figure, so it is refused.
 */
export function assertTimescaleExceptionRecorded({ occurredOn, data }: TimescaleExceptionRecorded, state: JourneyState): void {
  const r = request(state, data.requestId, 'TimescaleExceptionRecorded');
  assertNotBeforePreviousSteps('TimescaleExceptionRecorded', occurredOn, [requested(r)], { requestId: r.requestId });
  const lastStop = lastClockStop(r);
  if (lastStop !== null && occurredOn > lastStop.on) {
    throw new JourneyRuleViolation(
      'EXCEPTION_AFTER_LAST_CLOCK_STOPPED',
      `The exception is dated ${occurredOn}, after ${STEP_LABELS[lastStop.step]} (${lastStop.on}) for request ${r.requestId}, when its last time limit had already stopped. An exception can only switch off a time limit that was still running.`,
      { requestId: r.requestId, occurredOn, lastStep: lastStop.step, lastStepOn: lastStop.on },
    );
  }
}

/** The step that stopped the request's last statutory clock, if it has stopped. */
function lastClockStop(r: JourneyEhcRequest): { step: JourneyEventType; on: string } | null {
  if (r.finalIssuedOn !== null) return { step: 'FinalPlanIssued', on: r.finalIssuedOn };
  if (r.decisionNotToIssueOn !== null) return { step: 'DecisionNotToIssuePlan', on: r.decisionNotToIssueOn };
  if (r.decision === 'not-assess' && r.decisionOn !== null) return { step: 'DecisionToAssessMade', on: r.decisionOn };
  if (r.reassessmentDecision === 'not-reassess' && r.reassessmentDecisionOn !== null) {
    return { step: 'ReassessmentDecisionMade', on: r.reassessmentDecisionOn };
  }
  return null;
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
  if (r.kind === 'reassessment') return assertReassessedPlanIssued(r, occurredOn);
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
  assertNotBeforePreviousSteps('FinalPlanIssued', occurredOn, [requested(r), decided(r), { step: 'DraftPlanIssued', on: r.draftIssuedOn }], {
    requestId: r.requestId,
  });
}

/**
 * reg 27: a re-assessment's final plan needs a decision to re-assess, and replaces the plan in force rather
 * than breaking "only one active plan".
 */
function assertReassessedPlanIssued(r: JourneyEhcRequest, occurredOn: string): void {
  if (r.reassessmentDecision !== 'reassess') {
    throw new JourneyRuleViolation(
      'FINAL_PLAN_NEEDS_DECISION_TO_REASSESS',
      r.reassessmentDecision === null
        ? `No decision to re-assess is recorded for request ${r.requestId}. Record ReassessmentDecisionMade (reassess) before the final plan.`
        : `The LA decided not to re-assess request ${r.requestId} (${String(r.reassessmentDecisionOn)}), so no new plan can be issued for it.`,
      { requestId: r.requestId, decision: r.reassessmentDecision },
    );
  }
  assertNotDecidedNotToIssue(r);
  assertNotBeforePreviousSteps(
    'FinalPlanIssued',
    occurredOn,
    [requested(r), { step: 'ReassessmentDecisionMade', on: r.reassessmentDecisionOn }, { step: 'DraftPlanIssued', on: r.draftIssuedOn }],
    { requestId: r.requestId },
  );
}

/**
 * One decision per request. An upheld or conceded appeal against the refusal (reg 44, 45) reopens the
 * request: a decision in the appellant's favour may then be recorded on the same request.
 */
export function assertDecisionMayBeMade(r: JourneyEhcRequest, decision: string | null, decisionOn: string | null, favourable: boolean): void {
  if (decision === null) return;
  const reopened = r.reopenedByAppealOn !== null && decisionOn !== null && r.reopenedByAppealOn >= decisionOn;
  if (reopened && favourable) return;
  throw new JourneyRuleViolation(
    'DECISION_ALREADY_MADE',
    `The decision on request ${r.requestId} was already recorded (${decision}, ${String(decisionOn)}). To correct it, void that entry first.`,
    { requestId: r.requestId, decision, decisionOn },
  );
}

/** The request, which must be of the given kind (null: either) for this step. */
export function requestOfKind(
  state: JourneyState,
  requestId: string,
  step: JourneyEventType,
  kind: JourneyEhcRequest['kind'] | null,
): JourneyEhcRequest {
  const r = request(state, requestId, step);
  if (kind === null || r.kind === kind) return r;
  throw new JourneyRuleViolation(
    'WRONG_KIND_OF_REQUEST',
    kind === 'assessment'
      ? `Request ${requestId} is a re-assessment request: record ReassessmentDecisionMade for it, not ${step}.`
      : `Request ${requestId} is an EHC needs assessment request, not a re-assessment: record DecisionToAssessMade for it, not ${step}.`,
    { requestId, step, kind: r.kind },
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

/** A decision not to issue stands unless an appeal against it (reg 44, 45) reopened the request. */
function assertNotDecidedNotToIssue(r: JourneyEhcRequest): void {
  if (r.decisionNotToIssueOn === null) return;
  if (r.reopenedByAppealOn !== null && r.reopenedByAppealOn >= r.decisionNotToIssueOn) return;
  throw new JourneyRuleViolation(
    'DECIDED_NOT_TO_ISSUE_PLAN',
    `The LA decided not to issue a plan for request ${r.requestId} on ${r.decisionNotToIssueOn}. If that decision was recorded in error, void it first.`,
    { requestId: r.requestId, decisionNotToIssueOn: r.decisionNotToIssueOn },
  );
}

export const requested = (r: JourneyEhcRequest): DatedStep => ({
  step: r.kind === 'reassessment' ? 'ReassessmentRequested' : 'EhcNeedsAssessmentRequested',
  on: r.receivedOn,
});
const decided = (r: JourneyEhcRequest): DatedStep =>
  r.kind === 'reassessment' ? { step: 'ReassessmentDecisionMade', on: r.reassessmentDecisionOn } : { step: 'DecisionToAssessMade', on: r.decisionOn };
