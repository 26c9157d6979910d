import { addDays } from '../../dates';
import type {
  AdviceReceived,
  AdviceRequested,
  DecisionNotToIssuePlan,
  DecisionToAssessMade,
  DraftPlanIssued,
  EhcNeedsAssessmentRequested,
  FinalPlanIssued,
  ReassessmentDecisionMade,
  ReassessmentRequested,
  TimescaleExceptionRecorded,
} from '../../events';
import { entryOf, withEntry } from '../records';
import type { JourneyEhcRequest, JourneyEhcRequestStatus, JourneyState } from '../journey.state';
import { earlierOf, laterOf, updateEntry } from './state-updates';

/** reg 13(1): "at least 15 days beginning with" the day the draft is issued. */
export const DRAFT_RESPONSE_DAYS = 15;

/** The request's status follows from what has happened, whatever order it was recorded in. */
function statusOf(r: Omit<JourneyEhcRequest, 'status' | 'draftResponseWindowCut'>): JourneyEhcRequestStatus {
  if (r.finalIssuedOn !== null) return 'final-plan-issued';
  if (r.decisionNotToIssueOn !== null) return 'not-to-issue-plan';
  if (r.decision === 'not-assess') return 'not-to-assess';
  if (r.reassessmentDecision === 'not-reassess') return 'not-to-reassess';
  if (r.draftIssuedOn !== null) return 'draft-plan-issued';
  if (r.decision === 'assess' || r.reassessmentDecision === 'reassess') return 'assessing';
  return r.kind === 'reassessment' ? 'awaiting-decision-to-reassess' : 'awaiting-decision-to-assess';
}

/** The final plan came before the parent's 15 days to respond to the draft had run. */
function cutsDraftResponseWindow(r: Pick<JourneyEhcRequest, 'draftIssuedOn' | 'finalIssuedOn'>): boolean {
  if (r.draftIssuedOn === null || r.finalIssuedOn === null) return false;
  return r.finalIssuedOn < addDays(r.draftIssuedOn, DRAFT_RESPONSE_DAYS);
}

function withDerived(r: JourneyEhcRequest): JourneyEhcRequest {
  return { ...r, status: statusOf(r), draftResponseWindowCut: cutsDraftResponseWindow(r) };
}

function updateRequest(state: JourneyState, requestId: string, update: (r: JourneyEhcRequest) => JourneyEhcRequest): JourneyState {
  return { ...state, ehcRequests: updateEntry(state.ehcRequests, requestId, (r) => withDerived(update(r))) };
}

function newRequest(kind: JourneyEhcRequest['kind'], { occurredOn, data }: EhcNeedsAssessmentRequested | ReassessmentRequested): JourneyEhcRequest {
  return withDerived({
    requestId: data.requestId,
    kind,
    receivedOn: occurredOn,
    requestedBy: data.requestedBy,
    status: 'awaiting-decision-to-assess',
    decision: null,
    decisionOn: null,
    reassessmentDecision: null,
    reassessmentDecisionOn: null,
    reopenedByAppealOn: null,
    advice: {},
    exception: null,
    exceptionRecordedOn: null,
    draftIssuedOn: null,
    firstDraftIssuedOn: null,
    finalIssuedOn: null,
    placement: null,
    decisionNotToIssueOn: null,
    draftResponseWindowCut: false,
  });
}

export function ehcNeedsAssessmentRequested(state: JourneyState, event: EhcNeedsAssessmentRequested): JourneyState {
  return { ...state, ehcRequests: withEntry(state.ehcRequests, event.data.requestId, newRequest('assessment', event)) };
}

/** reg 24: a request to re-assess the needs of a child who has a plan; it follows the assessment's steps. */
export function reassessmentRequested(state: JourneyState, event: ReassessmentRequested): JourneyState {
  return { ...state, ehcRequests: withEntry(state.ehcRequests, event.data.requestId, newRequest('reassessment', event)) };
}

export function reassessmentDecisionMade(state: JourneyState, { occurredOn, data }: ReassessmentDecisionMade): JourneyState {
  return updateRequest(state, data.requestId, (r) => ({ ...r, reassessmentDecision: data.decision, reassessmentDecisionOn: occurredOn }));
}

/** An upheld or conceded appeal against a refusal lets the refused request take its next step again. */
export function reopenRequest(state: JourneyState, requestId: string, on: JourneyEhcRequest['reopenedByAppealOn']): JourneyState {
  return updateRequest(state, requestId, (r) => ({ ...r, reopenedByAppealOn: on }));
}

export function decisionToAssessMade(state: JourneyState, { occurredOn, data }: DecisionToAssessMade): JourneyState {
  return updateRequest(state, data.requestId, (r) => ({ ...r, decision: data.decision, decisionOn: occurredOn }));
}

export function adviceRequested(state: JourneyState, { occurredOn, data }: AdviceRequested): JourneyState {
  return updateRequest(state, data.requestId, (r) => ({
    ...r,
    advice: {
      ...r.advice,
      [data.adviceId]: { adviceId: data.adviceId, adviceType: data.adviceType, requestedOn: occurredOn, receivedOn: null },
    },
  }));
}

export function adviceReceived(state: JourneyState, { occurredOn, data }: AdviceReceived): JourneyState {
  return updateRequest(state, data.requestId, (r) => ({
    ...r,
    advice: updateEntry(r.advice, data.adviceId, (a) => ({ ...a, receivedOn: occurredOn })),
  }));
}

export function timescaleExceptionRecorded(state: JourneyState, { occurredOn, data }: TimescaleExceptionRecorded): JourneyState {
  return updateRequest(state, data.requestId, (r) =>
    r.exception !== null ? r : { ...r, exception: data.exception, exceptionRecordedOn: occurredOn },
  );
}

export function decisionNotToIssuePlan(state: JourneyState, { occurredOn, data }: DecisionNotToIssuePlan): JourneyState {
  return updateRequest(state, data.requestId, (r) => ({ ...r, decisionNotToIssueOn: occurredOn }));
}

/** A re-issued draft restarts the parent's 15 days, so the latest draft is the one that counts. */
export function draftPlanIssued(state: JourneyState, { occurredOn, data }: DraftPlanIssued): JourneyState {
  return updateRequest(state, data.requestId, (r) => ({
    ...r,
    draftIssuedOn: laterOf(r.draftIssuedOn, occurredOn),
    firstDraftIssuedOn: earlierOf(r.firstDraftIssuedOn, occurredOn),
  }));
}

/**
 * The final plan completes the request and becomes the child's active plan. A re-assessment's final plan
 * replaces the plan in force (reg 27): that plan ends as replaced, not ceased.
 */
export function finalPlanIssued(state: JourneyState, { occurredOn, data }: FinalPlanIssued): JourneyState {
  if (entryOf(state.ehcRequests, data.requestId) === undefined) return state;
  const updated = updateRequest(state, data.requestId, (r) => ({ ...r, finalIssuedOn: occurredOn, placement: data.placement }));
  const replaced = state.activePlan;
  return {
    ...updated,
    endedPlans:
      replaced === null
        ? updated.endedPlans
        : [
            ...updated.endedPlans,
            { requestId: replaced.requestId, issuedOn: replaced.issuedOn, endedAs: 'replaced', endedOn: occurredOn, reason: data.requestId },
          ],
    activePlan: {
      requestId: data.requestId,
      issuedOn: occurredOn,
      placement: data.placement,
      lastReviewMeetingOn: null,
      lastReviewDecision: null,
      lastReviewDecisionOn: null,
      amendedOn: null,
      amendedForPhaseTransfer: false,
      personalBudget: null,
    },
  };
}
