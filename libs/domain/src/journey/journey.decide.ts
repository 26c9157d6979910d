import type { JourneyEvent, LocalDate } from '../events';
import type { JourneyState } from './journey.state';
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
 * Decides whether the event may be recorded, given the journey so far (docs/domain-rules.md §3).
 * Returns `[command.event]` when accepted, and `[]` when `command.eventId` is already in the
 * stream: a retry, whose original result is `state.recordedEventIds[eventId]`. Otherwise throws
 * `ChildNotRegistered` or `JourneyRuleViolation`, and nothing is written. Never mutates.
 */
export function decide(command: RecordJourneyEvent, state: JourneyState): JourneyEvent[] {
  if (Object.prototype.hasOwnProperty.call(state.recordedEventIds, command.eventId)) return [];
  assertAccepted(command, state);
  return [command.event];
}

function assertAccepted({ childId, event, today }: RecordJourneyEvent, state: JourneyState): void {
  assertRegistration(event, state, childId);
  assertNotInFuture(event, today);
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
      // Each later event is re-checked as if recorded without the target; its own date is
      // "today" for that check, since it was accepted when it was recorded.
      return assertCanVoid(event, state, (later, stateBefore) =>
        assertAccepted({ childId, eventId: later.metadata.eventId, event: later.event, today: later.event.occurredOn }, stateBefore),
      );
  }
}
