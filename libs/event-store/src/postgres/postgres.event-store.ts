import { Client, type Pool } from 'pg';
import { createPostgresPool, isConnectionFailure, migrate, POSTGRES_TYPES, safeNumber } from '@sj/postgres';
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
import { APPEND_ERRORS, EVENT_STORE_SCHEMA, NOTIFY_CHANNEL } from './postgres-event-store.schema';

export interface PostgresEventStoreOptions {
  /** How often a subscription looks for events when no notification woke it. Default 500 ms. */
  readonly pollIntervalMs?: number;
  /** Default `readAll` batch size, also used by subscriptions to catch up. Default 500. */
  readonly batchSize?: number;
  /** Wait before reopening the LISTEN connection after it was lost (polling goes on meanwhile). Default 1000 ms. */
  readonly listenRetryMs?: number;
  /**
   * How long `readAll` and a subscription's catch-up wait for transactions older than the newest committed event
   * to finish, so they return everything committed before they were called. Default 10 000 ms.
   */
  readonly settleTimeoutMs?: number;
  /** Connections of the store's own pool (when given a URL). Default 10. */
  readonly maxConnections?: number;
}

/** A global position: the appending transaction, then the sequence value within it. */
interface Cursor {
  readonly tx: bigint;
  readonly position: bigint;
}

interface EventRow {
  kind: 'event';
  tx: string;
  position: bigint;
  stream_id: string;
  stream_revision: bigint;
  event_id: string;
  type: string;
  data: unknown;
  metadata: Record<string, unknown>;
  /** ISO instant in UTC, formatted by the server: parsing a timestamptz into a Date costs more than the row. */
  created_at: string;
}

interface AppendRow {
  last_revision: bigint;
  last_tx: string;
  last_position: bigint;
}

/** The newest readable position, and the newest committed one, returned beside a batch. */
interface HeadRow {
  kind: 'head' | 'newest';
  tx: string;
  position: bigint;
}

interface Batch {
  readonly events: StoredEvent[];
  /** Every readable event up to here has been looked at, matching the prefix or not. */
  readonly scannedTo: Cursor;
  /** The batch was full: more events may follow it. */
  readonly more: boolean;
  /**
   * The newest committed event, readable or not: past `scannedTo` when an older transaction still runs, and the
   * events it holds back become readable once it ends.
   */
  readonly newest: Cursor;
}

const START: Cursor = { tx: 0n, position: 0n };
const NO_STREAM = -1;
const ANY = -2;
/** An append that raced another for the same id is tried again; the second try sees the winner. */
const RACE_RETRIES = 5;
/** How soon a reader held back by a running transaction looks again. */
const HELD_BACK_RETRY_MS = 10;

/** A statement the store sends often, under a name of its own. */
interface Statement {
  readonly name: string;
  readonly text: string;
}

/**
 * Each connection prepares a named statement once and then only binds and runs it: an append or a stream read is
 * not parsed and planned again every time. The names are the store's own, so a pool shared with other stores
 * never sees one name for two texts. The batch read stays unnamed: planned for its actual arguments (whether a
 * prefix is given), its cost is paid once per batch of hundreds of events.
 */
function statement(name: string, text: string): Statement {
  return { name: `sj_event_store_${name}`, text };
}

const ISO_CREATED_AT = (table: string): string => `to_char(${table}.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS created_at`;

/*
 * One statement, so the batch and both heads come from the same snapshot: the horizon is the oldest transaction
 * still running, and only rows of transactions older than it are read (see postgres-event-store.schema.ts).
 * `head` is the newest readable row, `newest` the newest committed one. The rows come back ordered by the
 * transaction id as a number: as text, transaction 1000 would sort before 999, and a batch spanning the two would
 * be delivered out of order, its checkpoint landing past events not yet delivered.
 */
