import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FixedDateClock } from '@sj/config';
import { JOURNEY_EVENT_SCHEMA_VERSIONS, type JourneyEvent } from '@sj/domain';
import {
  ConcurrencyError,
  encodeJourneyEvent,
  journeyStreamId,
  SqliteChildKeyStore,
  SqliteEventStore,
  type EventStore,
  type ExpectedRevision,
  type NewEvent,
} from '@sj/event-store';
import { JourneyStateCache } from './journey-state-cache';
import { MAX_APPEND_ATTEMPTS, RecordJourneyEventHandler } from './record-journey-event.handler';
import { RecordJourneyEventCommand } from './record-journey-event.command';

const registered: JourneyEvent = {
  type: 'ChildRegistered',
  occurredOn: '2025-01-06',
  data: { givenName: 'Ada', familyName: 'Example', dateOfBirth: '2016-03-14', area: 'north' },
};
const suspension = (suspensionId: string): JourneyEvent => ({
  type: 'SuspensionRecorded',
  occurredOn: '2025-02-03',
  data: { suspensionId, school: 'Oakfield Primary', schoolDays: 1, reason: 'bullying' },
});
const encoded = (event: JourneyEvent): NewEvent =>
  encodeJourneyEvent(event, {
    eventId: randomUUID(),
    recordedAt: '2025-03-01T09:00:00.000Z',
    recordedBy: 'other-process',
    correlationId: 'c',
    schemaVersion: JOURNEY_EVENT_SCHEMA_VERSIONS[event.type],
  });

/**
 * The real store, with another process (a second connection to the same SQLite file) winning the race
 * between this handler's read and its append, `races` times.
 */
class RacedStore {
  readonly store: EventStore;
  private racesLeft: number;
  private raced = 0;

  constructor(
    own: SqliteEventStore,
    private readonly other: SqliteEventStore,
    races: number,
  ) {
    this.racesLeft = races;
    this.store = new Proxy(own, {
      get: (target, property, receiver) =>
        property === 'append'
          ? async (streamId: string, events: readonly NewEvent[], expected: ExpectedRevision) => {
              if (this.racesLeft > 0) {
                this.racesLeft -= 1;
                this.raced += 1;
                await this.other.append(streamId, [encoded(suspension(`other-${this.raced}`))], expected);
              }
              return target.append(streamId, events, expected);
            }
          : (Reflect.get(target, property, receiver) as unknown),
    });
  }
}

describe('Recording when another process writes to the same child at the same moment', () => {
  let dir: string;
  let own: SqliteEventStore;
  let other: SqliteEventStore;
  let keys: SqliteChildKeyStore;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sj-race-'));
    own = new SqliteEventStore(join(dir, 'events.sqlite'));
    other = new SqliteEventStore(join(dir, 'events.sqlite'));
    keys = new SqliteChildKeyStore(join(dir, 'keys.sqlite'));
    await own.append(journeyStreamId('c1'), [encoded(registered)], 'no-stream');
  });

  afterEach(async () => {
    await own.close();
    await other.close();
    await keys.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const record = (store: EventStore, event: JourneyEvent) =>
    new RecordJourneyEventHandler(store, new JourneyStateCache(store, keys), new FixedDateClock('2025-03-01')).execute(
      new RecordJourneyEventCommand('c1', event, randomUUID(), 'cw-1', 'corr-1', () => true),
    );

  it('re-reads the stream, decides again and appends after the winner', async () => {
    const raced = new RacedStore(own, other, 2);

    const result = await record(raced.store, suspension('mine'));

    expect(result.streamRevision).toBe(3);
    const stream = await own.readStream(journeyStreamId('c1'));
    expect(stream.map((e) => (e.data as { data: { suspensionId?: string } }).data.suspensionId)).toEqual([undefined, 'other-1', 'other-2', 'mine']);
  });

  it("decides against the winner's event: a suspension id the other process just used is refused", async () => {
    const raced = new RacedStore(own, other, 1);

    await expect(record(raced.store, suspension('other-1'))).rejects.toMatchObject({ code: 'SUSPENSION_ID_IN_USE' });
    expect(await own.readStream(journeyStreamId('c1'))).toHaveLength(2);
  });

  it('gives up with a ConcurrencyError (409) when it loses every attempt', async () => {
    const raced = new RacedStore(own, other, MAX_APPEND_ATTEMPTS);

    await expect(record(raced.store, suspension('mine'))).rejects.toBeInstanceOf(ConcurrencyError);
    expect(await own.readStream(journeyStreamId('c1'))).toHaveLength(1 + MAX_APPEND_ATTEMPTS);
  });
});
