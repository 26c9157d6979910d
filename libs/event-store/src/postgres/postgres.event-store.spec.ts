import { randomUUID } from 'node:crypto';
import { Client, Pool } from 'pg';
import { createTestDatabase, startThrowawayPostgres, type TestDatabase } from '../../../../test/support/postgres-server';
import { ConcurrencyError, DuplicateEventIdError, EventStoreUnavailableError, type NewEvent, type StoredEvent } from '../event-store.port';
import { describeEventStoreContract, type HeldAppend } from '../testing/event-store.contract';
import { PostgresEventStore } from './postgres.event-store';

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase('event-store');
});

afterAll(async () => {
  await db.drop();
});

function newEvent(type: string): NewEvent {
  return { eventId: randomUUID(), type, data: { type }, metadata: {} };
}

async function waitFor(condition: () => boolean | Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

async function sql<T extends object>(text: string, values: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: db.url });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

/** A second writer that has appended through the store's own function and not committed yet. */
async function holdAppendOpen(_store: unknown, streamId: string, event: NewEvent): Promise<HeldAppend> {
  const client = new Client({ connectionString: db.url });
  await client.connect();
  await client.query('BEGIN');
  await client.query('SELECT * FROM append_events($1, -1, $2::jsonb)', [
    streamId,
    JSON.stringify([{ id: event.eventId, type: event.type, data: event.data, metadata: event.metadata }]),
  ]);
  return {
    commit: async () => {
      await client.query('COMMIT');
      await client.end();
    },
  };
}

describeEventStoreContract(
  'PostgreSQL',
  async () => {
    const store = new PostgresEventStore(db.url, { pollIntervalMs: 50, settleTimeoutMs: 1000 });
    // Each case starts from an empty log, with positions from the start again.
    await store.ping();
    await sql('TRUNCATE events RESTART IDENTITY');
    return { store, cleanup: () => store.close() };
  },
  { liveTimeoutMs: 5000, freshStorePerTest: true, refusesEventIdsReusedAcrossStreams: true, holdAppendOpen },
);

