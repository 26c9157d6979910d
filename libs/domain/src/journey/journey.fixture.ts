/**
 * Story helpers for the journey specs: plain data in, plain data out.
 *   const history = given(registered(), referralReceived('ref-1', '2024-02-01'));
 *   expect(accepts(history, preAssessmentStarted('ref-1', '2024-02-10'))).toBe(true);
 *   expect(refusal(history, preAssessmentStarted('ref-9', '2024-02-10'))).toMatchObject({ code: 'REFERRAL_NOT_FOUND' });
 * Event ids are `evt-<revision>`, so a spec can void "the third event" as `evt-2`.
 */
import type {
  AdviceType,
  AnnualReviewDecision,
  ChildRegistered,
  DecisionToAssess,
  DiagnosticOutcome,
  ExclusionReason,
  JourneyEvent,
  LocalDate,
  MdtTriageOutcome,
  PreAssessmentInformationSource,
  RecordedJourneyEvent,
  ReferralService,
  TimescaleException,
} from '../events';
import { DomainError } from '../errors';
import { decide, type RecordJourneyEvent } from './journey.decide';
import { foldJourney } from './journey.evolve';

export const CHILD_ID = 'child-1';
export const TODAY: LocalDate = '2025-06-30';

export function recordedAs(event: JourneyEvent, streamRevision: number, eventId = `evt-${streamRevision}`): RecordedJourneyEvent {
  return {
    event,
    streamRevision,
    metadata: {
      eventId,
      recordedAt: '2025-06-30T09:00:00.000Z',
      recordedBy: 'caseworker-1',
      correlationId: `corr-${streamRevision}`,
      schemaVersion: 1,
    },
  };
}

/** A stream as it would be stored, revisions from 0. */
export function given(...events: JourneyEvent[]): RecordedJourneyEvent[] {
  return events.map((e, i) => recordedAs(e, i));
}

/** The stream with one more event appended, as the store would after an accepted command. */
export function then(history: readonly RecordedJourneyEvent[], ...events: JourneyEvent[]): RecordedJourneyEvent[] {
  return [...history, ...events.map((e, i) => recordedAs(e, history.length + i))];
}

export function command(event: JourneyEvent, options: { eventId?: string; today?: LocalDate } = {}): RecordJourneyEvent {
  return { childId: CHILD_ID, eventId: options.eventId ?? 'new-event', event, today: options.today ?? TODAY };
}

/** When the command is decided on the folded history: the events it would write. */
export function when(
  history: readonly RecordedJourneyEvent[],
  event: JourneyEvent,
  options?: { eventId?: string; today?: LocalDate },
): JourneyEvent[] {
  return decide(command(event, options), foldJourney(history));
}

export function accepts(history: readonly RecordedJourneyEvent[], event: JourneyEvent, options?: { today?: LocalDate }): boolean {
  const written = when(history, event, options);
  if (written.length !== 1 || written[0] !== event) throw new Error(`expected [event], got ${JSON.stringify(written)}`);
  return true;
}

