import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { GroupCommit, isSqliteUnavailable } from '@sj/sqlite';
import { assertAppendable, fromRevisionOf } from '../append-guard';
import {
  ConcurrencyError,
  DuplicateEventIdError,
  EventStoreUnavailableError,
  type AppendResult,
  type EventStore,
  type ExpectedRevision,
  type NewEvent,
  type ReadAllOptions,
  type ReadStreamOptions,
  type StoredEvent,
  type Subscription,
  type SubscriptionHandler,
} from '../event-store.port';

export interface SqliteEventStoreOptions {
  /** How long a writer waits for another process's write lock before failing as unavailable. Default 5000 ms. */
  readonly busyTimeoutMs?: number;
  /** How often a subscription looks for events written by other processes. Default 50 ms. */
  readonly pollIntervalMs?: number;
  /** Default `readAll` batch size, also used by subscriptions to catch up. Default 500. */
  readonly batchSize?: number;
}

interface EventRow {
  position: number;
  stream_id: string;
  stream_revision: number;
  event_id: string;
  type: string;
  data: string;
  metadata: string;
  created_at: string;
}

type StoredIdRow = Pick<EventRow, 'position' | 'stream_id' | 'stream_revision'>;

interface Batch {
  readonly events: StoredEvent[];
  /** Every event up to this position has been looked at, matching the prefix or not. */
  readonly scannedTo: number;
  /** The batch was full: more events may follow it. */
  readonly more: boolean;
}

const SCHEMA_VERSION = 1;

/*
 * `position` is AUTOINCREMENT so a position is never handed out twice, even if the newest row is ever deleted:
 * subscribers keep positions as checkpoints. Personal data lives only in `data` and `metadata`, so erasure can
 * rewrite those columns in place (with secure_delete and a WAL checkpoint) and keep every position and revision.
 * The unique (stream_id, stream_revision) index is also the index streams are read through.
 */
const SCHEMA = `
  CREATE TABLE IF NOT EXISTS events (
    position INTEGER PRIMARY KEY AUTOINCREMENT,
    stream_id TEXT NOT NULL,
    stream_revision INTEGER NOT NULL,
    event_id TEXT NOT NULL UNIQUE,
    type TEXT NOT NULL,
    data TEXT NOT NULL,
    metadata TEXT NOT NULL,
    created_at TEXT NOT NULL
  );
  CREATE UNIQUE INDEX IF NOT EXISTS events_stream ON events (stream_id, stream_revision);
`;

const COLUMNS = 'position, stream_id, stream_revision, event_id, type, data, metadata, created_at';

/**
 * Subscriptions of every store instance in this process, by database file, so an append wakes them at once;
 * appends from other processes are found by polling.
 */
const wakersByFile = new Map<string, Set<() => void>>();

/** The embedded event store: one SQLite file in WAL mode, shared safely by several processes. */
export class SqliteEventStore implements EventStore {
  private readonly db: Database.Database;
  private readonly file: string;
  private readonly pollIntervalMs: number;
  private readonly batchSize: number;
  private readonly subscriptions = new Set<SqliteSubscription>();
  private readonly statements: ReturnType<SqliteEventStore['prepare']>;
  private readonly commits: GroupCommit;
  private readonly readBatchSnapshot: (after: number, prefix: string | null, limit: number) => Batch;

