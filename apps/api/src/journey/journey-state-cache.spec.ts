import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { FixedDateClock } from '@sj/config';
import { addDays, DomainError, foldJourney, JOURNEY_EVENT_SCHEMA_VERSIONS, type JourneyEvent } from '@sj/domain';
import {
  decodeJourneyEvent,
  encodeJourneyEvent,
  journeyStreamId,
  PersonalDataEventStore,
  SqliteChildKeyStore,
  SqliteEventStore,
  type EventStore,
  type ReadStreamOptions,
  type StoredEvent,
} from '@sj/event-store';
import { JourneyStateCache } from './journey-state-cache';
import { RecordJourneyEventCommand } from './record-journey-event.command';
import { RecordJourneyEventHandler } from './record-journey-event.handler';

const TODAY = '2026-11-30';
const START = '2023-09-04';
const IDS = ['a', 'b', 'constructor'];

type Builder = (on: string) => JourneyEvent;
const registration: Builder = (on) => ({
  type: 'ChildRegistered',
  occurredOn: on,
  data: { givenName: 'Ada', familyName: 'Example', dateOfBirth: '2016-03-14', area: 'north' },
});

/** A step a caseworker might try, on its own day: back-dated, out of order and refused ones included. */
const step: fc.Arbitrary<Builder> = fc.oneof(
  fc.constantFrom(...IDS).map((s): Builder => (on) => ({
    type: 'SuspensionRecorded',
    occurredOn: on,
    data: { suspensionId: s, school: 'Oak Primary', schoolDays: 2, reason: 'damage' },
  })),
  fc.constantFrom(...IDS).map((s): Builder => (on) => ({ type: 'SuspensionRescinded', occurredOn: on, data: { suspensionId: s } })),
  fc
    .constantFrom(...IDS)
    .map((q): Builder => (on) => ({ type: 'EhcNeedsAssessmentRequested', occurredOn: on, data: { requestId: q, requestedBy: 'parent' } })),
  fc.constantFrom(...IDS).map((q): Builder => (on) => ({ type: 'DecisionToAssessMade', occurredOn: on, data: { requestId: q, decision: 'assess' } })),
  fc.constantFrom(...IDS).map((q): Builder => (on) => ({ type: 'DraftPlanIssued', occurredOn: on, data: { requestId: q } })),
  fc.constantFrom('north', 'south').map((area): Builder => (on) => ({ type: 'ChildDetailsChanged', occurredOn: on, data: { area } })),
  fc.constant(registration),
);

/** What happens next to the child: a step through this process, a step by another process, or a void of an earlier entry. */
type Move = { kind: 'record' | 'elsewhere'; day: number; build: Builder } | { kind: 'void'; day: number; pick: number };
const move: fc.Arbitrary<Move> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('record' as const), day: fc.integer({ min: 0, max: 900 }), build: step }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('elsewhere' as const), day: fc.integer({ min: 0, max: 900 }), build: step }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('void' as const), day: fc.integer({ min: 0, max: 900 }), pick: fc.nat() }) },
);

/** The real store, counting the events each read returns. */
class CountingStore {
  eventsRead = 0;
  readonly store: EventStore;

  constructor(inner: EventStore) {
    this.store = new Proxy(inner, {
      get: (target, property, receiver) =>
        property === 'readStream'
          ? async (streamId: string, options?: ReadStreamOptions): Promise<StoredEvent[]> => {
              const events = await target.readStream(streamId, options);
              this.eventsRead += events.length;
              return events;
            }
          : (Reflect.get(target, property, receiver) as unknown),
    });
  }
}

