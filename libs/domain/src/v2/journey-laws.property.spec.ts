import fc from 'fast-check';
import type { JourneyEvent, RecordedJourneyEvent } from '../events';
import { addDays } from '../dates';
import { computeClocks } from '../clocks';
import { computeWaitingTimes } from '../waiting-times';
import { computeInclusion } from '../inclusion';
import { DomainError } from '../errors';
import { decide, evolve, foldJourney, initialJourneyState, type JourneyState } from '../journey';

/**
 * The laws the engine relies on, over generated journeys: whatever a caseworker types, in whatever order,
 * the one business-date fold gives the same answer.
 */
const TODAY = '2026-11-30';
const START = '2023-09-04';
/** Ids a caseworker might choose, with every name an `Object.prototype` member has. */
const IDS = ['a', 'b', ...Object.getOwnPropertyNames(Object.prototype)];
const id = fc.constantFrom(...IDS);

/** One step a caseworker might try to record, on day `day` after START (distinct days keep ties out). */
const step: fc.Arbitrary<(on: string) => JourneyEvent> = fc.oneof(
  fc
    .record({ r: id, service: fc.constantFrom<'autism-assessment' | 'camhs' | 'portage'>('autism-assessment', 'camhs', 'portage') })
    .map(({ r, service }) => (on: string): JourneyEvent => ({
      type: 'ReferralReceived',
      occurredOn: on,
      data: { referralId: r, service, source: 'school' },
    })),
  id.map((r) => (on: string): JourneyEvent => ({ type: 'PreAssessmentStarted', occurredOn: on, data: { referralId: r } })),
  fc
    .record({
      r: id,
      outcome: fc.constantFrom<'accepted' | 'not-accepted' | 'more-information-needed'>('accepted', 'not-accepted', 'more-information-needed'),
    })
    .map(({ r, outcome }) => (on: string): JourneyEvent => ({ type: 'MdtTriageCompleted', occurredOn: on, data: { referralId: r, outcome } })),
  id.map((r) => (on: string): JourneyEvent => ({ type: 'InitialAppointmentHeld', occurredOn: on, data: { referralId: r } })),
  id.map((r) => (on: string): JourneyEvent => ({ type: 'ReferralClosed', occurredOn: on, data: { referralId: r, reason: 'closed' } })),
  id.map((q) => (on: string): JourneyEvent => ({
    type: 'EhcNeedsAssessmentRequested',
    occurredOn: on,
    data: { requestId: q, requestedBy: 'parent' },
  })),
  fc
    .record({ q: id, decision: fc.constantFrom<'assess' | 'not-assess'>('assess', 'not-assess') })
    .map(({ q, decision }) => (on: string): JourneyEvent => ({ type: 'DecisionToAssessMade', occurredOn: on, data: { requestId: q, decision } })),
  id.map((q) => (on: string): JourneyEvent => ({
    type: 'TimescaleExceptionRecorded',
    occurredOn: on,
    data: { requestId: q, exception: 'absent-from-area' },
  })),
  id.map((q) => (on: string): JourneyEvent => ({ type: 'DraftPlanIssued', occurredOn: on, data: { requestId: q } })),
  id.map((q) => (on: string): JourneyEvent => ({ type: 'FinalPlanIssued', occurredOn: on, data: { requestId: q, placement: 'Oak Primary' } })),
  fc.constant((on: string): JourneyEvent => ({ type: 'AnnualReviewMeetingHeld', occurredOn: on, data: {} })),
  fc.constantFrom('maintain', 'amend', 'cease').map((decision) => (on: string): JourneyEvent => ({
    type: 'AnnualReviewDecisionMade',
    occurredOn: on,
    data: { decision: decision },
  })),
  fc.constant((on: string): JourneyEvent => ({ type: 'PlanCeased', occurredOn: on, data: { reason: 'ceased' } })),
  fc.record({ s: id, days: fc.constantFrom(1, 2.5, 6) }).map(({ s, days }) => (on: string): JourneyEvent => ({
    type: 'SuspensionRecorded',
    occurredOn: on,
    data: { suspensionId: s, school: 'Oak Primary', schoolDays: days, reason: 'damage' },
  })),
  id.map((s) => (on: string): JourneyEvent => ({ type: 'SuspensionRescinded', occurredOn: on, data: { suspensionId: s } })),
  fc.constantFrom('north', 'south').map((area) => (on: string): JourneyEvent => ({ type: 'ChildDetailsChanged', occurredOn: on, data: { area } })),
);

