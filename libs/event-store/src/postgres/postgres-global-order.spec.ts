import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/postgres-server';
import type { StoredEvent, Subscription } from '../event-store.port';
import { PostgresEventStore } from './postgres.event-store';

/*
 * The log's global order is (transaction id, sequence) as numbers. Transaction ids with different numbers of digits
 * (9 and 10, 999 and 1000) compare the other way round as text: a batch spanning them was once delivered out of
 * order, and a consumer killed after its first flush left a checkpoint past events it had never projected (found by
 * test/deployment/multi-host.deployment.spec.ts). Rows are written here as another program would, with the
 * transaction ids chosen, so the case does not depend on where the server's counter happens to be.
 */
describe('PostgreSQL event store: global order across transaction ids of different lengths', () => {
  let db: TestDatabase;
  let store: PostgresEventStore;
  /** In global order: transactions 9, 10 and 11, one event each, then two more in transaction 100. */
  const written = ['nine', 'ten', 'eleven', 'hundred-a', 'hundred-b'];

  beforeAll(async () => {
    db = await createTestDatabase('event-store-order');
    store = new PostgresEventStore(db.url, { pollIntervalMs: 20, settleTimeoutMs: 1000 });
    await store.ping();
    const client = new Client({ connectionString: db.url });
    await client.connect();
    try {
      // positions are handed out in the order the rows are inserted: 10 and 11 first, so that position alone would mislead too
      const rows: [string, string][] = [
        ['10', 'ten'],
        ['11', 'eleven'],
        ['9', 'nine'],
        ['100', 'hundred-a'],
        ['100', 'hundred-b'],
      ];
      for (const [tx, type] of rows)
        await client.query(
          `INSERT INTO events (tx, stream_id, stream_revision, event_id, type, data, metadata) VALUES ($1::xid8, $2, 0, $3, $4, '{}', '{}')`,
          [tx, `journey-order-${type}`, randomUUID(), type],
        );
    } finally {
      await client.end();
    }
  });
  afterAll(async () => {
    await store.close();
    await db.drop();
  });

  const readAll = async (after?: string, batchSize?: number): Promise<StoredEvent[]> => {
    const events: StoredEvent[] = [];
    for await (const batch of store.readAll({
      streamPrefix: 'journey-order-',
      ...(after !== undefined ? { after } : {}),
      ...(batchSize ? { batchSize } : {}),
    }))
      events.push(...batch);
    return events;
  };

  it('reads $all in transaction order, in one batch and in batches of two', async () => {
    expect((await readAll()).map((e) => e.type)).toEqual(written);
    expect((await readAll(undefined, 2)).map((e) => e.type)).toEqual(written);
  });

  it('resumes after a checkpoint with exactly the events that follow it', async () => {
    const all = await readAll();
    for (const [i, event] of all.entries()) expect((await readAll(event.position)).map((e) => e.type)).toEqual(written.slice(i + 1));
  });

  it('delivers a subscription in the same order', async () => {
    const seen: string[] = [];
    let subscription: Subscription | undefined;
    const caughtUp = new Promise<void>((resolve) => {
      subscription = store.subscribeToAll({ onEvent: (e) => void seen.push(e.type), onCaughtUp: resolve }, { streamPrefix: 'journey-order-' });
    });
    try {
      await caughtUp;
      expect(seen).toEqual(written);
    } finally {
      await subscription?.stop();
    }
  });
});
