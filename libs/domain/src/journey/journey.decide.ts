import type { JourneyEvent, LocalDate, RecordedJourneyEvent } from '../events';
import { DomainError, JourneyRuleViolation } from '../errors';
import { compareInTimeline, eventsAsOf } from '../clocks/events-as-of';
import { applyInTimeline, goesOnTop } from './journey.evolve';
import { initialJourneyState, type JourneyState } from './journey.state';
import { assertAppealConceded, assertAppealDecided, assertAppealLodged, assertMediationRecorded } from './rules/appeal.rules';
import {
  assertPersonalBudgetAgreed,
  assertPlacementNamed,
  assertReassessmentDecisionMade,
  assertReassessmentRequested,
} from './rules/reassessment.rules';
import { STEP_LABELS } from './rules/step-labels';
import { assertCaseOpen, assertNotInFuture, assertRegistration } from './rules/any-event.rules';
import { assertChildRegisteredDetails } from './rules/child.rules';
import { assertReviewOfActivePlan } from './rules/ehc-plan.rules';
import {
  assertAdviceReceived,
  assertAdviceRequested,
  assertDecisionNotToIssuePlan,
  assertDecisionToAssessMade,
  assertDraftPlanIssued,
  assertEhcNeedsAssessmentRequested,
  assertFinalPlanIssued,
  assertTimescaleExceptionRecorded,
} from './rules/ehc-request.rules';
import {
  assertPartTimeTimetableEnded,
  assertPartTimeTimetableStarted,
  assertPermanentExclusionOverturned,
  assertPermanentExclusionRecorded,
  assertSuspensionRecorded,
  assertSuspensionRescinded,
} from './rules/inclusion.rules';
import {
  assertDiagnosticOutcomeRecorded,
  assertInitialAppointmentHeld,
  assertMdtTriageCompleted,
  assertPreAssessmentInformationReceived,
  assertPreAssessmentStarted,
  assertReferralClosed,
  assertReferralReceived,
} from './rules/referral.rules';
import { assertCanVoid } from './rules/void.rules';

/** A caseworker (or an integration) asks to record one event in a child's journey. */
export interface RecordJourneyEvent {
  readonly childId: string;
  /** Chosen by the caller so a retry of the same request is recognised. */
  readonly eventId: string;
  readonly event: JourneyEvent;
  /** The business date today: the domain reads no clock. */
  readonly today: LocalDate;
}

/**
 * Decides whether the event may be recorded, given the journey so far (docs/domain-rules.md §2, §3).
 * Returns `[command.event]` when accepted, and `[]` when `command.eventId` is already in the
 * stream: a retry, whose original result is `state.recordedEventIds.get(eventId)`. Otherwise throws
 * `ChildNotRegistered` or `JourneyRuleViolation`, and nothing is written. Never mutates.
 *
 * The event is checked in its business-date place in the journey, the same timeline every view
 * reads: it must be valid there, and every step dated after it must still be valid with it in place
 * (a back-dated FinalPlanIssued before the PlanCeased that ends the previous plan is refused).
 */
export function decide(command: RecordJourneyEvent, state: JourneyState): JourneyEvent[] {
  if (state.recordedEventIds.has(command.eventId)) return [];
  assertRegistration(command.event, state, command.childId);
  assertNotInFuture(command.event, command.today);
  if (command.event.type === 'EventVoided') {
    const voided = command.event;
    assertCanVoid(voided, state, (timeline, from) => assertTimelineHolds(timeline, from, command, null));
  } else {
    const candidate = candidateOf(command, state);
    if (goesOnTop(state, command.event)) {
      // Nothing is dated after it, so the journey so far is the journey just before it: no replay needed.
      assertTimelineHolds([candidate], 0, command, { candidate, state }, state);
    } else {
      const timeline = [...eventsAsOf(state.events), candidate].sort(compareInTimeline);
      assertTimelineHolds(timeline, timeline.indexOf(candidate), command, { candidate, state });
    }
  }
  return [command.event];
}

/** The command as it would be recorded: after every event already in the stream. */
function candidateOf(command: RecordJourneyEvent, state: JourneyState): RecordedJourneyEvent {
  return {
    event: command.event,
    metadata: { eventId: command.eventId, recordedAt: '', recordedBy: '', correlationId: '', schemaVersion: 0 },
    streamRevision: (state.events.at(-1)?.streamRevision ?? -1) + 1,
  };
}

/**
 * Replays the timeline (active events in business-date order), checking every event from position
 * `from` on against the journey as it stood just before it. A refusal of the new event itself is
 * thrown as it is; a refusal of a later step says which step would break and why.
 */
function assertTimelineHolds(
  timeline: readonly RecordedJourneyEvent[],
  from: number,
  { childId, today }: Pick<RecordJourneyEvent, 'childId' | 'today'>,
  adding: { candidate: RecordedJourneyEvent; state: JourneyState } | null,
  before: JourneyState = initialJourneyState,
): void {
  let state = before;
  timeline.forEach((recorded, at) => {
    if (at >= from) {
      try {
        assertStep(recorded.event, state, childId, today);
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        const refusal = adding !== null && recorded === adding.candidate ? error : breaksLaterStep(error, recorded);
        throw adding === null ? refusal : explainDateOrder(refusal, adding.candidate.event, adding.state, childId, today);
      }
    }
    state = applyInTimeline(state, recorded);
  });
}

