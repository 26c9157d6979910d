import type { JourneyEvent } from '../events';
import { computeWaitingTimes, summariseWaits } from '.';
import { child, stream, voided } from '../clocks/testing/journey-fixture';

/*
 * Autism referral received 15 Jan 2024. By hand (2024 is a leap year):
 *   pre-assessment 1 Feb 2024 = 17 days; decisive triage 1 Apr 2024 = 77 days;
 *   initial appointment 15 May 2025 = 486 days (~16 months, Somerset's figure); outcome 1 Jul 2025 = 533 days.
 */
const asdJourney: JourneyEvent[] = [
  child(),
  { type: 'ReferralReceived', occurredOn: '2024-01-15', data: { referralId: 'asd-1', service: 'autism-assessment', source: 'school' } },
  { type: 'PreAssessmentStarted', occurredOn: '2024-02-01', data: { referralId: 'asd-1' } },
  { type: 'PreAssessmentInformationReceived', occurredOn: '2024-02-20', data: { referralId: 'asd-1', from: 'school' } },
  { type: 'MdtTriageCompleted', occurredOn: '2024-03-01', data: { referralId: 'asd-1', outcome: 'more-information-needed' } },
  { type: 'MdtTriageCompleted', occurredOn: '2024-04-01', data: { referralId: 'asd-1', outcome: 'accepted' } },
  { type: 'InitialAppointmentHeld', occurredOn: '2025-05-15', data: { referralId: 'asd-1' } },
  { type: 'DiagnosticOutcomeRecorded', occurredOn: '2025-07-01', data: { referralId: 'asd-1', outcome: 'autism-diagnosed' } },
];

describe('waiting times (docs/domain-rules.md §5)', () => {
  it('a seen referral: days to each step, and the wait to first seen', () => {
    expect(computeWaitingTimes(stream(...asdJourney), '2025-08-01')).toEqual([
      {
        referralId: 'asd-1',
        service: 'autism-assessment',
        receivedOn: '2024-01-15',
        status: 'seen',
        preAssessmentStartedOn: '2024-02-01',
        triagedOn: '2024-04-01',
        initialAppointmentOn: '2025-05-15',
        diagnosticOutcomeOn: '2025-07-01',
        daysToPreAssessment: 17,
        daysToTriage: 77,
        daysToInitialAppointment: 486,
        daysToDiagnosticOutcome: 533,
        daysWaited: 486,
      },
    ]);
  });

  it('an open referral: the wait so far as of a date, later steps not yet visible', () => {
    // as of 1 Jun 2025 the appointment (15 May) has happened; as of 1 May it has not: 1 May 2025 − 15 Jan 2024 = 472
    const [asOfMay] = computeWaitingTimes(stream(...asdJourney), '2025-05-01');
    expect(asOfMay).toMatchObject({
      status: 'waiting',
      daysToInitialAppointment: null,
      daysToDiagnosticOutcome: null,
      daysWaited: 472,
      daysToTriage: 77,
    });
    expect(asOfMay.initialAppointmentOn).toBeUndefined();
    expect(computeWaitingTimes(stream(...asdJourney), '2024-01-14')).toEqual([]);
  });

  it('a closed referral waited until closure; a not-accepted triage ends the wait; a voided appointment reopens it', () => {
    const events = stream(
      child(),
      { type: 'ReferralReceived', occurredOn: '2024-02-01', data: { referralId: 'ot-1', service: 'occupational-therapy', source: 'parent' } },
      { type: 'ReferralClosed', occurredOn: '2024-03-01', data: { referralId: 'ot-1', reason: 'moved away' } },
      { type: 'ReferralReceived', occurredOn: '2024-01-15', data: { referralId: 'asd-2', service: 'autism-assessment', source: 'gp' } },
      { type: 'MdtTriageCompleted', occurredOn: '2024-04-01', data: { referralId: 'asd-2', outcome: 'not-accepted' } },
      { type: 'ReferralReceived', occurredOn: '2024-06-01', data: { referralId: 'camhs-1', service: 'camhs', source: 'gp' } },
      { type: 'InitialAppointmentHeld', occurredOn: '2024-06-20', data: { referralId: 'camhs-1' } },
      voided('2024-06-21', 'ev-6'),
    );
    const waits = computeWaitingTimes(events, '2024-09-10');
    expect(waits.find((w) => w.referralId === 'ot-1')).toMatchObject({ status: 'closed', closedOn: '2024-03-01', daysWaited: 29 });
    expect(waits.find((w) => w.referralId === 'asd-2')).toMatchObject({ status: 'closed', closedOn: '2024-04-01', daysToTriage: 77, daysWaited: 77 });
    // 1 Jun → 10 Sep 2024 = 29 (rest of June) + 31 + 31 + 10 = 101
    expect(waits.find((w) => w.referralId === 'camhs-1')).toMatchObject({ status: 'waiting', daysToInitialAppointment: null, daysWaited: 101 });
  });

  it('summarises waits with nearest-rank median and 90th percentile', () => {
    // ranks: median ⌈0.5·10⌉ = 5th, p90 ⌈0.9·10⌉ = 9th
    expect(summariseWaits([100, 10, 90, 20, 80, 30, 70, 40, 60, 50])).toEqual({ count: 10, median: 50, p90: 90, longest: 100 });
    // 11 values: median 6th, p90 ⌈9.9⌉ = 10th
    expect(summariseWaits([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11])).toEqual({ count: 11, median: 6, p90: 10, longest: 11 });
    expect(summariseWaits([10, 20])).toEqual({ count: 2, median: 10, p90: 20, longest: 20 });
    expect(summariseWaits([486])).toEqual({ count: 1, median: 486, p90: 486, longest: 486 });
    expect(summariseWaits([])).toEqual({ count: 0, median: null, p90: null, longest: null });
  });
});