describe('PostgreSQL event store shared by several processes (several instances on one database)', () => {
  let a: PostgresEventStore;
  let b: PostgresEventStore;

  beforeEach(async () => {
    a = new PostgresEventStore(db.url, { pollIntervalMs: 20 });
    // B only looks when woken, unless a test says otherwise: what it sees came by notification.
    b = new PostgresEventStore(db.url, { pollIntervalMs: 60_000 });
    await Promise.all([a.ping(), b.ping()]);
  });

  afterEach(async () => {
    await Promise.all([a.close(), b.close()]);
  });

  it('lets only one of two appends at the same revision win across instances', async () => {
    const stream = `journey-${randomUUID()}`;
    await a.append(stream, [newEvent('ChildRegistered')], 'no-stream');

    const outcomes = await Promise.allSettled([a.append(stream, [newEvent('ByA')], 0), b.append(stream, [newEvent('ByB')], 0)]);

    expect(outcomes.map((o) => o.status).sort()).toEqual(['fulfilled', 'rejected']);
    const lost = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected');
    expect(lost?.reason).toBeInstanceOf(ConcurrencyError);
    expect(lost?.reason).toMatchObject({ expected: 0, actual: 1 });
    expect(await b.readStream(stream)).toHaveLength(2);
  });

  it('appends to one stream from many writers at once with revision any, every event once, revisions without gaps', async () => {
    const stream = `journey-${randomUUID()}`;
    const events = Array.from({ length: 20 }, (_, i) => newEvent(`Note${i}`));

    await Promise.all(events.map((event, i) => (i % 2 === 0 ? a : b).append(stream, [event], 'any')));

    const stored = await a.readStream(stream);
    expect(stored.map((e) => e.streamRevision)).toEqual(events.map((_, i) => i));
    expect(new Set(stored.map((e) => e.eventId))).toEqual(new Set(events.map((e) => e.eventId)));
  });

  it('wakes a subscription on another instance by notification, without waiting for its poll', async () => {
    const seen: StoredEvent[] = [];
    let caughtUp = false;
    const subscription = b.subscribeToAll(
      { onEvent: (e) => void seen.push(e), onCaughtUp: () => (caughtUp = true) },
      { after: await a.headPosition() },
    );
    try {
      await waitFor(() => caughtUp, 'catch-up');
      await waitFor(async () => (await listeners()) > 0, 'the LISTEN connection');
      const result = await a.append('journey-notified', [newEvent('ChildRegistered')], 'no-stream');
      await waitFor(() => seen.length === 1, 'the notified event');
      expect(seen[0]).toMatchObject({ streamId: 'journey-notified', position: result.position });
    } finally {
      await subscription.stop();
    }
  });

  it('finds events by polling while its LISTEN connection is gone, and listens again', async () => {
    const polling = new PostgresEventStore(db.url, { pollIntervalMs: 20, listenRetryMs: 50 });
    const seen: string[] = [];
    let caughtUp = false;
    const subscription = polling.subscribeToAll(
      { onEvent: (e) => void seen.push(e.type), onCaughtUp: () => (caughtUp = true) },
      { after: await a.headPosition(), streamPrefix: 'journey-lost-' },
    );
    try {
      await waitFor(() => caughtUp, 'catch-up');
      await waitFor(async () => (await listeners()) > 0, 'the LISTEN connection');
      await sql("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'send-journeys event listener'");

      await a.append('journey-lost-1', [newEvent('WhileNotListening')], 'no-stream');
      await waitFor(() => seen.length === 1, 'the polled event');
      await waitFor(async () => (await listeners()) > 0, 'listening again');

      expect(seen).toEqual(['WhileNotListening']);
    } finally {
      await subscription.stop();
      await polling.close();
    }
  });

  it('finds rows another program inserted, which send no notification, by polling', async () => {
    const polling = new PostgresEventStore(db.url, { pollIntervalMs: 20 });
    const seen: string[] = [];
    let caughtUp = false;
    const subscription = polling.subscribeToAll(
      { onEvent: (e) => void seen.push(e.type), onCaughtUp: () => (caughtUp = true) },
      { after: await a.headPosition(), streamPrefix: 'journey-raw-' },
    );
    try {
      await waitFor(() => caughtUp, 'catch-up');
      await sql(
        `INSERT INTO events (stream_id, stream_revision, event_id, type, data, metadata)
         VALUES ('journey-raw-1', 0, $1, 'ChildRegistered', '{}', '{}')`,
        [randomUUID()],
      );
      await waitFor(() => seen.length === 1, 'the polled event');
      expect(seen).toEqual(['ChildRegistered']);
    } finally {
      await subscription.stop();
      await polling.close();
    }
  });

  it('closes with subscriptions still open: they stop, and the LISTEN connection is closed', async () => {
    const closing = new PostgresEventStore(db.url);
    const errors: Error[] = [];
    let caughtUp = false;
    closing.subscribeToAll({ onEvent: () => undefined, onCaughtUp: () => (caughtUp = true), onError: (e) => errors.push(e) });
    await waitFor(() => caughtUp, 'catch-up');
    await waitFor(async () => (await listeners()) > 0, 'the LISTEN connection');

    await closing.close();

    await waitFor(async () => (await listeners()) === 0, 'the LISTEN connection to close');
    expect(errors).toEqual([]);
    await expect(closing.ping()).rejects.toBeInstanceOf(EventStoreUnavailableError);
  });
});

describe('PostgreSQL event store appends on a long log', () => {
  let long: TestDatabase;
  let store: PostgresEventStore;

  beforeAll(async () => {
    long = await createTestDatabase('event-store-long');
    store = new PostgresEventStore(long.url);
    await store.ping();
    // Twenty thousand events of four thousand children, stored by one transaction, as a council's log grows.
    const admin = new Client({ connectionString: long.url });
    await admin.connect();
    await admin.query(
      `INSERT INTO events (stream_id, stream_revision, event_id, type, data, metadata)
       SELECT 'journey-' || (g % 4000), g / 4000, 'stored-' || g, 'Noted', '{}', '{}' FROM generate_series(0, 19999) AS g`,
    );
    await admin.end();
  });

  afterAll(async () => {
    await store.close();
    await long.drop();
  });

  it('appends, answers a retry and refuses a taken id by index lookups alone, never reading the whole log', async () => {
    const client = new Client({ connectionString: long.url });
    await client.connect();
    try {
      const append = (streamId: string, expected: number, events: NewEvent[]) =>
        client.query('SELECT * FROM append_events($1, $2, $3::jsonb)', [
          streamId,
          expected,
          JSON.stringify(events.map((e) => ({ id: e.eventId, type: e.type, data: e.data, metadata: e.metadata }))),
        ]);
      const batch = [newEvent('Noted'), newEvent('Noted'), newEvent('Noted')];
      await client.query('BEGIN');

      await append('journey-new', -1, [newEvent('ChildRegistered')]);
      await append('journey-7', 4, batch);
      await append('journey-7', 4, batch);
      await append('journey-8', -2, [newEvent('Noted')]);
      await client.query('SAVEPOINT refused');
      await expect(append('journey-9', 4, [newEvent('Noted'), { ...newEvent('Noted'), eventId: 'stored-12' }])).rejects.toMatchObject({
        code: 'SJ422',
      });
      await client.query('ROLLBACK TO SAVEPOINT refused');

      const scans = await client.query<{ seq_scan: string }>("SELECT seq_scan::text FROM pg_stat_xact_user_tables WHERE relname = 'events'");
      expect(scans.rows).toEqual([{ seq_scan: '0' }]);
    } finally {
      await client.query('ROLLBACK').catch(() => undefined);
      await client.end();
    }
  });

  it('refuses a batch whose later event carries an id another stream holds, naming that id and storing none of the batch', async () => {
    const fresh = newEvent('Noted');
    const taken = { ...newEvent('Noted'), eventId: 'stored-5' };

    const error = await store.append('journey-3999', [fresh, taken], 4).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(DuplicateEventIdError);
    expect(error).toMatchObject({ eventId: 'stored-5' });
    expect((await store.readStream('journey-3999')).map((e) => e.eventId)).toEqual([
      'stored-3999',
      'stored-7999',
      'stored-11999',
      'stored-15999',
      'stored-19999',
    ]);
  });
});

