import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addDays, JOURNEY_EVENT_SCHEMA_VERSIONS, type JourneyEvent } from '@sj/domain';
import { encodeJourneyEvent, journeyStreamId, SqliteEventStore, type EventStore, type ReadStreamOptions, type StoredEvent } from '@sj/event-store';
import { alertsDatabaseFile } from '../store/alerts.database';
import { SqliteAlertStore } from '../store/sqlite-alert-store';
import { AlertConsumer } from './alert-consumer';

/** The real store, counting the events each stream read returns. */
function counting(inner: EventStore): { store: EventStore; read: () => number } {
  let read = 0;
  const store = new Proxy(inner, {
    get: (target, property, receiver) =>
      property === 'readStream'
        ? async (streamId: string, options?: ReadStreamOptions): Promise<StoredEvent[]> => {
            const events = await target.readStream(streamId, options);
            read += events.length;
            return events;
          }
        : (Reflect.get(target, property, receiver) as unknown),
  });
  return { store, read: () => read };
}

const START = '2024-09-02';

describe('The alert consumer advances from the state it holds (costs grew with the square of a child history)', () => {
  let dir: string;
  let events: SqliteEventStore;
  const revisions = new Map<string, number>();

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'sj-alert-consumer-'));
    events = new SqliteEventStore(join(dir, 'events.sqlite'));
    revisions.clear();
  });

  afterEach(async () => {
    await events.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function record(childId: string, event: JourneyEvent): Promise<string> {
    const eventId = randomUUID();
    const before = revisions.get(childId);
    const metadata = { eventId, recordedAt: `${event.occurredOn}T10:00:00.000Z`, recordedBy: 'cw', correlationId: 'c' };
    const encoded = encodeJourneyEvent(event, { ...metadata, schemaVersion: JOURNEY_EVENT_SCHEMA_VERSIONS[event.type] });
    const { nextExpectedRevision } = await events.append(journeyStreamId(childId), [encoded], before ?? 'no-stream');
    revisions.set(childId, nextExpectedRevision);
    return eventId;
  }

  const register = (childId: string) =>
    record(childId, {
      type: 'ChildRegistered',
      occurredOn: START,
      data: { givenName: 'A', familyName: 'B', dateOfBirth: '2015-10-15', area: 'north' },
    });
  const suspend = (childId: string, n: number) =>
    record(childId, {
      type: 'SuspensionRecorded',
      occurredOn: addDays(START, n),
      data: { suspensionId: `s${n}`, school: 'Oak Primary', schoolDays: 2, reason: 'damage' },
    });

  const noticesOf = async (alerts: SqliteAlertStore) =>
    (await alerts.unqueuedNotices(10_000))
      .map(({ alertId, notice, episode, reason }) => ({ alertId, notice, episode, reason }))
      .sort((a, b) => `${a.alertId}/${a.notice}/${a.episode}`.localeCompare(`${b.alertId}/${b.notice}/${b.episode}`));

  it('finding 1: reads each event once over many batches, and raises and withdraws what one walk of the whole log does', async () => {
    const { store, read } = counting(events);
    const alerts = SqliteAlertStore.open(alertsDatabaseFile(join(dir, 'live')));
    const consumer = new AlertConsumer(store, alerts);
    const children = ['c1', 'c2', 'c3'];
    for (const childId of children) await register(childId);
    let total = children.length;
    const third: string[] = [];
    for (let n = 0; n < 40; n++) {
      for (const childId of children) {
        const eventId = await suspend(childId, n);
        if (n === 2) third.push(eventId);
        total++;
      }
      if (n === 2) {
        // a void of each child's third suspension: the discussion alert stops holding, then holds again at the next
        for (const [i, childId] of children.entries()) {
          await record(childId, { type: 'EventVoided', occurredOn: addDays(START, n), data: { eventId: third[i], reason: 'wrong child' } });
          total++;
        }
      }
      await consumer.catchUp();
    }
    const readLive = read();

    const rebuilt = SqliteAlertStore.open(alertsDatabaseFile(join(dir, 'rebuilt')));
    await new AlertConsumer(events, rebuilt).catchUp();

    expect(await noticesOf(alerts)).toEqual(await noticesOf(rebuilt));
    expect((await noticesOf(alerts)).filter((n) => n.notice === 'withdrawn')).toHaveLength(children.length);
    // each event read once, by the batch after its append; a whole read per batch would be about 20 times as many
    expect(readLive).toBe(total);
    await alerts.close();
    await rebuilt.close();
  });

  it('finding 1: while running, reads only what was appended to a child since its last batch', async () => {
    const { store, read } = counting(events);
    const alerts = SqliteAlertStore.open(alertsDatabaseFile(join(dir, 'live')));
    const consumer = new AlertConsumer(store, alerts, { flushDelayMs: 0 });
    await register('c1');
    await consumer.start();
    let total = 1;
    for (let n = 0; n < 60; n++) {
      const last = await suspend('c1', n);
      total++;
      await waitFor(
        async () => (await alerts.checkpoint()) === (await events.readStream(journeyStreamId('c1'))).find((e) => e.eventId === last)?.position,
      );
    }
    await consumer.stop();

    // one batch per event, each reading the events after the last one walked; a whole read per batch would be 1,890
    expect(read()).toBeLessThanOrEqual(2 * total);
    const rebuilt = SqliteAlertStore.open(alertsDatabaseFile(join(dir, 'rebuilt')));
    await new AlertConsumer(events, rebuilt).catchUp();
    expect(await noticesOf(alerts)).toEqual(await noticesOf(rebuilt));
    await alerts.close();
    await rebuilt.close();
  });
});

async function waitFor(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out waiting for the consumer');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