  constructor(file: string, options: SqliteEventStoreOptions = {}) {
    this.file = resolve(file);
    this.pollIntervalMs = options.pollIntervalMs ?? 50;
    this.batchSize = options.batchSize ?? 500;
    mkdirSync(dirname(this.file), { recursive: true });
    this.db = new Database(this.file);
    this.db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 5000}`);
    // Personal fields reach this file only encrypted, but whatever a row ever held must not outlive it in free pages.
    this.db.pragma('secure_delete = ON');
    const mode = this.db.pragma('journal_mode = WAL', { simple: true });
    if (mode !== 'wal') throw new Error(`SQLite event store ${this.file} could not switch to WAL mode (got ${String(mode)})`);
    // An event acknowledged to the caller must survive a power cut: WAL with NORMAL could lose the last commits.
    this.db.pragma('synchronous = FULL');
    this.db.exec(SCHEMA);
    this.db.pragma(`user_version = ${SCHEMA_VERSION}`);
    this.statements = this.prepare();
    // Appends asked for together share one IMMEDIATE transaction and one fsync, each in its own savepoint. IMMEDIATE
    // takes the write lock before any revision is read, so no other process can append in between.
    this.commits = new GroupCommit(this.db);
    // One read transaction, so the batch and the head come from the same snapshot.
    this.readBatchSnapshot = this.db.transaction((after: number, prefix: string | null, limit: number): Batch => {
      const rows = this.statements.selectAfter.all({ after, prefix, limit }) as EventRow[];
      const events = rows.map(toStoredEvent);
      if (rows.length === limit) return { events, scannedTo: rows[rows.length - 1].position, more: true };
      const head = (this.statements.selectHead.get() as { position: number | null }).position;
      return { events, scannedTo: Math.max(head ?? 0, after), more: false };
    });
  }

  private prepare() {
    return {
      selectRevision: this.db.prepare('SELECT MAX(stream_revision) AS revision FROM events WHERE stream_id = ?'),
      selectById: this.db.prepare('SELECT position, stream_id, stream_revision FROM events WHERE event_id = ?'),
      insert: this.db.prepare(
        'INSERT INTO events (stream_id, stream_revision, event_id, type, data, metadata, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ),
      selectStream: this.db.prepare(`SELECT ${COLUMNS} FROM events WHERE stream_id = ? AND stream_revision >= ? ORDER BY stream_revision`),
      selectAfter: this.db.prepare(
        `SELECT ${COLUMNS} FROM events
         WHERE position > @after AND (@prefix IS NULL OR substr(stream_id, 1, length(@prefix)) = @prefix)
         ORDER BY position LIMIT @limit`,
      ),
      selectHead: this.db.prepare('SELECT MAX(position) AS position FROM events'),
      ping: this.db.prepare('SELECT 1'),
    };
  }

  async append(streamId: string, events: readonly NewEvent[], expectedRevision: ExpectedRevision): Promise<AppendResult> {
    assertAppendable(events);
    let result: AppendResult;
    try {
      result = await this.commits.run(() => this.appendInTransaction(streamId, events, expectedRevision));
    } catch (error) {
      throw toPortError(error, this.file);
    }
    for (const wake of wakersByFile.get(this.file) ?? []) wake();
    return result;
  }

  private appendInTransaction(streamId: string, events: readonly NewEvent[], expected: ExpectedRevision): AppendResult {
    const retried = this.originalAppend(streamId, events, expected);
    if (retried) return retried;

    const current = (this.statements.selectRevision.get(streamId) as { revision: number | null }).revision;
    const matches = expected === 'any' || (expected === 'no-stream' ? current === null : current === expected);
    if (!matches) throw new ConcurrencyError(streamId, expected, current ?? 'no-stream');

    const createdAt = new Date().toISOString();
    let revision = current ?? -1;
    let position = 0;
    for (const event of events) {
      revision += 1;
      const info = this.statements.insert.run(
        streamId,
        revision,
        event.eventId,
        event.type,
        JSON.stringify(event.data ?? null),
        JSON.stringify(event.metadata),
        createdAt,
      );
      position = Number(info.lastInsertRowid);
    }
    return { nextExpectedRevision: revision, position: String(position) };
  }

  /**
   * A retry of an append already stored finds its event ids in this stream, in order, where that append put them:
   * it gets the original result. Ids stored anywhere else mean a different append reused them.
   */
  private originalAppend(streamId: string, events: readonly NewEvent[], expected: ExpectedRevision): AppendResult | undefined {
    const stored = events.map((event) => this.statements.selectById.get(event.eventId) as StoredIdRow | undefined);
    const firstStored = stored.findIndex((row) => row !== undefined);
    if (firstStored === -1) return undefined;

    const firstRevision = expected === 'no-stream' ? 0 : expected === 'any' ? stored[0]?.stream_revision : expected + 1;
    const inPlace = (row: StoredIdRow | undefined, i: number): row is StoredIdRow =>
      firstRevision !== undefined && row?.stream_id === streamId && row.stream_revision === firstRevision + i;
    if (!stored.every(inPlace)) throw new DuplicateEventIdError(events[firstStored].eventId);
    const last = stored[stored.length - 1];
    return { nextExpectedRevision: last.stream_revision, position: String(last.position) };
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<StoredEvent[]> {
    const from = fromRevisionOf(options);
    return this.guard(() => (this.statements.selectStream.all(streamId, from) as EventRow[]).map(toStoredEvent));
  }

  async *readAll(options: ReadAllOptions = {}): AsyncIterable<StoredEvent[]> {
    const limit = options.batchSize ?? this.batchSize;
    let after = options.after === undefined ? 0 : parsePosition(options.after);
    for (;;) {
      const batch = this.readBatch(after, options.streamPrefix, limit);
      if (batch.events.length > 0) yield batch.events;
      if (!batch.more) return;
      after = batch.scannedTo;
    }
  }

  private readBatch(after: number, prefix: string | undefined, limit: number): Batch {
    return this.guard(() => this.readBatchSnapshot(after, prefix ?? null, limit));
  }

  subscribeToAll(handler: SubscriptionHandler, options: Omit<ReadAllOptions, 'batchSize'> = {}): Subscription {
    const subscription = new SqliteSubscription(
      (after) => this.readBatch(after, options.streamPrefix, this.batchSize),
      handler,
      options.after === undefined ? 0 : parsePosition(options.after),
      this.pollIntervalMs,
    );
    let wakers = wakersByFile.get(this.file);
    if (!wakers) wakersByFile.set(this.file, (wakers = new Set()));
    const wake = (): void => subscription.wake();
    wakers.add(wake);
    this.subscriptions.add(subscription);
    void subscription.ended.then(() => {
      wakers.delete(wake);
      if (wakers.size === 0 && wakersByFile.get(this.file) === wakers) wakersByFile.delete(this.file);
      this.subscriptions.delete(subscription);
    });
    return subscription;
  }

  comparePositions(a: string, b: string): number {
    const x = parsePosition(a);
    const y = parsePosition(b);
    return x < y ? -1 : x > y ? 1 : 0;
  }

  async headPosition(): Promise<string | undefined> {
    const head = this.guard(() => (this.statements.selectHead.get() as { position: number | null }).position);
    return head === null ? undefined : String(head);
  }

  async ping(): Promise<void> {
    this.guard(() => this.statements.ping.get());
  }

  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((subscription) => subscription.stop()));
    if (!this.db.open) return;
    this.commits.flush();
    this.db.close();
  }

  /** Runs a driver call, turning SQLite's lock and I/O failures into the port's unavailability error. */
  private guard<T>(call: () => T): T {
    try {
      return call();
    } catch (error) {
      throw toPortError(error, this.file);
    }
  }
}

/** Reads batches after a position, waiting between polls; delivery is awaited event by event. */
class SqliteSubscription implements Subscription {
  readonly ended: Promise<void>;
  private stopped = false;
  private pendingWake = false;
  private resolveWait: (() => void) | undefined;

  constructor(
    private readonly readBatch: (after: number) => Batch,
    private readonly handler: SubscriptionHandler,
    private after: number,
    private readonly pollIntervalMs: number,
  ) {
    this.ended = this.run();
  }

  private async run(): Promise<void> {
    // Let the caller keep the returned subscription before the first handler call.
    await Promise.resolve();
    try {
      await this.drain();
      if (!this.stopped) this.handler.onCaughtUp?.();
      while (!this.stopped) {
        await this.waitForWake();
        await this.drain();
      }
    } catch (error) {
      if (!this.stopped) this.handler.onError?.(error instanceof Error ? error : new Error(String(error)));
    }
  }

  /** Delivers everything stored after the cursor, batch by batch. */
  private async drain(): Promise<void> {
    for (;;) {
      const batch = this.readBatch(this.after);
      for (const event of batch.events) {
        if (this.stopped) return;
        await this.handler.onEvent(event);
      }
      this.after = batch.scannedTo;
      if (!batch.more || this.stopped) return;
    }
  }

  private waitForWake(): Promise<void> {
    if (this.pendingWake) {
      this.pendingWake = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.resolveWait = undefined;
        resolve();
      };
      const timer = setTimeout(done, this.pollIntervalMs);
      this.resolveWait = done;
    });
  }

  /** An append in this process: look now rather than at the next poll. */
  wake(): void {
    if (this.resolveWait) this.resolveWait();
    else this.pendingWake = true;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake();
    await this.ended;
  }
}

function toStoredEvent(row: EventRow): StoredEvent {
  return {
    streamId: row.stream_id,
    streamRevision: row.stream_revision,
    position: String(row.position),
    eventId: row.event_id,
    type: row.type,
    data: JSON.parse(row.data) as unknown,
    metadata: JSON.parse(row.metadata) as Record<string, unknown>,
    createdAt: row.created_at,
  };
}

/** Positions are the decimal row position; they stay exact as numbers far beyond any realistic event count. */
function parsePosition(position: string): number {
  if (!/^\d{1,15}$/.test(position)) throw new RangeError(`not a SQLite event store position: ${position}`);
  return Number(position);
}

/** A full, locked, unreadable or closed file is the port's "unavailable" (the one list of such failures: @sj/sqlite). */
function toPortError(error: unknown, file: string): unknown {
  return isSqliteUnavailable(error) ? new EventStoreUnavailableError(`SQLite event store ${file}: ${(error as Error).message}`, error) : error;
}