/** The domain error the command is refused with; fails the test if it is accepted. */
export function refusal(history: readonly RecordedJourneyEvent[], event: JourneyEvent, options?: { today?: LocalDate }): DomainError {
  try {
    when(history, event, options);
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error(`expected ${event.type} on ${event.occurredOn} to be refused, but it was accepted`);
}

// Events, with defaults a caseworker would recognise.
export const registered = (on: LocalDate = '2024-01-02', data: Partial<ChildRegistered['data']> = {}): JourneyEvent => ({
  type: 'ChildRegistered',
  occurredOn: on,
  data: { givenName: 'Amara', familyName: 'Okafor', dateOfBirth: '2016-05-14', area: 'taunton', school: 'Oak Primary', ...data },
});
export const detailsChanged = (on: LocalDate, data: { school?: string; area?: string; caseworker?: string }): JourneyEvent => ({
  type: 'ChildDetailsChanged',
  occurredOn: on,
  data,
});

export const referralReceived = (referralId: string, on: LocalDate, service: ReferralService = 'autism-assessment'): JourneyEvent => ({
  type: 'ReferralReceived',
  occurredOn: on,
  data: { referralId, service, source: 'school' },
});
export const preAssessmentStarted = (referralId: string, on: LocalDate): JourneyEvent => ({
  type: 'PreAssessmentStarted',
  occurredOn: on,
  data: { referralId },
});
export const informationReceived = (referralId: string, on: LocalDate, from: PreAssessmentInformationSource = 'school'): JourneyEvent => ({
  type: 'PreAssessmentInformationReceived',
  occurredOn: on,
  data: { referralId, from },
});
export const triaged = (referralId: string, on: LocalDate, outcome: MdtTriageOutcome = 'accepted'): JourneyEvent => ({
  type: 'MdtTriageCompleted',
  occurredOn: on,
  data: { referralId, outcome },
});
export const initialAppointment = (referralId: string, on: LocalDate): JourneyEvent => ({
  type: 'InitialAppointmentHeld',
  occurredOn: on,
  data: { referralId },
});
export const diagnosticOutcome = (referralId: string, on: LocalDate, outcome: DiagnosticOutcome = 'autism-diagnosed'): JourneyEvent => ({
  type: 'DiagnosticOutcomeRecorded',
  occurredOn: on,
  data: { referralId, outcome },
});
export const referralClosed = (referralId: string, on: LocalDate, reason = 'assessment complete'): JourneyEvent => ({
  type: 'ReferralClosed',
  occurredOn: on,
  data: { referralId, reason },
});

export const ehcRequested = (requestId: string, on: LocalDate): JourneyEvent => ({
  type: 'EhcNeedsAssessmentRequested',
  occurredOn: on,
  data: { requestId, requestedBy: 'parent' },
});
export const decidedToAssess = (requestId: string, on: LocalDate, decision: DecisionToAssess = 'assess'): JourneyEvent => ({
  type: 'DecisionToAssessMade',
  occurredOn: on,
  data: { requestId, decision },
});
export const adviceRequested = (
  requestId: string,
  adviceId: string,
  on: LocalDate,
  adviceType: AdviceType = 'educational-psychology',
): JourneyEvent => ({
  type: 'AdviceRequested',
  occurredOn: on,
  data: { requestId, adviceId, adviceType },
});
export const adviceReceived = (requestId: string, adviceId: string, on: LocalDate): JourneyEvent => ({
  type: 'AdviceReceived',
  occurredOn: on,
  data: { requestId, adviceId },
});
export const exceptionRecorded = (requestId: string, on: LocalDate, exception: TimescaleException = 'school-closure'): JourneyEvent => ({
  type: 'TimescaleExceptionRecorded',
  occurredOn: on,
  data: { requestId, exception },
});
export const decidedNotToIssue = (requestId: string, on: LocalDate): JourneyEvent => ({
  type: 'DecisionNotToIssuePlan',
  occurredOn: on,
  data: { requestId },
});
export const draftIssued = (requestId: string, on: LocalDate): JourneyEvent => ({ type: 'DraftPlanIssued', occurredOn: on, data: { requestId } });
export const finalIssued = (requestId: string, on: LocalDate, placement = 'Oak Primary with support'): JourneyEvent => ({
  type: 'FinalPlanIssued',
  occurredOn: on,
  data: { requestId, placement },
});

export const reviewMeeting = (on: LocalDate): JourneyEvent => ({ type: 'AnnualReviewMeetingHeld', occurredOn: on, data: {} });
export const reviewDecision = (on: LocalDate, decision: AnnualReviewDecision = 'maintain'): JourneyEvent => ({
  type: 'AnnualReviewDecisionMade',
  occurredOn: on,
  data: { decision },
});
export const amendedPlan = (on: LocalDate, placement = 'Elm Academy', phaseTransfer?: boolean): JourneyEvent => ({
  type: 'AmendedPlanIssued',
  occurredOn: on,
  data: phaseTransfer === undefined ? { placement } : { placement, phaseTransfer },
});
export const planCeased = (on: LocalDate, reason = 'outcomes achieved'): JourneyEvent => ({ type: 'PlanCeased', occurredOn: on, data: { reason } });

export const suspended = (
  suspensionId: string,
  on: LocalDate,
  schoolDays = 2,
  school = 'Oak Primary',
  reason: ExclusionReason = 'persistent-disruptive-behaviour',
): JourneyEvent => ({
  type: 'SuspensionRecorded',
  occurredOn: on,
  data: { suspensionId, school, schoolDays, reason },
});
export const suspensionRescinded = (suspensionId: string, on: LocalDate): JourneyEvent => ({
  type: 'SuspensionRescinded',
  occurredOn: on,
  data: { suspensionId },
});
export const excluded = (exclusionId: string, on: LocalDate, school = 'Oak Primary'): JourneyEvent => ({
  type: 'PermanentExclusionRecorded',
  occurredOn: on,
  data: { exclusionId, school, reason: 'physical-assault-against-adult' },
});
export const exclusionOverturned = (exclusionId: string, on: LocalDate): JourneyEvent => ({
  type: 'PermanentExclusionOverturned',
  occurredOn: on,
  data: { exclusionId },
});
export const partTimeStarted = (school: string, on: LocalDate): JourneyEvent => ({
  type: 'PartTimeTimetableStarted',
  occurredOn: on,
  data: { school },
});
export const partTimeEnded = (school: string, on: LocalDate): JourneyEvent => ({ type: 'PartTimeTimetableEnded', occurredOn: on, data: { school } });

export const voided = (eventId: string, on: LocalDate = '2025-06-01', reason = 'recorded in error'): JourneyEvent => ({
  type: 'EventVoided',
  occurredOn: on,
  data: { eventId, reason },
});
export const caseClosed = (on: LocalDate, reason = 'moved out of area'): JourneyEvent => ({ type: 'CaseClosed', occurredOn: on, data: { reason } });

/** A request that reached a final plan: requested 10 Jan, assess 14 Feb, draft 2 May, final 23 May 2024. */
export const PLAN_REQUEST = 'req-1';
export function planIssued(finalOn: LocalDate = '2024-05-23'): JourneyEvent[] {
  return [
    ehcRequested(PLAN_REQUEST, '2024-01-10'),
    decidedToAssess(PLAN_REQUEST, '2024-02-14'),
    draftIssued(PLAN_REQUEST, '2024-05-02'),
    finalIssued(PLAN_REQUEST, finalOn),
  ];
}
