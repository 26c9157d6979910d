import { activeEvents, voidedEventIds, type JourneyEvent, type RecordedJourneyEvent } from '../events';
import { currentStagesOf } from './current-stages.view';
import { caseClosed, childDetailsChanged, childRegistered } from './evolve/child.evolve';
import { amendedPlanIssued, annualReviewDecisionMade, annualReviewMeetingHeld, planCeased } from './evolve/ehc-plan.evolve';
import {
  adviceReceived,
  adviceRequested,
  decisionNotToIssuePlan,
  decisionToAssessMade,
  draftPlanIssued,
  ehcNeedsAssessmentRequested,
  finalPlanIssued,
  timescaleExceptionRecorded,
} from './evolve/ehc-request.evolve';
import {
  partTimeTimetableEnded,
  partTimeTimetableStarted,
  permanentExclusionOverturned,
  permanentExclusionRecorded,
  suspensionRecorded,
  suspensionRescinded,
} from './evolve/inclusion.evolve';
import {
  diagnosticOutcomeRecorded,
  initialAppointmentHeld,
  mdtTriageCompleted,
  preAssessmentInformationReceived,
  preAssessmentStarted,
  referralClosed,
  referralReceived,
} from './evolve/referral.evolve';
import { initialJourneyState, type JourneyState } from './journey.state';

/**
 * What one active event changes in the journey's stages. History bookkeeping (`events`,
 * `recordedEventIds`, `voidedEventIds`) and `currentStages` are handled by the callers.
 */
export function applyEvent(state: JourneyState, event: JourneyEvent): JourneyState {
  switch (event.type) {
    case 'ChildRegistered':
      return childRegistered(state, event);
    case 'ChildDetailsChanged':
      return childDetailsChanged(state, event);
    case 'ReferralReceived':
      return referralReceived(state, event);
    case 'PreAssessmentStarted':
      return preAssessmentStarted(state, event);
    case 'PreAssessmentInformationReceived':
      return preAssessmentInformationReceived(state, event);
    case 'MdtTriageCompleted':
      return mdtTriageCompleted(state, event);
    case 'InitialAppointmentHeld':
      return initialAppointmentHeld(state, event);
    case 'DiagnosticOutcomeRecorded':
      return diagnosticOutcomeRecorded(state, event);
    case 'ReferralClosed':
      return referralClosed(state, event);
    case 'EhcNeedsAssessmentRequested':
      return ehcNeedsAssessmentRequested(state, event);
    case 'DecisionToAssessMade':
      return decisionToAssessMade(state, event);
    case 'AdviceRequested':
      return adviceRequested(state, event);
    case 'AdviceReceived':
      return adviceReceived(state, event);
    case 'TimescaleExceptionRecorded':
      return timescaleExceptionRecorded(state, event);
    case 'DecisionNotToIssuePlan':
      return decisionNotToIssuePlan(state, event);
    case 'DraftPlanIssued':
      return draftPlanIssued(state, event);
    case 'FinalPlanIssued':
      return finalPlanIssued(state, event);
    case 'AnnualReviewMeetingHeld':
      return annualReviewMeetingHeld(state, event);
    case 'AnnualReviewDecisionMade':
      return annualReviewDecisionMade(state, event);
    case 'AmendedPlanIssued':
      return amendedPlanIssued(state, event);
    case 'PlanCeased':
      return planCeased(state, event);
    case 'SuspensionRecorded':
      return suspensionRecorded(state, event);
    case 'SuspensionRescinded':
      return suspensionRescinded(state, event);
    case 'PermanentExclusionRecorded':
      return permanentExclusionRecorded(state, event);
    case 'PermanentExclusionOverturned':
      return permanentExclusionOverturned(state, event);
    case 'PartTimeTimetableStarted':
      return partTimeTimetableStarted(state, event);
    case 'PartTimeTimetableEnded':
      return partTimeTimetableEnded(state, event);
    case 'CaseClosed':
      return caseClosed(state, event);
    case 'EventVoided':
      // Voiding changes which events count; foldJourney handles it by refolding.
      return state;
  }
}

/**
 * Folds a child's whole stream. Voided events and the `EventVoided` markers do not shape the
 * stages (docs/domain-rules.md §2), but every event id is remembered with its revision so a retried
 * command is recognised, and the voided ones are listed.
 */
export function foldJourney(events: readonly RecordedJourneyEvent[]): JourneyState {
  let state = initialJourneyState;
  for (const recorded of activeEvents(events)) state = applyEvent(state, recorded.event);
  const recordedEventIds: Record<string, number> = {};
  for (const { metadata, streamRevision } of events) recordedEventIds[metadata.eventId] = streamRevision;
  const voidedIds: Record<string, true> = {};
  for (const id of voidedEventIds(events)) voidedIds[id] = true;
  return withCurrentStages({ ...state, events: [...events], recordedEventIds, voidedEventIds: voidedIds });
}

/**
 * Applies one newly recorded event. An event id already seen changes nothing (at-least-once
 * delivery is safe). An `EventVoided` refolds the stream, because the voided event may have
 * shaped anything recorded since: the result is always the same as `foldJourney`.
 */
export function evolve(state: JourneyState, recorded: RecordedJourneyEvent): JourneyState {
  const { eventId } = recorded.metadata;
  if (Object.prototype.hasOwnProperty.call(state.recordedEventIds, eventId)) return state;
  if (recorded.event.type === 'EventVoided') return foldJourney([...state.events, recorded]);
  return withCurrentStages({
    ...applyEvent(state, recorded.event),
    events: [...state.events, recorded],
    recordedEventIds: { ...state.recordedEventIds, [eventId]: recorded.streamRevision },
  });
}

function withCurrentStages(state: JourneyState): JourneyState {
  return { ...state, currentStages: currentStagesOf(state) };
}