const READ_BATCH = `SELECT * FROM (
  WITH horizon AS MATERIALIZED (SELECT pg_snapshot_xmin(pg_current_snapshot()) AS xmin),
  batch AS (
    SELECT e.tx, e.position, e.stream_id, e.stream_revision, e.event_id, e.type, e.data, e.metadata, e.created_at
    FROM events e, horizon h
    WHERE e.tx < h.xmin AND (e.tx, e.position) > ($1::xid8, $2::bigint)
      AND ($3::text IS NULL OR starts_with(e.stream_id, $3::text))
    ORDER BY e.tx, e.position
    LIMIT $4
  ),
  head AS (
    SELECT e.tx, e.position FROM events e, horizon h WHERE e.tx < h.xmin ORDER BY e.tx DESC, e.position DESC LIMIT 1
  ),
  newest AS (SELECT e.tx, e.position FROM events e ORDER BY e.tx DESC, e.position DESC LIMIT 1)
  SELECT 'event' AS kind, b.tx::text AS tx, b.position, b.stream_id, b.stream_revision, b.event_id, b.type, b.data, b.metadata, ${ISO_CREATED_AT('b')}
  FROM batch b
  UNION ALL
  SELECT 'head', h.tx::text, h.position, NULL, NULL, NULL, NULL, NULL, NULL, NULL FROM head h
  UNION ALL
  SELECT 'newest', n.tx::text, n.position, NULL, NULL, NULL, NULL, NULL, NULL, NULL FROM newest n
  ) read_rows ORDER BY kind, tx::xid8, position`;

const READ_NEWEST = statement('read_newest', `SELECT e.tx::text AS tx, e.position FROM events e ORDER BY e.tx DESC, e.position DESC LIMIT 1`);

const READ_STREAM = statement(
  'read_stream',
  `SELECT 'event' AS kind, tx::text AS tx, position, stream_id, stream_revision, event_id, type, data, metadata, ${ISO_CREATED_AT('events')}
  FROM events WHERE stream_id = $1 AND stream_revision >= $2 ORDER BY stream_revision`,
);

const APPEND = statement('append', 'SELECT last_revision, last_tx, last_position FROM append_events($1, $2, $3::jsonb)');
const PING = statement('ping', 'SELECT 1');

/**
 * The event store on PostgreSQL (13+), for deployments where several hosts share one log. Appends are one call
 * to `append_events`; subscriptions are woken by LISTEN/NOTIFY on a connection of their own and poll as well,
 * since a notification is only a hint (one sent while that connection was down is gone).
 */
export class PostgresEventStore implements EventStore {
  private readonly pool: Pool;
  private readonly ownsPool: boolean;
  private schema: Promise<void> | undefined;
  private readonly pollIntervalMs: number;
  private readonly batchSize: number;
  private readonly settleTimeoutMs: number;
  private readonly listener: Listener;
  private readonly subscriptions = new Set<PostgresSubscription>();
  private closed = false;

  /** `connection` is a DATABASE_URL (the store opens and closes its own pool) or a pool shared with other stores. */
  constructor(connection: string | Pool, options: PostgresEventStoreOptions = {}) {
    this.ownsPool = typeof connection === 'string';
    this.pool =
      typeof connection === 'string'
        ? createPostgresPool(connection, { max: options.maxConnections ?? 10, applicationName: 'send-journeys event store' })
        : connection;
    this.pollIntervalMs = options.pollIntervalMs ?? 500;
    this.batchSize = options.batchSize ?? 500;
    this.settleTimeoutMs = options.settleTimeoutMs ?? 10_000;
    this.ensureSchema().catch(() => undefined);
    const connectionString = this.pool.options.connectionString;
    this.listener = new Listener(connectionString, options.listenRetryMs ?? 1000, () => {
      for (const subscription of this.subscriptions) subscription.wake();
    });
  }