/** Steps tried in a random order, each on its own day: mostly refused, which is the point of that law. */
const attempts = fc
  .uniqueArray(fc.integer({ min: 0, max: 900 }), { minLength: 1, maxLength: 25 })
  .chain((days) => fc.tuple(fc.constant(days), fc.array(step, { minLength: days.length, maxLength: days.length })))
  .map(([days, steps]) => days.map((d, i) => steps[i](addDays(START, d))));

type Builder = (on: string) => JourneyEvent;
const event =
  <T extends JourneyEvent['type']>(type: T, data: Extract<JourneyEvent, { type: T }>['data']): Builder =>
  (on) =>
    ({ type, occurredOn: on, data }) as JourneyEvent;

/** A referral's story in its natural order, with what may or may not happen. */
const referralStory = fc
  .record({
    r: id,
    service: fc.constantFrom<'autism-assessment' | 'camhs' | 'speech-and-language'>('autism-assessment', 'camhs', 'speech-and-language'),
    triages: fc.array(
      fc.constantFrom<'accepted' | 'not-accepted' | 'more-information-needed'>('accepted', 'not-accepted', 'more-information-needed'),
      { maxLength: 2 },
    ),
    seen: fc.boolean(),
    closed: fc.boolean(),
  })
  .map(({ r, service, triages, seen, closed }): Builder[] => [
    event('ReferralReceived', { referralId: r, service, source: 'gp' }),
    ...(service === 'autism-assessment'
      ? [event('PreAssessmentStarted', { referralId: r }), ...triages.map((outcome) => event('MdtTriageCompleted', { referralId: r, outcome }))]
      : []),
    ...(seen ? [event('InitialAppointmentHeld', { referralId: r })] : []),
    ...(closed ? [event('ReferralClosed', { referralId: r, reason: 'closed' })] : []),
  ]);

/** A request's story: decision, perhaps an exception, draft, final plan, a review, perhaps ceasing. */
const requestStory = fc
  .record({
    q: id,
    assess: fc.boolean(),
    exceptionAt: fc.integer({ min: 1, max: 4 }),
    excepted: fc.boolean(),
    length: fc.integer({ min: 1, max: 7 }),
  })
  .map(({ q, assess, exceptionAt, excepted, length }): Builder[] => {
    const steps: Builder[] = [
      event('EhcNeedsAssessmentRequested', { requestId: q, requestedBy: 'parent' }),
      event('DecisionToAssessMade', { requestId: q, decision: assess ? 'assess' : 'not-assess' }),
      ...(assess
        ? [
            event('DraftPlanIssued', { requestId: q }),
            event('FinalPlanIssued', { requestId: q, placement: 'Oak Primary' }),
            event('AnnualReviewMeetingHeld', {}),
            event('AnnualReviewDecisionMade', { decision: 'amend' }),
            event('AmendedPlanIssued', { placement: 'Elm Academy' }),
          ]
        : []),
    ].slice(0, length);
    if (excepted && exceptionAt < steps.length) {
      steps.splice(exceptionAt, 0, event('TimescaleExceptionRecorded', { requestId: q, exception: 'school-closure' }));
    }
    return steps;
  });

const inclusionStory = fc
  .array(fc.record({ s: fc.constantFrom('s1', 's2', 's3', 's4', 'toString'), days: fc.constantFrom(0.5, 2, 6), rescind: fc.boolean() }), {
    maxLength: 4,
  })
  .map((suspensions): Builder[] =>
    suspensions.flatMap(({ s, days, rescind }) => [
      event('SuspensionRecorded', { suspensionId: s, school: 'Oak Primary', schoolDays: days, reason: 'damage' }),
      ...(rescind ? [event('SuspensionRescinded', { suspensionId: s })] : []),
    ]),
  );

const moveStory = fc
  .array(fc.constantFrom('north', 'south', 'east'), { maxLength: 2 })
  .map((areas): Builder[] => areas.map((area) => event('ChildDetailsChanged', { area })));

/**
 * A business history: a few stories interleaved at random, each step on its own day, in date order.
 * Typing it in another order is what the entry-order law tries.
 */
