import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EVENT_STORE_SCHEMA, PostgresEventStore, SqliteEventStore, type NewEvent } from '@sj/event-store';
import { createPostgresPool, createScratchDatabase, migrate, postgresBinDir, startThrowawayPostgres } from '@sj/postgres';
import type { BenchRow } from './bench-row';

/** Each timed loop runs this long, so the whole file stays well under a minute. */
const LOOP_MS = 3000;
const READ_EVENTS = 200_000;

function journeyEvent(i: number): NewEvent {
  return {
    eventId: randomUUID(),
    type: 'SuspensionRecorded',
    data: { occurredOn: '2025-03-04', data: { suspensionId: `s-${i}`, school: 'Oak School', schoolDays: 2, reason: 'persistent-disruption' } },
    metadata: { eventId: 'x', recordedAt: new Date().toISOString(), recordedBy: 'bench', correlationId: 'bench', schemaVersion: 1 },
  };
}

/** Runs `step` until LOOP_MS has passed; returns calls per second. */
async function perSecond(step: (i: number) => Promise<void> | void): Promise<number> {
  const started = process.hrtime.bigint();
  const until = Date.now() + LOOP_MS;
  let i = 0;
  while (Date.now() < until) await step(i++);
  return i / (Number(process.hrtime.bigint() - started) / 1e9);
}

/** The ceiling: better-sqlite3 inserting the same row shape, same pragmas, one transaction per row. */
async function rawInsertsPerSecond(dir: string): Promise<number> {
  const db = new Database(join(dir, 'raw.sqlite'));
  db.pragma('busy_timeout = 5000');
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec(`CREATE TABLE events (position INTEGER PRIMARY KEY AUTOINCREMENT, stream_id TEXT NOT NULL, stream_revision INTEGER NOT NULL,
    event_id TEXT NOT NULL UNIQUE, type TEXT NOT NULL, data TEXT NOT NULL, metadata TEXT NOT NULL, created_at TEXT NOT NULL);
    CREATE UNIQUE INDEX events_stream ON events (stream_id, stream_revision);`);
  const insert = db.prepare(
    'INSERT INTO events (stream_id, stream_revision, event_id, type, data, metadata, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const rate = await perSecond((i) => {
    const event = journeyEvent(i);
    insert.run(
      `journey-${i % 1000}`,
      Math.floor(i / 1000),
      event.eventId,
      event.type,
      JSON.stringify(event.data),
      JSON.stringify(event.metadata),
      new Date().toISOString(),
    );
  });
  db.close();
  return rate;
}

export async function run(): Promise<BenchRow[]> {
  return [...(await sqliteRows()), ...(await postgresRows())];
}

