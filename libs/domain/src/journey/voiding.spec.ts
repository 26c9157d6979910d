import { foldJourney } from './journey.evolve';
import {
  accepts,
  caseClosed,
  decidedToAssess,
  ehcRequested,
  finalIssued,
  given,
  partTimeEnded,
  partTimeStarted,
  planCeased,
  planIssued,
  preAssessmentStarted,
  referralReceived,
  refusal,
  registered,
  reviewMeeting,
  suspended,
  suspensionRescinded,
  then,
  voided,
} from './journey.fixture';

describe('EventVoided', () => {
  // evt-0 registered, evt-1 referral, evt-2 pre-assessment, evt-3 suspension
  const history = given(
    registered(),
    referralReceived('ref-1', '2024-02-01'),
    preAssessmentStarted('ref-1', '2024-02-10'),
    suspended('sus-1', '2024-10-07'),
  );

  it('accepts voiding an active event with nothing depending on it', () => {
    expect(accepts(history, voided('evt-2'))).toBe(true);
    expect(accepts(history, voided('evt-3'))).toBe(true);
  });

  it('refuses an event id not in this stream', () => {
    expect(refusal(history, voided('evt-99'))).toMatchObject({ code: 'VOIDED_EVENT_NOT_FOUND', details: { eventId: 'evt-99' } });
  });

  it('refuses voiding the same event twice', () => {
    const once = then(history, voided('evt-3'));
    expect(refusal(once, voided('evt-3'))).toMatchObject({ code: 'EVENT_ALREADY_VOIDED', details: { eventType: 'SuspensionRecorded' } });
  });

  it('refuses voiding a void', () => {
    const once = then(history, voided('evt-3'));
    expect(refusal(once, voided('evt-4'))).toMatchObject({ code: 'CANNOT_VOID_A_VOID' });
  });

  it('refuses voiding the registration and points to ChildDetailsChanged', () => {
    const error = refusal(history, voided('evt-0'));
    expect(error).toMatchObject({ code: 'CANNOT_VOID_REGISTRATION' });
    expect(error.message).toContain('ChildDetailsChanged');
  });

  it('refuses voiding a referral while its later steps are active, and says to void them first', () => {
    const error = refusal(history, voided('evt-1'));
    expect(error).toMatchObject({
      code: 'VOID_HAS_DEPENDANTS',
      details: { eventId: 'evt-1', dependantEventId: 'evt-2', dependantEventType: 'PreAssessmentStarted', dependantRule: 'REFERRAL_NOT_FOUND' },
    });
    expect(error.message).toMatch(/void the later steps first/i);
  });

  it('accepts voiding the referral once its later steps are voided', () => {
    const stepVoided = then(history, voided('evt-2'));
    expect(accepts(stepVoided, voided('evt-1'))).toBe(true);
  });

  it('refuses voiding a suspension that was later rescinded', () => {
    const rescinded = then(history, suspensionRescinded('sus-1', '2024-10-09'));
    expect(refusal(rescinded, voided('evt-3'))).toMatchObject({ code: 'VOID_HAS_DEPENDANTS', details: { dependantRule: 'SUSPENSION_NOT_FOUND' } });
  });

  it('refuses voiding a PlanCeased when another plan was issued after it', () => {
    const plans = given(
      registered(),
      ...planIssued(),
      planCeased('2024-09-01'), // evt-5
      ehcRequested('req-2', '2024-10-01'),
      decidedToAssess('req-2', '2024-11-01'),
      finalIssued('req-2', '2025-02-01'),
    );
    expect(refusal(plans, voided('evt-5'))).toMatchObject({ code: 'VOID_HAS_DEPENDANTS', details: { dependantRule: 'PLAN_ALREADY_ACTIVE' } });
  });

  it('refuses voiding a final plan that review events stand on', () => {
    const reviewed = given(registered(), ...planIssued(), reviewMeeting('2025-04-01'));
    expect(refusal(reviewed, voided('evt-4'))).toMatchObject({ code: 'VOID_HAS_DEPENDANTS', details: { dependantRule: 'NO_ACTIVE_PLAN' } });
  });

  it('refuses voiding a decision to assess that a final plan stands on', () => {
    const plan = given(registered(), ...planIssued());
    expect(refusal(plan, voided('evt-2'))).toMatchObject({
      code: 'VOID_HAS_DEPENDANTS',
      details: { eventType: 'DecisionToAssessMade', dependantEventId: 'evt-4', dependantRule: 'FINAL_PLAN_NEEDS_DECISION_TO_ASSESS' },
    });
  });

  it('refuses voiding the end of a part-time timetable when a new one started after it', () => {
    const timetables = then(
      history,
      partTimeStarted('Oak Primary', '2024-11-04'),
      partTimeEnded('Oak Primary', '2024-12-01'),
      partTimeStarted('Oak Primary', '2025-01-06'),
    );
    expect(refusal(timetables, voided('evt-5'))).toMatchObject({
      code: 'VOID_HAS_DEPENDANTS',
      details: { dependantRule: 'PART_TIME_TIMETABLE_ALREADY_OPEN' },
    });
  });

  it('ignores voided events when checking dependants', () => {
    // The pre-assessment was voided; the referral has no active dependants left.
    const stepVoided = then(history, voided('evt-2'));
    expect(foldJourney(stepVoided).referrals['ref-1'].preAssessmentStartedOn).toBeNull();
    expect(accepts(stepVoided, voided('evt-1'))).toBe(true);
  });

  it('accepts voiding the CaseClosed, which reopens the case', () => {
    const closed = then(history, caseClosed('2025-01-10'));
    expect(accepts(closed, voided('evt-4'))).toBe(true);
    expect(foldJourney(then(closed, voided('evt-4'))).caseClosed).toBeNull();
  });

  it('allows the ids of a voided entry to be used again (re-recording a correction)', () => {
    const suspensionVoided = then(history, voided('evt-3'));
    expect(accepts(suspensionVoided, suspended('sus-1', '2024-10-08', 1.5))).toBe(true);
  });
});