describe('PostgreSQL event store read in batches', () => {
  it('reads every batch once and in order while the next is fetched ahead; a reader that stops after one batch can close the store at once', async () => {
    const own = await createTestDatabase('event-store-batches');
    const store = new PostgresEventStore(own.url, { maxConnections: 1 });
    try {
      const events = Array.from({ length: 25 }, (_, i) => newEvent(`Noted${i}`));
      await store.append('journey-batches', events, 'no-stream');

      const batches: string[][] = [];
      for await (const batch of store.readAll({ batchSize: 10 })) batches.push(batch.map((e) => e.type));
      const firsts: number[] = [];
      for await (const first of store.readAll({ batchSize: 10 })) {
        firsts.push(first.length);
        break;
      }
      await store.close();

      expect(batches).toEqual([0, 10, 20].map((from) => events.slice(from, from + 10).map((e) => e.type)));
      expect(firsts).toEqual([10]);
    } finally {
      await store.close();
      await own.drop();
    }
  });
});

describe('PostgreSQL event store positions', () => {
  it('keeps positions past 2^53 exact and in order', async () => {
    const big = await createTestDatabase('event-store-big');
    const store = new PostgresEventStore(big.url);
    try {
      await store.ping();
      const admin = new Pool({ connectionString: big.url });
      await admin.query('ALTER TABLE events ALTER COLUMN position RESTART WITH 9007199254740993');
      await admin.end();

      const first = await store.append('journey-big', [newEvent('ChildRegistered')], 'no-stream');
      const second = await store.append('journey-big', [newEvent('CaseClosed')], 0);

      expect(first.position.endsWith('-9007199254740993')).toBe(true);
      expect(second.position.endsWith('-9007199254740994')).toBe(true);
      expect(store.comparePositions(first.position, second.position)).toBeLessThan(0);
      const all = [];
      for await (const batch of store.readAll({ after: first.position })) all.push(...batch);
      expect(all.map((e) => e.position)).toEqual([second.position]);
    } finally {
      await store.close();
      await big.drop();
    }
  });
});

describe('PostgreSQL event store without its server', () => {
  it('reports a stopped server as unavailable on ping, on append and to a subscription', async () => {
    const server = await startThrowawayPostgres();
    const store = new PostgresEventStore(server.url, { pollIntervalMs: 20 });
    try {
      await store.append('journey-outage', [newEvent('ChildRegistered')], 'no-stream');
      await server.stop();
      const errors: Error[] = [];
      const subscription = store.subscribeToAll({ onEvent: () => undefined, onError: (error) => errors.push(error) });

      await expect(store.ping()).rejects.toBeInstanceOf(EventStoreUnavailableError);
      await expect(store.append('journey-outage', [newEvent('CaseClosed')], 0)).rejects.toBeInstanceOf(EventStoreUnavailableError);
      await waitFor(() => errors.length > 0, 'the subscription to fail');
      expect(errors[0]).toBeInstanceOf(EventStoreUnavailableError);
      await subscription.stop();
    } finally {
      await store.close();
      await server.stop();
    }
  });
});

async function listeners(): Promise<number> {
  const rows = await sql<{ n: string }>(
    "SELECT count(*)::text AS n FROM pg_stat_activity WHERE application_name = 'send-journeys event listener' AND datname = current_database()",
  );
  return Number(rows[0].n);
}