async function sqliteRows(): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'sj-bench-event-store-'));
  try {
    const raw = await rawInsertsPerSecond(dir);

    const single = new SqliteEventStore(join(dir, 'single.sqlite'));
    const revisions = new Map<string, number>();
    const appendRate = await perSecond(async (i) => {
      const stream = `journey-${i % 1000}`;
      const current = revisions.get(stream);
      const result = await single.append(stream, [journeyEvent(i)], current ?? 'no-stream');
      revisions.set(stream, result.nextExpectedRevision);
    });
    await single.close();
    const ratio = appendRate / raw;

    const batched = new SqliteEventStore(join(dir, 'batched.sqlite'));
    const batchRate = await perSecond(async (i) => {
      await batched.append(
        `journey-${i}`,
        Array.from({ length: 10 }, (_, k) => journeyEvent(i * 10 + k)),
        'no-stream',
      );
    });
    await batched.close();

    const reading = new SqliteEventStore(join(dir, 'read.sqlite'));
    for (let i = 0; i < READ_EVENTS / 1000; i += 1) {
      await reading.append(
        `journey-${i}`,
        Array.from({ length: 1000 }, (_, k) => journeyEvent(i * 1000 + k)),
        'no-stream',
      );
    }
    const readStarted = process.hrtime.bigint();
    let read = 0;
    for await (const batch of reading.readAll({ batchSize: 1000 })) read += batch.length;
    const readSeconds = Number(process.hrtime.bigint() - readStarted) / 1e9;
    await reading.close();
    if (read !== READ_EVENTS) throw new Error(`read ${read} events, expected ${READ_EVENTS}`);

    return [
      {
        benchmark: 'sqlite raw insert, 1 row per transaction',
        result: Math.round(raw),
        unit: 'inserts/s',
        note: 'WAL, synchronous=FULL: the ceiling',
      },
      {
        benchmark: 'SqliteEventStore.append, 1 event',
        result: Math.round(appendRate),
        unit: 'appends/s',
        target: '>= 30% of raw',
        verdict: ratio >= 0.3 ? 'pass' : 'fail',
        note: `${(ratio * 100).toFixed(0)}% of raw`,
      },
      { benchmark: 'SqliteEventStore.append, batches of 10', result: Math.round(batchRate * 10), unit: 'events/s' },
      { benchmark: `SqliteEventStore.readAll over ${READ_EVENTS} events`, result: Math.round(read / readSeconds), unit: 'events/s' },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Calls per second of each step, measured in short turns taken one after another: a commit waits on the disk, whose
 * speed drifts while the bench runs (other programs write too), and turns spread the drift evenly over the steps
 * that are compared.
 */
async function interleavedPerSecond(steps: readonly ((i: number) => Promise<void>)[]): Promise<number[]> {
  const turnMs = 250;
  const turns = Math.ceil(LOOP_MS / turnMs);
  const calls = steps.map(() => 0);
  const nanos = steps.map(() => 0n);
  for (let turn = 0; turn < turns; turn += 1) {
    for (const [s, step] of steps.entries()) {
      const started = process.hrtime.bigint();
      const until = Date.now() + turnMs;
      while (Date.now() < until) await step(calls[s]++);
      nanos[s] += process.hrtime.bigint() - started;
    }
  }
  return calls.map((n, s) => n / (Number(nanos[s]) / 1e9));
}

/** The same event as the store's append sends it: one JSON array of {id, type, data, metadata}. */
function rawRow(event: NewEvent, stream: string, revision: number): unknown[] {
  return [stream, revision, event.eventId, event.type, JSON.stringify(event.data), JSON.stringify(event.metadata)];
}

const RAW_INSERT = 'INSERT INTO events (stream_id, stream_revision, event_id, type, data, metadata) VALUES ($1, $2, $3, $4, $5::jsonb, $6::jsonb)';
/** Ten rows in one statement: one round trip, as the store's batched append makes. */
const RAW_INSERT_TEN = `INSERT INTO events (stream_id, stream_revision, event_id, type, data, metadata) VALUES ${Array.from(
  { length: 10 },
  (_, r) => `($${r * 6 + 1}, $${r * 6 + 2}, $${r * 6 + 3}, $${r * 6 + 4}, $${r * 6 + 5}::jsonb, $${r * 6 + 6}::jsonb)`,
).join(', ')}`;

/**
 * The PostgreSQL store against its ceiling on the same server, in the same run: a throw-away cluster with fsync
 * and synchronous commit on (as production runs), the ceiling a plain INSERT loop into the store's own table
 * (same columns, indexes and defaults) through the same driver, one row per transaction and ten per statement.
 */
async function postgresRows(): Promise<BenchRow[]> {
  if (postgresBinDir() === undefined) {
    return [
      {
        benchmark: 'PostgreSQL rows',
        result: 0,
        unit: '',
        verdict: 'fail',
        note: 'not run: PostgreSQL is not installed (apt-get install postgresql)',
      },
    ];
  }
  const server = await startThrowawayPostgres({ durable: true });
  try {
    const rawDb = await createScratchDatabase(server.url, 'bench-raw');
    const raw = createPostgresPool(rawDb.url, { max: 1 });
    await migrate(raw, EVENT_STORE_SCHEMA);
    const storeDb = await createScratchDatabase(server.url, 'bench-store');
    const store = new PostgresEventStore(storeDb.url, { maxConnections: 1 });
    await store.ping();
    const revisions = new Map<string, number>();

    const [rawSingle, appendRate, rawBatched, batchRate] = await interleavedPerSecond([
      async (i) => {
        await raw.query(RAW_INSERT, rawRow(journeyEvent(i), `journey-${i % 1000}`, Math.floor(i / 1000)));
      },
      async (i) => {
        const stream = `journey-${i % 1000}`;
        const current = revisions.get(stream);
        const result = await store.append(stream, [journeyEvent(i)], current ?? 'no-stream');
        revisions.set(stream, result.nextExpectedRevision);
      },
      async (i) => {
        await raw.query(RAW_INSERT_TEN, Array.from({ length: 10 }, (_, k) => rawRow(journeyEvent(i * 10 + k), `batch-${i}`, k)).flat());
      },
      async (i) => {
        await store.append(
          `batch-${i}`,
          Array.from({ length: 10 }, (_, k) => journeyEvent(i * 10 + k)),
          'no-stream',
        );
      },
    ]);
    await raw.end();
    await store.close();

    const readDb = await createScratchDatabase(server.url, 'bench-read');
    const reading = new PostgresEventStore(readDb.url);
    for (let i = 0; i < READ_EVENTS / 1000; i += 1) {
      await reading.append(
        `journey-${i}`,
        Array.from({ length: 1000 }, (_, k) => journeyEvent(i * 1000 + k)),
        'no-stream',
      );
    }
    const readStarted = process.hrtime.bigint();
    let read = 0;
    for await (const batch of reading.readAll({ batchSize: 1000 })) read += batch.length;
    const readSeconds = Number(process.hrtime.bigint() - readStarted) / 1e9;
    await reading.close();
    if (read !== READ_EVENTS) throw new Error(`read ${read} events from PostgreSQL, expected ${READ_EVENTS}`);

    const singleRatio = appendRate / rawSingle;
    const batchRatio = batchRate / rawBatched;
    return [
      {
        benchmark: 'postgres raw INSERT, 1 row per transaction',
        result: Math.round(rawSingle),
        unit: 'inserts/s',
        note: "the ceiling: the store's own table, fsync on, one connection, measured in turns with the store",
      },
      {
        benchmark: 'PostgresEventStore.append, 1 event',
        result: Math.round(appendRate),
        unit: 'appends/s',
        target: '>= 50% of raw',
        verdict: singleRatio >= 0.5 ? 'pass' : 'fail',
        note: `${(singleRatio * 100).toFixed(0)}% of raw`,
      },
      {
        benchmark: 'postgres raw INSERT, 10 rows per statement',
        result: Math.round(rawBatched * 10),
        unit: 'inserts/s',
        note: 'the ceiling for batches of 10',
      },
      {
        benchmark: 'PostgresEventStore.append, batches of 10',
        result: Math.round(batchRate * 10),
        unit: 'events/s',
        target: '>= 50% of raw',
        verdict: batchRatio >= 0.5 ? 'pass' : 'fail',
        note: `${(batchRatio * 100).toFixed(0)}% of raw`,
      },
      { benchmark: `PostgresEventStore.readAll over ${READ_EVENTS} events`, result: Math.round(read / readSeconds), unit: 'events/s' },
    ];
  } finally {
    await server.stop();
  }
}
