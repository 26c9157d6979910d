import { ChildNotRegistered, JourneyRuleViolation } from '../errors';
import { decide } from './journey.decide';
import { foldJourney } from './journey.evolve';
import { initialJourneyState, type JourneyState } from './journey.state';
import {
  CHILD_ID,
  TODAY,
  accepts,
  caseClosed,
  command,
  detailsChanged,
  given,
  planIssued,
  referralReceived,
  refusal,
  registered,
  then,
  voided,
  when,
} from './journey.fixture';

describe('decide: registration comes first', () => {
  it('accepts ChildRegistered on an empty stream', () => {
    expect(when([], registered())).toEqual([registered()]);
  });

  it('refuses anything else for a child not registered, as not-found', () => {
    const error = refusal([], referralReceived('ref-1', '2024-02-01'));
    expect(error).toBeInstanceOf(ChildNotRegistered);
    expect(error).toMatchObject({ code: 'CHILD_NOT_REGISTERED', kind: 'not-found', details: { childId: CHILD_ID } });
  });

  it('refuses a second ChildRegistered and points to ChildDetailsChanged', () => {
    const error = refusal(given(registered()), registered('2024-03-01'));
    expect(error).toBeInstanceOf(JourneyRuleViolation);
    expect(error).toMatchObject({ code: 'CHILD_ALREADY_REGISTERED', kind: 'rule-violation', details: { rule: 'CHILD_ALREADY_REGISTERED' } });
    expect(error.message).toContain('ChildDetailsChanged');
  });

  it('accepts history dated before the registration (registration may be recorded late)', () => {
    const history = given(registered('2025-01-06'));
    expect(accepts(history, referralReceived('ref-1', '2023-09-12'))).toBe(true);
  });

  it('refuses an invalid NHS number and accepts a valid one', () => {
    expect(refusal([], registered('2024-01-02', { nhsNumber: '9434765918' }))).toMatchObject({
      code: 'INVALID_NHS_NUMBER',
      details: { field: 'nhsNumber' },
    });
    expect(accepts([], registered('2024-01-02', { nhsNumber: '9434765919' }))).toBe(true);
  });

  it('refuses a date of birth after today', () => {
    expect(refusal([], registered('2024-01-02', { dateOfBirth: '2025-07-01' }))).toMatchObject({ code: 'DATE_OF_BIRTH_IN_FUTURE' });
  });
});

describe('decide: dates', () => {
  const history = given(registered());

  it('refuses an event dated after today, naming both dates', () => {
    expect(refusal(history, referralReceived('ref-1', '2025-07-01'))).toMatchObject({
      code: 'OCCURRED_IN_FUTURE',
      details: { occurredOn: '2025-07-01', today: TODAY },
    });
  });

  it('accepts an event dated today', () => {
    expect(accepts(history, referralReceived('ref-1', TODAY))).toBe(true);
  });

  it('takes today from the command, not from a clock', () => {
    expect(refusal(history, referralReceived('ref-1', '2024-03-02'), { today: '2024-03-01' })).toMatchObject({ code: 'OCCURRED_IN_FUTURE' });
    expect(accepts(history, referralReceived('ref-1', '2024-03-01'), { today: '2024-03-01' })).toBe(true);
  });
});

describe('decide: idempotent retries', () => {
  it('returns no events when the event id is already in the stream, and the state gives its revision', () => {
    const history = given(registered(), referralReceived('ref-1', '2024-02-01'));
    const state = foldJourney(history);
    expect(decide(command(referralReceived('ref-1', '2024-02-01'), { eventId: 'evt-1' }), state)).toEqual([]);
    expect(state.recordedEventIds.get('evt-1')).toBe(1);
  });

  it('recognises a retry even when the retried event would now be refused', () => {
    const history = given(registered());
    expect(decide(command(registered(), { eventId: 'evt-0' }), foldJourney(history))).toEqual([]);
  });

  it('recognises the id of a voided event as a retry too', () => {
    const history = given(registered(), referralReceived('ref-1', '2024-02-01'), voided('evt-1'));
    expect(when(history, referralReceived('ref-1', '2024-02-01'), { eventId: 'evt-1' })).toEqual([]);
    expect(when(history, referralReceived('ref-1', '2024-02-01'), { eventId: 'evt-2' })).toEqual([]);
  });

  it('accepts the same event under a new id', () => {
    const history = given(registered(), detailsChanged('2024-02-01', { school: 'Elm Academy' }));
    expect(when(history, detailsChanged('2024-02-01', { school: 'Elm Academy' }), { eventId: 'another' })).toHaveLength(1);
  });
});

describe('decide: a closed case', () => {
  const closed = given(registered(), ...planIssued(), caseClosed('2025-01-10'));

  it('refuses anything but EventVoided dated after CaseClosed', () => {
    expect(refusal(closed, referralReceived('ref-1', '2025-02-01'))).toMatchObject({
      code: 'CASE_CLOSED',
      details: { closedOn: '2025-01-10', eventType: 'ReferralReceived' },
    });
    expect(refusal(closed, caseClosed('2025-02-01'))).toMatchObject({ code: 'CASE_CLOSED' });
  });

  it('accepts history typed late that happened before the case closed, in its place in the journey', () => {
    expect(accepts(closed, referralReceived('ref-1', '2024-02-01'))).toBe(true);
  });

  it('accepts voiding an earlier event while closed', () => {
    expect(accepts(closed, voided('evt-4'))).toBe(true);
  });

  it('reopens when the CaseClosed is voided', () => {
    const reopened = then(closed, voided('evt-5'));
    expect(foldJourney(reopened).caseClosed).toBeNull();
    expect(accepts(reopened, referralReceived('ref-1', '2025-02-01'))).toBe(true);
  });
});

describe('decide never mutates', () => {
  function deepFreeze<T>(value: T): T {
    if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
      Object.freeze(value);
      for (const v of Object.values(value)) deepFreeze(v);
    }
    return value;
  }

  it('leaves a frozen state and command as they were, accepted or refused', () => {
    const state: JourneyState = deepFreeze(foldJourney(given(registered(), ...planIssued())));
    const snapshot = JSON.stringify(state);
    const accepted = deepFreeze(command(referralReceived('ref-1', '2024-06-01')));
    expect(decide(accepted, state)).toEqual([accepted.event]);
    expect(() => decide(deepFreeze(command(voided('evt-1'))), state)).toThrow(JourneyRuleViolation);
    expect(JSON.stringify(state)).toBe(snapshot);
  });

  it('starts from an empty initial state', () => {
    expect(initialJourneyState).toMatchObject({ child: null, activePlan: null, caseClosed: null, currentStages: [], events: [] });
  });
});