/**
 * When the new step does not fit in its place because a step it follows is dated after it, that is the
 * clearer reason to give (with both dates) than whatever broke in the replay.
 */
function explainDateOrder(error: DomainError, event: JourneyEvent, whole: JourneyState, childId: string, today: LocalDate): DomainError {
  try {
    assertStep(event, whole, childId, today);
  } catch (wholeError) {
    if (wholeError instanceof JourneyRuleViolation && wholeError.code === 'OCCURRED_BEFORE_PREVIOUS_STEP') return wholeError;
  }
  return error;
}

function breaksLaterStep(error: DomainError, later: RecordedJourneyEvent): JourneyRuleViolation {
  const { event, metadata } = later;
  return new JourneyRuleViolation(
    'BREAKS_LATER_STEP',
    `This entry would make a later step invalid: ${event.type} on ${event.occurredOn} (${STEP_LABELS[event.type]}) would be refused: ${error.message}`,
    { laterEventId: metadata.eventId, laterEventType: event.type, laterOccurredOn: event.occurredOn, laterRule: error.code },
  );
}

/** The order rules for one step, against the journey as it stands just before it. */
function assertStep(event: JourneyEvent, state: JourneyState, childId: string, today: LocalDate): void {
  assertRegistration(event, state, childId);
  assertCaseOpen(event, state);
  switch (event.type) {
    case 'ChildRegistered':
      return assertChildRegisteredDetails(event, today);
    case 'ChildDetailsChanged':
    case 'CaseClosed':
      return; // registration and an open case are all they need
    case 'ReferralReceived':
      return assertReferralReceived(event, state);
    case 'PreAssessmentStarted':
      return assertPreAssessmentStarted(event, state);
    case 'PreAssessmentInformationReceived':
      return assertPreAssessmentInformationReceived(event, state);
    case 'MdtTriageCompleted':
      return assertMdtTriageCompleted(event, state);
    case 'InitialAppointmentHeld':
      return assertInitialAppointmentHeld(event, state);
    case 'DiagnosticOutcomeRecorded':
      return assertDiagnosticOutcomeRecorded(event, state);
    case 'ReferralClosed':
      return assertReferralClosed(event, state);
    case 'EhcNeedsAssessmentRequested':
      return assertEhcNeedsAssessmentRequested(event, state);
    case 'DecisionToAssessMade':
      return assertDecisionToAssessMade(event, state);
    case 'AdviceRequested':
      return assertAdviceRequested(event, state);
    case 'AdviceReceived':
      return assertAdviceReceived(event, state);
    case 'TimescaleExceptionRecorded':
      return assertTimescaleExceptionRecorded(event, state);
    case 'DecisionNotToIssuePlan':
      return assertDecisionNotToIssuePlan(event, state);
    case 'DraftPlanIssued':
      return assertDraftPlanIssued(event, state);
    case 'FinalPlanIssued':
      return assertFinalPlanIssued(event, state);
    case 'ReassessmentRequested':
      return assertReassessmentRequested(event, state);
    case 'ReassessmentDecisionMade':
      return assertReassessmentDecisionMade(event, state);
    case 'PlacementNamed':
      return assertPlacementNamed(event, state);
    case 'PersonalBudgetAgreed':
      return assertPersonalBudgetAgreed(event, state);
    case 'MediationRecorded':
      return assertMediationRecorded(event, state);
    case 'AppealLodged':
      return assertAppealLodged(event, state);
    case 'AppealConceded':
      return assertAppealConceded(event, state);
    case 'AppealDecided':
      return assertAppealDecided(event, state);
    case 'AnnualReviewMeetingHeld':
    case 'AnnualReviewDecisionMade':
    case 'AmendedPlanIssued':
    case 'PlanCeased':
      return assertReviewOfActivePlan(event, state);
    case 'SuspensionRecorded':
      return assertSuspensionRecorded(event, state);
    case 'SuspensionRescinded':
      return assertSuspensionRescinded(event, state);
    case 'PermanentExclusionRecorded':
      return assertPermanentExclusionRecorded(event, state);
    case 'PermanentExclusionOverturned':
      return assertPermanentExclusionOverturned(event, state);
    case 'PartTimeTimetableStarted':
      return assertPartTimeTimetableStarted(event, state);
    case 'PartTimeTimetableEnded':
      return assertPartTimeTimetableEnded(event, state);
    case 'EventVoided':
      // Voids are checked against the whole journey by assertCanVoid and never enter the timeline.
      return;
    default:
      return assertNever(event);
  }
}

function assertNever(event: never): never {
  throw new Error(`No order rule for ${(event as JourneyEvent).type}`);
}
