import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConcurrencyError, EventStoreUnavailableError, type NewEvent, type StoredEvent } from '../event-store.port';
import { describeEventStoreContract } from '../testing/event-store.contract';
import { SqliteEventStore } from './sqlite.event-store';

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'sj-event-store-'));
}

function newEvent(type: string): NewEvent {
  return { eventId: randomUUID(), type, data: { type }, metadata: {} };
}

async function waitFor(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describeEventStoreContract(
  'SQLite',
  async () => {
    const dir = tempDir();
    const store = new SqliteEventStore(join(dir, 'nested', 'events.sqlite'), { pollIntervalMs: 20 });
    return {
      store,
      cleanup: async () => {
        await store.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  },
  { liveTimeoutMs: 5000, freshStorePerTest: true, refusesEventIdsReusedAcrossStreams: true },
);

describe('SQLite event store shared by two processes (two instances on one file)', () => {
  let dir: string;
  let file: string;
  let a: SqliteEventStore;
  let b: SqliteEventStore;

  beforeEach(() => {
    dir = tempDir();
    file = join(dir, 'events.sqlite');
    a = new SqliteEventStore(file, { pollIntervalMs: 20 });
    b = new SqliteEventStore(file, { pollIntervalMs: 20, busyTimeoutMs: 50 });
  });

  afterEach(async () => {
    await a.close();
    await b.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('still lets only one of two appends at the same revision win', async () => {
    await a.append('journey-1', [newEvent('ChildRegistered')], 'no-stream');

    const outcomes = await Promise.allSettled([a.append('journey-1', [newEvent('ByA')], 0), b.append('journey-1', [newEvent('ByB')], 0)]);

    expect(outcomes.map((o) => o.status).sort()).toEqual(['fulfilled', 'rejected']);
    const lost = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected');
    expect(lost?.reason).toBeInstanceOf(ConcurrencyError);
    expect(await b.readStream('journey-1')).toHaveLength(2);
  });

  it('delivers appends made through one instance to a subscription on the other', async () => {
    const seen: StoredEvent[] = [];
    let caughtUp = false;
    const subscription = b.subscribeToAll({ onEvent: (e) => void seen.push(e), onCaughtUp: () => (caughtUp = true) });
    try {
      await waitFor(() => caughtUp, 'catch-up');
      const result = await a.append('journey-2', [newEvent('ChildRegistered')], 'no-stream');
      await waitFor(() => seen.length === 1, 'the event from instance A');
      expect(seen[0]).toMatchObject({ streamId: 'journey-2', position: result.position });
    } finally {
      await subscription.stop();
    }
  });

  it('finds rows committed by another connection, which cannot wake it, by polling', async () => {
    const seen: string[] = [];
    let caughtUp = false;
    const subscription = b.subscribeToAll({ onEvent: (e) => void seen.push(e.type), onCaughtUp: () => (caughtUp = true) });
    const other = new Database(file);
    try {
      await waitFor(() => caughtUp, 'catch-up');
      other
        .prepare(
          `INSERT INTO events (stream_id, stream_revision, event_id, type, data, metadata, created_at)
           VALUES ('journey-3', 0, ?, 'ChildRegistered', '{}', '{}', ?)`,
        )
        .run(randomUUID(), new Date().toISOString());
      await waitFor(() => seen.length === 1, 'the polled event');
      expect(seen).toEqual(['ChildRegistered']);
    } finally {
      other.close();
      await subscription.stop();
    }
  });

  it('reports a write lock held past the busy timeout as unavailable, not as a driver error', async () => {
    const other = new Database(file);
    other.exec('BEGIN IMMEDIATE');
    try {
      await expect(b.append('journey-4', [newEvent('ChildRegistered')], 'no-stream')).rejects.toBeInstanceOf(EventStoreUnavailableError);
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    await expect(b.append('journey-4', [newEvent('ChildRegistered')], 'no-stream')).resolves.toMatchObject({
      nextExpectedRevision: 0,
    });
  });

  it('commits appends asked for together as if one after another: a conflicting one is refused alone', async () => {
    await a.append('journey-6', [newEvent('ChildRegistered')], 'no-stream');

    const outcomes = await Promise.allSettled([
      a.append('journey-6', [newEvent('First')], 0),
      a.append('journey-6', [newEvent('AlsoAtZero')], 0),
      a.append('journey-7', [newEvent('ChildRegistered')], 'no-stream'),
      a.append('journey-6', [newEvent('Second')], 1),
    ]);

    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    expect((outcomes[1] as PromiseRejectedResult).reason).toBeInstanceOf(ConcurrencyError);
    expect((await b.readStream('journey-6')).map((e) => e.type)).toEqual(['ChildRegistered', 'First', 'Second']);
    expect((await b.readStream('journey-7')).map((e) => e.type)).toEqual(['ChildRegistered']);
  });

  it('keeps positions and events across reopening the file', async () => {
    const first = await a.append('journey-5', [newEvent('ChildRegistered')], 'no-stream');
    await a.close();
    a = new SqliteEventStore(file);

    const second = await a.append('journey-5', [newEvent('CaseClosed')], 0);

    expect(a.comparePositions(second.position, first.position)).toBeGreaterThan(0);
    expect((await a.readStream('journey-5')).map((e) => e.type)).toEqual(['ChildRegistered', 'CaseClosed']);
  });
});