describe('A child with a long history (costs grew with the square of the history): commands fold from a cached state', () => {
  let dir: string;
  let events: SqliteEventStore;
  let keys: SqliteChildKeyStore;
  let store: EventStore;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'sj-journey-cache-'));
    events = new SqliteEventStore(join(dir, 'events.sqlite'));
    keys = new SqliteChildKeyStore(join(dir, 'keys.sqlite'));
    store = new PersonalDataEventStore(events, keys);
  });

  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const commandFor = (childId: string, event: JourneyEvent, eventId = randomUUID()) =>
    new RecordJourneyEventCommand(childId, event, eventId, 'cw-1', 'corr-1', () => true);

  const wholeFold = async (childId: string) => foldJourney((await store.readStream(journeyStreamId(childId))).map(decodeJourneyEvent));

  it('holds, after any mix of steps, back-dated entries, voids and writes by another process, the journey a full fold gives', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(move, { minLength: 1, maxLength: 30 }), fc.integer({ min: 1, max: 40 }), async (moves, capacity) => {
        const childId = randomUUID();
        const streamId = journeyStreamId(childId);
        const cache = new JourneyStateCache(store, keys, capacity);
        const handler = new RecordJourneyEventHandler(store, cache, new FixedDateClock(TODAY));
        const recorded: string[] = [];
        for (const next of moves) {
          const on = addDays(START, next.day);
          const event: JourneyEvent =
            next.kind === 'void'
              ? {
                  type: 'EventVoided',
                  occurredOn: on,
                  data: { eventId: recorded[next.pick % Math.max(1, recorded.length)] ?? 'none', reason: 'wrong child' },
                }
              : next.build(on);
          try {
            if (next.kind === 'elsewhere') {
              const { state, revision } = { state: await wholeFold(childId), revision: (await store.readStream(streamId)).length - 1 };
              if (state.child === null && event.type !== 'ChildRegistered') continue;
              const eventId = randomUUID();
              const encoded = encodeJourneyEvent(event, {
                eventId,
                recordedAt: `${TODAY}T10:00:00.000Z`,
                recordedBy: 'other-process',
                correlationId: 'c',
                schemaVersion: JOURNEY_EVENT_SCHEMA_VERSIONS[event.type],
              });
              await store.append(streamId, [encoded], revision === -1 ? 'no-stream' : revision);
              recorded.push(eventId);
            } else {
              const eventId = randomUUID();
              await handler.execute(commandFor(childId, event, eventId));
              recorded.push(eventId);
            }
          } catch (error) {
            if (!(error instanceof DomainError)) throw error;
          }
          expect((await cache.current(streamId)).state).toEqual(await wholeFold(childId));
        }
      }),
      { numRuns: 60 },
    );
  });

  it('finding 1: reads only the events appended since it last saw the stream: fifty commands read each event about once', async () => {
    const counting = new CountingStore(store);
    const cache = new JourneyStateCache(counting.store, keys);
    const handler = new RecordJourneyEventHandler(counting.store, cache, new FixedDateClock(TODAY));
    await handler.execute(commandFor('long', registration(START)));
    for (let i = 0; i < 49; i++) {
      await handler.execute(
        commandFor('long', {
          type: 'SuspensionRecorded',
          occurredOn: addDays(START, i),
          data: { suspensionId: `s${i}`, school: 'Oak Primary', schoolDays: 1, reason: 'damage' },
        }),
      );
    }

    // each command reads the one event the previous command appended; a whole read per command would be 1,225
    expect(counting.eventsRead).toBe(49);
    expect((await cache.current(journeyStreamId('long'))).state).toEqual(await wholeFold('long'));
  });

  it('drops a journey it holds once the child is erased, and answers from the stream as it now reads, without the name', async () => {
    const cache = new JourneyStateCache(store, keys);
    const handler = new RecordJourneyEventHandler(store, cache, new FixedDateClock(TODAY));
    await handler.execute(commandFor('erased', registration(START)));
    expect((await cache.current(journeyStreamId('erased'))).state.child).toMatchObject({ givenName: 'Ada' });

    await keys.destroy('erased', `${TODAY}T12:00:00.000Z`);

    const after = (await cache.current(journeyStreamId('erased'))).state;
    expect(after.child?.givenName).toBeNull();
    expect(after).toEqual(await wholeFold('erased'));
  });

  it('keeps no more events than its capacity, dropping the least recently used journeys', async () => {
    const cache = new JourneyStateCache(store, keys, 5);
    const handler = new RecordJourneyEventHandler(store, cache, new FixedDateClock(TODAY));
    for (const childId of ['c1', 'c2', 'c3', 'c4']) await handler.execute(commandFor(childId, registration(START)));
    for (const childId of ['c1', 'c2', 'c3', 'c4']) await cache.current(journeyStreamId(childId));

    // two events' worth (a registration and its entry) per journey: two fit in five
    expect(cache.size).toBe(2);
    expect((await cache.current(journeyStreamId('c1'))).state).toEqual(await wholeFold('c1'));
  });
});
