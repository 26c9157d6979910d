import fc from 'fast-check';
import {
  addDays,
  computeInclusion,
  DEFAULT_INCLUSION_CONFIG,
  foldJourney,
  type InclusionConfig,
  type JourneyEvent,
  type RecordedJourneyEvent,
} from '@sj/domain';
import { advanceInclusionAlerts, INCLUSION_VIEW_EVENT_TYPES, inclusionAlertChanges, startAlertProgress } from './inclusion-alerts';

const START = '2023-09-04';
const IDS = ['s1', 's2', 's3', 's4', 'constructor'];

type Builder = (on: string, earlier: readonly RecordedJourneyEvent[]) => JourneyEvent;

/** Suspension histories as schools send them: suspensions, rescinds, exclusions, overturns, voids of any earlier entry, moves. */
const step: fc.Arbitrary<Builder> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({ s: fc.constantFrom(...IDS), days: fc.constantFrom(0.5, 2, 6, 16) }).map(({ s, days }): Builder => (on) => ({
      type: 'SuspensionRecorded',
      occurredOn: on,
      data: { suspensionId: s, school: 'Oak Primary', schoolDays: days, reason: 'damage' },
    })),
  },
  {
    weight: 2,
    arbitrary: fc.constantFrom(...IDS).map((s): Builder => (on) => ({ type: 'SuspensionRescinded', occurredOn: on, data: { suspensionId: s } })),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom('x1', 'x2').map((x): Builder => (on) => ({
      type: 'PermanentExclusionRecorded',
      occurredOn: on,
      data: { exclusionId: x, school: 'Oak Primary', reason: 'damage' },
    })),
  },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom('x1', 'x2')
      .map((x): Builder => (on) => ({ type: 'PermanentExclusionOverturned', occurredOn: on, data: { exclusionId: x } })),
  },
  {
    weight: 2,
    arbitrary: fc.nat().map((pick): Builder => (on, earlier) => ({
      type: 'EventVoided',
      occurredOn: on,
      data: { eventId: earlier[pick % earlier.length].metadata.eventId, reason: 'recorded on the wrong child' },
    })),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom('north', 'south').map((area): Builder => (on) => ({ type: 'ChildDetailsChanged', occurredOn: on, data: { area } })),
  },
);

/** A child's stream: registered, then steps dated over three school years in any order, each recorded some days after its date. */
const stream = fc
  .array(fc.record({ day: fc.integer({ min: 0, max: 1000 }), lateBy: fc.constantFrom(0, 3, 400), build: step }), { minLength: 1, maxLength: 40 })
  .map((steps) => {
    const events: RecordedJourneyEvent[] = [];
    const recordedOn: Record<string, string> = {};
    const add = (event: JourneyEvent, recordedDay: string) => {
      const eventId = `ev-${events.length}`;
      events.push({
        event,
        metadata: { eventId, recordedAt: `${recordedDay}T10:00:00.000Z`, recordedBy: 'test', correlationId: 'c', schemaVersion: 1 },
        streamRevision: events.length,
      });
      recordedOn[eventId] = recordedDay;
    };
    add({ type: 'ChildRegistered', occurredOn: START, data: { givenName: 'A', familyName: 'B', dateOfBirth: '2015-10-15', area: 'north' } }, START);
    for (const { day, lateBy, build } of steps) add(build(addDays(START, day), events), addDays(START, day + lateBy));
    return { events, recordedOn };
  });

/** Where a stream is cut into the pieces the consumer meets it in (batches, and re-deliveries of pieces already seen). */
const cuts = fc.array(fc.integer({ min: 0, max: 41 }), { maxLength: 8 });

const configs: fc.Arbitrary<InclusionConfig> = fc.constantFrom(DEFAULT_INCLUSION_CONFIG, {
  ...DEFAULT_INCLUSION_CONFIG,
  triggerWindow: 'rolling-12-months' as const,
  triggerThreshold: 2,
});

describe('The alert consumer advances from the state it holds (costs grew with the square of a child history)', () => {
  it('gives, over any suspension history cut into any batches, exactly the changes of one walk of the whole stream', () => {
    fc.assert(
      fc.property(stream, cuts, configs, ({ events, recordedOn }, at, config) => {
        const progress = startAlertProgress('c1');
        const changes = [];
        let seen = 0;
        for (const end of [...at.map((n) => Math.min(n, events.length)), events.length]) {
          // a piece may start before what was already walked: a re-delivery from an older checkpoint
          const from = Math.max(0, Math.min(seen, end) - 2);
          changes.push(...advanceInclusionAlerts(progress, events.slice(from, end), recordedOn, config));
          seen = Math.max(seen, end);
          expect(progress.journey).toEqual(foldJourney(events.slice(0, seen)));
        }
        expect(changes).toEqual(inclusionAlertChanges({ childId: 'c1', events, recordedOn }, config));
      }),
      { numRuns: 300 },
    );
  });

  it('walks each event once: events already walked bring no change when delivered again', () => {
    fc.assert(
      fc.property(stream, ({ events, recordedOn }) => {
        const progress = startAlertProgress('c1');
        advanceInclusionAlerts(progress, events, recordedOn);

        expect(advanceInclusionAlerts(progress, events, recordedOn)).toEqual([]);
        expect(progress.revision).toBe(events.length - 1);
      }),
      { numRuns: 100 },
    );
  });

  it("judges a child's inclusion from the suspensions, exclusions, timetables and voids alone: the other events change nothing in the view", () => {
    fc.assert(
      fc.property(stream, configs, ({ events }, config) => {
        const kept = events.filter((e) => INCLUSION_VIEW_EVENT_TYPES.has(e.event.type));
        expect(computeInclusion(kept, config)).toEqual(computeInclusion(events, config));
      }),
      { numRuns: 300 },
    );
  });
});