  async append(streamId: string, events: readonly NewEvent[], expectedRevision: ExpectedRevision): Promise<AppendResult> {
    assertAppendable(events);
    const expected = expectedRevision === 'no-stream' ? NO_STREAM : expectedRevision === 'any' ? ANY : expectedRevision;
    const payload = JSON.stringify(
      events.map((event) => ({ id: event.eventId, type: event.type, data: event.data ?? null, metadata: event.metadata })),
    );
    for (let attempt = 1; ; attempt += 1) {
      try {
        const [last] = (await this.query(APPEND, [streamId, expected, payload])) as AppendRow[];
        return {
          nextExpectedRevision: safeNumber(last.last_revision),
          position: formatPosition({ tx: BigInt(last.last_tx), position: last.last_position }),
        };
      } catch (error) {
        const { code, detail } = error as { code?: unknown; detail?: unknown };
        if (code === APPEND_ERRORS.raced && attempt < RACE_RETRIES) continue;
        if (code === APPEND_ERRORS.concurrency) {
          throw new ConcurrencyError(streamId, expectedRevision, detail === 'no-stream' ? 'no-stream' : safeNumber(String(detail)));
        }
        if (code === APPEND_ERRORS.duplicateEventId) throw new DuplicateEventIdError(String(detail));
        throw error;
      }
    }
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<StoredEvent[]> {
    const rows = (await this.query(READ_STREAM, [streamId, fromRevisionOf(options)])) as EventRow[];
    return rows.map(toStoredEvent);
  }

  /**
   * Everything committed before the call, in global order: when an older transaction still runs, the events
   * committed after it are read once it ends (waiting at most `settleTimeoutMs`; a consumer finds the rest later).
   * After a full batch the next one is read while the caller works through it, so a long read (a rebuild) keeps
   * the server busy reading while this process projects, rather than each waiting on the other in turn.
   */
  async *readAll(options: ReadAllOptions = {}): AsyncIterable<StoredEvent[]> {
    const limit = options.batchSize ?? this.batchSize;
    let after = options.after === undefined ? START : parsePosition(options.after);
    const settle = new Settling(this.settleTimeoutMs);
    let ahead: Promise<Batch> | undefined;
    for (;;) {
      const batch = await (ahead ?? this.readBatch(after, options.streamPrefix, limit));
      after = batch.scannedTo;
      ahead = batch.more ? this.readBatch(after, options.streamPrefix, limit) : undefined;
      // Awaited once its batch is wanted; a caller that stops before then leaves its failure to no one.
      ahead?.catch(() => undefined);
      if (batch.events.length > 0) yield batch.events;
      if (batch.more) continue;
      if (!settle.mustWait(batch)) return;
      await new Promise((resolve) => setTimeout(resolve, HELD_BACK_RETRY_MS));
    }
  }

  private async readBatch(after: Cursor, prefix: string | undefined, limit: number): Promise<Batch> {
    const rows = (await this.query(READ_BATCH, [after.tx.toString(), after.position.toString(), prefix ?? null, limit])) as (EventRow | HeadRow)[];
    const events = rows.filter((row): row is EventRow => row.kind === 'event').map(toStoredEvent);
    const cursorOf = (kind: HeadRow['kind']): Cursor => {
      const row = rows.find((r) => r.kind === kind);
      return row ? { tx: BigInt(row.tx), position: row.position } : START;
    };
    const newest = cursorOf('newest');
    if (events.length === limit) return { events, scannedTo: parsePosition(events[events.length - 1].position), more: true, newest };
    const head = cursorOf('head');
    return { events, scannedTo: compareCursors(head, after) > 0 ? head : after, more: false, newest };
  }

  subscribeToAll(handler: SubscriptionHandler, options: Omit<ReadAllOptions, 'batchSize'> = {}): Subscription {
    const subscription = new PostgresSubscription(
      (after) => this.readBatch(after, options.streamPrefix, this.batchSize),
      handler,
      options.after === undefined ? START : parsePosition(options.after),
      { pollIntervalMs: this.pollIntervalMs, settleTimeoutMs: this.settleTimeoutMs },
    );
    this.subscriptions.add(subscription);
    this.listener.retain();
    void subscription.ended.then(() => {
      this.subscriptions.delete(subscription);
      this.listener.release();
    });
    return subscription;
  }

  comparePositions(a: string, b: string): number {
    return compareCursors(parsePosition(a), parsePosition(b));
  }

  /**
   * The newest committed event's position. A reader may not reach it at once: while a transaction older than it
   * runs, readers stop short of the events committed after that transaction began.
   */
  async headPosition(): Promise<string | undefined> {
    const rows = (await this.query(READ_NEWEST, [])) as Omit<HeadRow, 'kind'>[];
    return rows.length === 0 ? undefined : formatPosition({ tx: BigInt(rows[0].tx), position: rows[0].position });
  }

  async ping(): Promise<void> {
    await this.query(PING, []);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.subscriptions].map((subscription) => subscription.stop()));
    await this.listener.close();
    await this.schema?.catch(() => undefined);
    if (this.ownsPool) await this.pool.end();
  }

  /**
   * The schema is brought up to date before the first statement. A failure (the server not up yet) is reported to
   * the caller and tried again on the next call, never left as an unhandled rejection or a store broken for good.
   */
  private ensureSchema(): Promise<void> {
    this.schema ??= migrate(this.pool, EVENT_STORE_SCHEMA).then(
      () => undefined,
      (error: unknown) => {
        this.schema = undefined;
        throw error;
      },
    );
    return this.schema;
  }

  /** Every statement waits for the schema, and a lost or refused connection is the port's unavailability. */
  private async query(sql: Statement | string, values: readonly unknown[]): Promise<unknown[]> {
    if (this.closed) throw new EventStoreUnavailableError('the PostgreSQL event store is closed');
    try {
      await this.ensureSchema();
      const config = typeof sql === 'string' ? { text: sql } : { name: sql.name, text: sql.text };
      return (await this.pool.query({ ...config, values: values as unknown[] })).rows as unknown[];
    } catch (error) {
      if (isConnectionFailure(error)) throw new EventStoreUnavailableError(`PostgreSQL event store: ${(error as Error).message}`, error);
      throw error;
    }
  }
}

