import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore, type NewEvent } from '@sj/event-store';
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
