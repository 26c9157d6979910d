import { voidedEventIds, type JourneyEvent, type RecordedJourneyEvent } from '../events';
import { eventsAsOf } from '../clocks/events-as-of';
import { currentStagesOf } from './current-stages.view';
import { appealConceded, appealDecided, appealLodged, mediationRecorded } from './evolve/appeal.evolve';
import { caseClosed, childDetailsChanged, childRegistered } from './evolve/child.evolve';
import { amendedPlanIssued, annualReviewDecisionMade, annualReviewMeetingHeld, personalBudgetAgreed, planCeased } from './evolve/ehc-plan.evolve';
import {
  adviceReceived,
  adviceRequested,
  decisionNotToIssuePlan,
  decisionToAssessMade,
  draftPlanIssued,
  ehcNeedsAssessmentRequested,
  finalPlanIssued,
  reassessmentDecisionMade,
  reassessmentRequested,
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
import { placementNamed } from './evolve/placement.evolve';
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
import { eventsHistoryOf, RecordedEventIds, withEventAppended } from './recorded-history';

/**
 * What one active event changes in the journey's stages, applied in business-date order. History
 * bookkeeping (`events`, `recordedEventIds`, `voidedEventIds`) and `currentStages` are handled by the callers.
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
    case 'ReassessmentRequested':
      return reassessmentRequested(state, event);
    case 'ReassessmentDecisionMade':
      return reassessmentDecisionMade(state, event);
    case 'PlacementNamed':
      return placementNamed(state, event);
    case 'PersonalBudgetAgreed':
      return personalBudgetAgreed(state, event);
    case 'MediationRecorded':
      return mediationRecorded(state, event);
    case 'AppealLodged':
      return appealLodged(state, event);
    case 'AppealConceded':
      return appealConceded(state, event);
    case 'AppealDecided':
      return appealDecided(state, event);
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

/** Applies one active event at the end of the timeline, remembering how far the timeline reaches. */
export function applyInTimeline(state: JourneyState, { event }: RecordedJourneyEvent): JourneyState {
  const applied = applyEvent(state, event);
  return event.type === 'ChildRegistered' ? applied : { ...applied, foldedUpTo: event.occurredOn };
}

/**
 * Folds a child's whole stream in business-date order (docs/domain-rules.md §2). Voided events and the
 * `EventVoided` markers do not shape the stages, but every event id is remembered with its revision so a
 * retried command is recognised, and the voided ones are listed.
 */
export function foldJourney(events: readonly RecordedJourneyEvent[]): JourneyState {
  let state = initialJourneyState;
  for (const recorded of eventsAsOf(events)) state = applyInTimeline(state, recorded);
  const voidedIds = Object.create(null) as Record<string, true>;
  for (const id of voidedEventIds(events)) voidedIds[id] = true;
  return withCurrentStages({ ...state, events: eventsHistoryOf(events), recordedEventIds: RecordedEventIds.of(events), voidedEventIds: voidedIds });
}

/**
 * Applies one newly recorded event. An event id already seen changes nothing (at-least-once delivery is
 * safe). An event dated on or after everything folded so far goes on top of the timeline; a back-dated one,
 * a registration recorded after the history, or an `EventVoided`, changes what came before it, so the
 * stream is refolded. Either way the result equals `foldJourney` of the stream. On top, the history is shared with
 * `state`, not copied, so the cost does not grow with the length of the child's history.
 */
export function evolve(state: JourneyState, recorded: RecordedJourneyEvent): JourneyState {
  const { eventId } = recorded.metadata;
  if (state.recordedEventIds.has(eventId)) return state;
  if (!goesOnTop(state, recorded.event)) return foldJourney([...state.events, recorded]);
  return withCurrentStages({
    ...applyInTimeline(state, recorded),
    events: withEventAppended(state.events, recorded),
    recordedEventIds: RecordedEventIds.shared(state.recordedEventIds).with(eventId, recorded.streamRevision),
  });
}

/** The event sorts after everything folded so far, so it can be applied on top of the state. */
export function goesOnTop(state: JourneyState, event: JourneyEvent): boolean {
  if (event.type === 'EventVoided') return false;
  if (event.type === 'ChildRegistered') return state.foldedUpTo === null && state.child === null;
  return state.foldedUpTo === null || event.occurredOn >= state.foldedUpTo;
}

function withCurrentStages(state: JourneyState): JourneyState {
  return { ...state, currentStages: currentStagesOf(state) };
}