/**
 * The LISTEN connection, opened while at least one subscription runs. It lives outside the pool: a pooled
 * connection goes back to the pool, and its LISTEN with it. When it is lost, it is reopened after a pause and every
 * subscription is woken, since notifications sent in between are gone.
 */
class Listener {
  private users = 0;
  private client: Client | undefined;
  private opening: Promise<void> | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(
    private readonly connectionString: string | undefined,
    private readonly retryMs: number,
    private readonly wakeAll: () => void,
  ) {}

  retain(): void {
    this.users += 1;
    if (this.users === 1) this.open();
  }

  release(): void {
    this.users -= 1;
    if (this.users === 0) void this.disconnect();
  }

  private open(): void {
    if (this.closed || this.client || this.opening || this.users === 0) return;
    const client = new Client({ connectionString: this.connectionString, types: POSTGRES_TYPES, application_name: 'send-journeys event listener' });
    const lost = (): void => {
      if (this.client !== client) return;
      this.client = undefined;
      void client.end().catch(() => undefined);
      this.scheduleReopen();
    };
    client.on('error', lost);
    client.on('end', lost);
    client.on('notification', () => this.wakeAll());
    this.opening = client
      .connect()
      .then(() => client.query(`LISTEN ${NOTIFY_CHANNEL}`))
      .then(() => {
        this.opening = undefined;
        if (this.closed || this.users === 0) {
          void client.end().catch(() => undefined);
          return;
        }
        this.client = client;
        // Anything appended while no one listened is found now rather than at the next poll.
        this.wakeAll();
      })
      .catch(() => {
        this.opening = undefined;
        void client.end().catch(() => undefined);
        this.scheduleReopen();
      });
  }

  private scheduleReopen(): void {
    if (this.closed || this.users === 0 || this.retryTimer) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      this.open();
    }, this.retryMs);
  }

  private async disconnect(): Promise<void> {
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    await this.opening;
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.disconnect();
  }
}

/**
 * Whether a reader that has read all it can should wait for older transactions to end: yes while the newest event
 * committed when it began is still out of reach, until the deadline.
 */
