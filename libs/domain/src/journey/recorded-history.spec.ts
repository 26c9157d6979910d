import fc from 'fast-check';
import type { JourneyEvent, RecordedJourneyEvent } from '../events';
import { addDays } from '../dates';
import { evolve, foldJourney } from './journey.evolve';
import type { JourneyState } from './journey.state';
import { detailsChanged, recordedAs, referralReceived, registered, suspended, voided } from './journey.fixture';
import { historyEntriesCopied } from './recorded-history';

const START = '2024-01-02';

/** What a state answers about its history, in plain data: what must never change once the state is made. */
function historyOf(state: JourneyState): unknown {
  return {
    json: JSON.stringify(state),
    events: [...state.events],
    length: state.events.length,
    last: state.events.at(-1),
    ids: [...state.recordedEventIds],
    size: state.recordedEventIds.size,
    idsKnown: state.events.map((e) => [state.recordedEventIds.has(e.metadata.eventId), state.recordedEventIds.get(e.metadata.eventId)]),
  };
}

/** A step a caseworker records on a day after START: mostly later than what came before, sometimes back-dated, now and then a void. */
const step = fc.oneof(
  fc.record({ kind: fc.constant('school' as const), day: fc.integer({ min: 1, max: 400 }), school: fc.constantFrom('Oak Primary', 'Elm Academy') }),
  fc.record({ kind: fc.constant('suspension' as const), day: fc.integer({ min: 1, max: 400 }) }),
  fc.record({ kind: fc.constant('referral' as const), day: fc.integer({ min: 1, max: 400 }) }),
  fc.record({ kind: fc.constant('void' as const), day: fc.integer({ min: 1, max: 400 }), pick: fc.nat() }),
);

type Step = typeof step extends fc.Arbitrary<infer T> ? T : never;

/** The stream a journey of these steps stores: a registration, then each step. */
function streamOf(steps: readonly Step[]): RecordedJourneyEvent[] {
  const stream = [recordedAs(registered(START), 0)];
  steps.forEach((s, i) => {
    const revision = stream.length;
    const on = addDays(START, s.day);
    const event: JourneyEvent =
      s.kind === 'school'
        ? detailsChanged(on, { school: s.school })
        : s.kind === 'suspension'
          ? suspended(`sus-${i}`, on)
          : s.kind === 'referral'
            ? referralReceived(`ref-${i}`, on)
            : voided(stream[1 + (s.pick % stream.length)]?.metadata.eventId ?? 'evt-0', on);
    stream.push(recordedAs(event, revision));
  });
  return stream;
}

/** Every state on the way, from the registration's fold, one `evolve` at a time. */
function statesAlong(stream: readonly RecordedJourneyEvent[]): JourneyState[] {
  const states = [foldJourney(stream.slice(0, 1))];
  for (const recorded of stream.slice(1)) states.push(evolve(states[states.length - 1], recorded));
  return states;
}

describe('finding 1: evolving one more event does not copy the history', () => {
  it('leaves every earlier state answering as it did, and each new state equal to a fold of its stream, even when an old state is evolved again', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 30 }), fc.nat(), step, fc.nat(), (steps, branchAt, branchStep, redelivered) => {
        const stream = streamOf(steps);
        const states = [foldJourney(stream.slice(0, 1))];
        const seen = [historyOf(states[0])];
        for (const recorded of stream.slice(1)) {
          const latest = evolve(states[states.length - 1], recorded);
          // delivered again (at least once): nothing changes, and nothing is appended behind the state's back
          expect(evolve(latest, stream[redelivered % states.length])).toBe(latest);
          states.push(latest);
          seen.push(historyOf(latest));
        }
        // a second history grown from an earlier state must not show in the states after it, nor they in it
        const from = branchAt % states.length;
        const branchStream = streamOf([...steps.slice(0, from), branchStep]);
        const branch = evolve(states[from], branchStream[branchStream.length - 1]);

        states.forEach((state, i) => {
          expect(historyOf(state)).toEqual(seen[i]);
          expect(state).toEqual(foldJourney(stream.slice(0, i + 1)));
        });
        expect(branch).toEqual(foldJourney(branchStream));
        expect(states[states.length - 1]).toEqual(foldJourney(stream));
      }),
      { numRuns: 150 },
    );
  });

  it('copies no event and no event id while each event goes on top of the one before', () => {
    const stream = [
      registered(START),
      ...Array.from({ length: 1_600 }, (_, i) => detailsChanged(addDays(START, i + 1), { school: `School ${i % 7}` })),
    ].map((event, revision) => recordedAs(event, revision));
    const copiedBefore = historyEntriesCopied();

    const states = statesAlong(stream);

    expect(historyEntriesCopied() - copiedBefore).toBe(0);
    expect(states[1_600].events).toHaveLength(1_601);
    expect(states[800].events).toHaveLength(801);
    expect(states[800].recordedEventIds.has('evt-801')).toBe(false);
    expect(states[1_600].recordedEventIds.get('evt-1600')).toBe(1_600);
    expect(states[1_600].child?.school).toBe('School 3');
  });

  it('copies an earlier state’s history once when that state is evolved a second way, leaving the later states as they were', () => {
    const stream = [registered(START), ...Array.from({ length: 10 }, (_, i) => suspended(`sus-${i}`, addDays(START, i + 1)))].map((event, revision) =>
      recordedAs(event, revision),
    );
    const states = statesAlong(stream);
    const copiedBefore = historyEntriesCopied();

    const other = evolve(states[4], recordedAs(suspended('sus-other', addDays(START, 30)), 5, 'evt-other'));

    // five events and their five ids, once; the newest state's history was not touched
    expect(historyEntriesCopied() - copiedBefore).toBe(10);
    expect(other.events.map((e) => e.metadata.eventId)).toEqual(['evt-0', 'evt-1', 'evt-2', 'evt-3', 'evt-4', 'evt-other']);
    expect(states[5].recordedEventIds.has('evt-other')).toBe(false);
    expect(states[10].events.map((e) => e.metadata.eventId)).toEqual(stream.map((e) => e.metadata.eventId));
  });

  it('refuses to change a state’s history from outside', () => {
    const state = foldJourney([recordedAs(registered(START), 0)]);
    const events = state.events as RecordedJourneyEvent[];

    expect(() => events.push(recordedAs(suspended('sus-1', addDays(START, 1)), 1))).toThrow(TypeError);
    // walked once (read from a copy of its own), it still refuses
    expect(events.map((e) => e.metadata.eventId)).toEqual(['evt-0']);
    expect(() => events.push(recordedAs(suspended('sus-1', addDays(START, 1)), 1))).toThrow(TypeError);
    expect(() => events.splice(0, 1)).toThrow(TypeError);
    expect(state.events).toHaveLength(1);
    expect(Object.isFrozen(Object.freeze(events))).toBe(true);
    expect(evolve(state, recordedAs(suspended('sus-1', addDays(START, 1)), 1)).events).toHaveLength(2);
    expect(state.events).toHaveLength(1);
  });
});