const history = fc
  .tuple(fc.array(fc.oneof(referralStory, requestStory), { minLength: 1, maxLength: 3 }), inclusionStory, moveStory)
  .map(([stories, inclusion, moves]) => [...stories, inclusion, moves].filter((story) => story.length > 0))
  .chain((stories) => {
    const total = stories.reduce((n, story) => n + story.length, 0);
    return fc.tuple(
      fc.constant(stories),
      fc.array(fc.nat({ max: stories.length - 1 }), { minLength: total * 2, maxLength: total * 2 }),
      fc.uniqueArray(fc.integer({ min: 0, max: 1100 }), { minLength: total, maxLength: total }),
    );
  })
  .map(([stories, picks, days]) => {
    const queues = stories.map((story) => [...story]);
    const merged: Builder[] = [];
    for (const pick of picks) {
      const next = queues[pick].shift() ?? queues.find((queue) => queue.length > 0)?.shift();
      if (next) merged.push(next);
    }
    for (const queue of queues) merged.push(...queue);
    const sortedDays = [...days].sort((x, y) => x - y);
    return merged.map((build, i) => build(addDays(START, sortedDays[i])));
  });

const registration: JourneyEvent = {
  type: 'ChildRegistered',
  occurredOn: START,
  data: { givenName: 'Kai', familyName: 'Example', dateOfBirth: '2014-10-15', area: 'north' },
};

function recorded(event: JourneyEvent, revision: number): RecordedJourneyEvent {
  return {
    event,
    streamRevision: revision,
    metadata: { eventId: `ev-${revision}`, recordedAt: '2026-11-30T09:00:00.000Z', recordedBy: 'law', correlationId: 'c', schemaVersion: 1 },
  };
}

/**
 * Records each event through `decide`, keeping the accepted ones: the stream a caseworker would leave. With
 * `retry`, refused entries are tried again after the rest, as a caseworker would once the step they follow
 * is in, until a pass accepts nothing more.
 */
function recordAll(events: readonly JourneyEvent[], retry = false): { stream: RecordedJourneyEvent[]; refused: JourneyEvent[] } {
  const stream: RecordedJourneyEvent[] = [];
  let state: JourneyState = initialJourneyState;
  let pending = [registration, ...events];
  for (;;) {
    const refused: JourneyEvent[] = [];
    for (const event of pending) {
      try {
        const written = decide({ childId: 'child-1', eventId: `ev-${stream.length}`, event, today: TODAY }, state);
        if (written.length === 0) continue;
        const next = recorded(written[0], stream.length);
        stream.push(next);
        state = evolve(state, next);
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        refused.push(event);
      }
    }
    if (!retry || refused.length === 0 || refused.length === pending.length) return { stream, refused };
    pending = refused;
  }
}

const views = (stream: readonly RecordedJourneyEvent[], asOf: string) => ({
  clocks: computeClocks(stream, asOf),
  waits: computeWaitingTimes(stream, asOf),
  inclusion: computeInclusion(stream, undefined, asOf),
});

describe('finding 5: laws of the journey fold, with every Object.prototype name among the ids', () => {
  it('folding the events one at a time (evolve) equals folding them all (foldJourney)', () => {
    fc.assert(
      fc.property(fc.oneof(attempts, history), (events) => {
        const { stream } = recordAll(events);
        const oneAtATime = stream.reduce(evolve, initialJourneyState);
        expect(JSON.parse(JSON.stringify(oneAtATime))).toEqual(JSON.parse(JSON.stringify(foldJourney(stream))));
      }),
      { numRuns: 150, seed: 20261130 },
    );
  });

  it('the same business history typed in any order gives the same clocks, waits and suspensions, when every order is accepted', () => {
    fc.assert(
      fc.property(
        history.chain((events) => fc.tuple(fc.constant(events), fc.shuffledSubarray(events, { minLength: events.length, maxLength: events.length }))),
        fc.integer({ min: 0, max: 1200 }),
        ([inDateOrder, shuffled], asOfDay) => {
          const sorted = [...inDateOrder].sort((a, b) => (a.occurredOn < b.occurredOn ? -1 : 1));
          const accepted = recordAll(sorted).stream.map((r) => r.event);
          const retyped = recordAll(
            shuffled.filter((e) => accepted.includes(e)),
            true,
          );
          fc.pre(retyped.refused.length === 0);
          const asOf = addDays(START, asOfDay);
          expect(views(retyped.stream, asOf)).toEqual(views(recordAll(accepted.slice(1)).stream, asOf));
        },
      ),
      { numRuns: 200, seed: 20261130 },
    );
  });

  it('decide never throws anything but a domain refusal, whatever is typed in whatever order', () => {
    fc.assert(
      fc.property(attempts, (events) => {
        expect(() => recordAll(events)).not.toThrow();
      }),
      { numRuns: 150, seed: 7 },
    );
  });
});