class Settling {
  private target: Cursor | undefined;
  private readonly deadline: number;

  constructor(timeoutMs: number) {
    this.deadline = Date.now() + timeoutMs;
  }

  mustWait(batch: Batch): boolean {
    this.target ??= batch.newest;
    return compareCursors(batch.scannedTo, this.target) < 0 && Date.now() < this.deadline;
  }
}

/** Reads batches after a cursor, waiting between polls or until woken; delivery is awaited event by event. */
class PostgresSubscription implements Subscription {
  readonly ended: Promise<void>;
  private stopped = false;
  private pendingWake = false;
  private resolveWait: (() => void) | undefined;

  constructor(
    private readonly readBatch: (after: Cursor) => Promise<Batch>,
    private readonly handler: SubscriptionHandler,
    private after: Cursor,
    private readonly timing: { readonly pollIntervalMs: number; readonly settleTimeoutMs: number },
  ) {
    this.ended = this.run();
  }

  private async run(): Promise<void> {
    // Let the caller keep the returned subscription before the first handler call.
    await Promise.resolve();
    try {
      await this.catchUp();
      if (this.hasStopped()) return;
      this.handler.onCaughtUp?.();
      let heldBack = false;
      while (!this.hasStopped()) {
        // Held back by a running transaction, look again soon: its end sends no notification of its own.
        await this.waitForWake(heldBack ? HELD_BACK_RETRY_MS : this.timing.pollIntervalMs);
        heldBack = await this.drain();
      }
    } catch (error) {
      if (!this.hasStopped()) this.handler.onError?.(error instanceof Error ? error : new Error(String(error)));
    }
  }

  /** Delivers everything committed before the subscription started, as `readAll` reads it. */
  private async catchUp(): Promise<void> {
    const settle = new Settling(this.timing.settleTimeoutMs);
    for (;;) {
      const batch = await this.deliverBatch();
      if (this.hasStopped() || (!batch.more && !settle.mustWait(batch))) return;
      if (!batch.more) await this.waitForWake(HELD_BACK_RETRY_MS);
    }
  }

  /** Delivers what is readable now; true when committed events remain out of reach behind a running transaction. */
  private async drain(): Promise<boolean> {
    for (;;) {
      const batch = await this.deliverBatch();
      if (this.hasStopped()) return false;
      if (!batch.more) return compareCursors(batch.newest, batch.scannedTo) > 0;
    }
  }

  private async deliverBatch(): Promise<Batch> {
    const batch = await this.readBatch(this.after);
    for (const event of batch.events) {
      if (this.hasStopped()) return batch;
      await this.handler.onEvent(event);
    }
    this.after = batch.scannedTo;
    return batch;
  }

  private waitForWake(ms: number): Promise<void> {
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
      const timer = setTimeout(done, ms);
      this.resolveWait = done;
    });
  }

  /** Read through a call: stop() sets the flag while the loop waits at an await, which TypeScript's narrowing cannot see. */
  private hasStopped(): boolean {
    return this.stopped;
  }

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
    streamRevision: safeNumber(row.stream_revision),
    position: formatPosition({ tx: BigInt(row.tx), position: row.position }),
    eventId: row.event_id,
    type: row.type,
    data: row.data,
    metadata: row.metadata,
    createdAt: row.created_at,
  };
}

/** `<transaction>-<sequence>`, both decimal and lossless. */
function formatPosition(cursor: Cursor): string {
  return `${cursor.tx}-${cursor.position}`;
}

function parsePosition(position: string): Cursor {
  const match = /^(\d{1,20})-(\d{1,20})$/.exec(position);
  if (!match) throw new RangeError(`not a PostgreSQL event store position: ${position}`);
  return { tx: BigInt(match[1]), position: BigInt(match[2]) };
}

function compareCursors(a: Cursor, b: Cursor): number {
  if (a.tx !== b.tx) return a.tx < b.tx ? -1 : 1;
  if (a.position !== b.position) return a.position < b.position ? -1 : 1;
  return 0;
}
