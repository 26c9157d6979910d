/*
 * Every call to `@eventstore/db-client` lives in this file, so moving to its successor `@kurrent/kurrentdb-client`
 * (same protocol; `expectedRevision` becomes `streamState`) changes this file only.
 */
import {
  ANY,
  BACKWARDS,
  END,
  ErrorType,
  EventStoreDBClient,
  NO_STREAM,
  START,
  StreamNotFoundError,
  WrongExpectedVersionError,
  convertToCommandError,
  isCommandError,
  jsonEvent,
  streamNameFilter,
  type AllStreamSubscription,
  type AppendExpectedRevision,
  type JSONType,
  type Position,
  type RecordedEvent,
} from '@eventstore/db-client';
import { assertAppendable } from '../append-guard';
import {
  ConcurrencyError,
  EventStoreError,
  EventStoreUnavailableError,
  type AppendResult,
  type EventStore,
  type ExpectedRevision,
  type NewEvent,
  type ReadAllOptions,
  type StoredEvent,
  type Subscription,
  type SubscriptionHandler,
} from '../event-store.port';

export interface EventStoreDbEventStoreOptions {
  /**
   * gRPC keep-alive, unless the connection string sets its own: a dead connection then fails the subscription
   * (and reaches `onError`) within interval + timeout instead of hanging. Default 10 000 ms each.
   */
  readonly keepAliveIntervalMs?: number;
  readonly keepAliveTimeoutMs?: number;
  /** Default `readAll` batch size, also used by subscriptions to catch up. Default 500. */
  readonly batchSize?: number;
}

/**
 * The event store on an EventStoreDB server (20.10+; positions on stream reads need 22.6+).
 * Event ids must be UUIDs: the server stores them as such.
 */
export class EventStoreDbEventStore implements EventStore {
  private readonly client: EventStoreDBClient;
  private readonly batchSize: number;
  private readonly subscriptions = new Set<EventStoreDbSubscription>();

  constructor(connectionString: string, options: EventStoreDbEventStoreOptions = {}) {
    this.client = EventStoreDBClient.connectionString(
      withKeepAlive(connectionString, options.keepAliveIntervalMs ?? 10_000, options.keepAliveTimeoutMs ?? 10_000),
    );
    this.batchSize = options.batchSize ?? 500;
  }

  async append(streamId: string, events: readonly NewEvent[], expectedRevision: ExpectedRevision): Promise<AppendResult> {
    assertAppendable(events);
    try {
      const result = await this.client.appendToStream(
        streamId,
        // The caller's event id becomes the server's: a retried append is then recognised and written once.
        events.map((event) => jsonEvent({ id: event.eventId, type: event.type, data: (event.data ?? null) as JSONType, metadata: event.metadata })),
        { expectedRevision: toClientRevision(expectedRevision) },
      );
      // A retry the server recognised as already written reports no position: look up the original event's.
      const position = result.position ?? (await this.positionOf(streamId, result.nextExpectedRevision));
      return { nextExpectedRevision: Number(result.nextExpectedRevision), position: formatPosition(position) };
    } catch (error) {
      throw toPortError(error, { streamId, expected: expectedRevision });
    }
  }

  private async positionOf(streamId: string, revision: bigint): Promise<Position> {
    for await (const resolved of this.client.readStream(streamId, { fromRevision: revision, maxCount: 1 })) {
      if (resolved.event) return requirePosition(resolved.event);
    }
    throw new EventStoreError('EVENT_NOT_FOUND', `stream ${streamId} has no event at revision ${revision}`);
  }

  async readStream(streamId: string): Promise<StoredEvent[]> {
    const events: StoredEvent[] = [];
    try {
      for await (const resolved of this.client.readStream(streamId)) {
        if (resolved.event) events.push(toStoredEvent(resolved.event, requirePosition(resolved.event)));
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw toPortError(error);
    }
    return events;
  }

  /**
   * Pages through `$all` (this client version has no server-side filter for reads): system events and other
   * prefixes are dropped here, so a batch can be smaller than `batchSize`.
   */
  async *readAll(options: ReadAllOptions = {}): AsyncIterable<StoredEvent[]> {
    const pageSize = options.batchSize ?? this.batchSize;
    let cursor = options.after === undefined ? undefined : parsePosition(options.after);
    for (;;) {
      const page = await this.readPage(cursor, pageSize);
      const batch: StoredEvent[] = [];
      for (const { event, position } of page.events) {
        if (isUserEvent(event, options.streamPrefix)) batch.push(toStoredEvent(event, position));
      }
      if (batch.length > 0) yield batch;
      if (page.received < pageSize) return;
      cursor = page.last;
    }
  }

  /** Events strictly after `cursor` in `$all` (the server starts reads at the given position, inclusive). */
  private async readPage(
    cursor: Position | undefined,
    maxCount: number,
  ): Promise<{ events: { event: RecordedEvent; position: Position }[]; received: number; last: Position | undefined }> {
    const events: { event: RecordedEvent; position: Position }[] = [];
    let received = 0;
    let last = cursor;
    try {
      for await (const resolved of this.client.readAll({ fromPosition: cursor ?? START, maxCount })) {
        received += 1;
        const event = resolved.event;
        if (!event || (cursor && comparePosition(event.position, cursor) <= 0)) continue;
        events.push({ event, position: event.position });
        last = event.position;
      }
    } catch (error) {
      throw toPortError(error);
    }
    return { events, received, last };
  }

  /**
   * Catches up by reading `$all` to its head (so `onCaughtUp` does not depend on the server sending caught-up
   * messages, which only 23.10+ does), then follows a filtered catch-up subscription from the last event seen.
   * It never resubscribes: a dropped connection reaches `onError` and the caller resubscribes from its checkpoint.
   */
  subscribeToAll(handler: SubscriptionHandler, options: Omit<ReadAllOptions, 'batchSize'> = {}): Subscription {
    const subscription = new EventStoreDbSubscription(
      (after) => this.readAll({ after, streamPrefix: options.streamPrefix, batchSize: this.batchSize }),
      (from) =>
        this.client.subscribeToAll({
          fromPosition: from === undefined ? START : parsePosition(from),
          filter: options.streamPrefix === undefined ? streamNameFilter({ regex: '^[^$]' }) : streamNameFilter({ prefixes: [options.streamPrefix] }),
        }),
      handler,
      options,
    );
    this.subscriptions.add(subscription);
    void subscription.ended.then(() => this.subscriptions.delete(subscription));
    return subscription;
  }

  comparePositions(a: string, b: string): number {
    return comparePosition(parsePosition(a), parsePosition(b));
  }

  /** The position of the newest event outside system streams. */
  async headPosition(): Promise<string | undefined> {
    let cursor: Position | undefined;
    const pageSize = 100;
    try {
      for (;;) {
        let received = 0;
        for await (const resolved of this.client.readAll({ direction: BACKWARDS, fromPosition: cursor ?? END, maxCount: pageSize })) {
          received += 1;
          const event = resolved.event;
          if (!event || (cursor && comparePosition(event.position, cursor) >= 0)) continue;
          if (isUserEvent(event, undefined)) return formatPosition(event.position);
          cursor = event.position;
        }
        if (received < pageSize) return undefined;
      }
    } catch (error) {
      throw toPortError(error);
    }
  }

  async ping(): Promise<void> {
    try {
      await this.client.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 1 }).toArray();
    } catch (error) {
      throw toPortError(error);
    }
  }

  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((subscription) => subscription.stop()));
    await this.client.dispose();
  }
}

class EventStoreDbSubscription implements Subscription {
  readonly ended: Promise<void>;
  private stopped = false;
  private live: AllStreamSubscription | undefined;

  constructor(
    private readonly catchUp: (after: string | undefined) => AsyncIterable<StoredEvent[]>,
    private readonly follow: (from: string | undefined) => AllStreamSubscription,
    private readonly handler: SubscriptionHandler,
    private readonly options: Omit<ReadAllOptions, 'batchSize'>,
  ) {
    this.ended = this.run();
  }

  private async run(): Promise<void> {
    await Promise.resolve();
    let cursor = this.options.after;
    try {
      for await (const batch of this.catchUp(cursor)) {
        for (const event of batch) {
          if (this.hasStopped()) return;
          await this.handler.onEvent(event);
          cursor = event.position;
        }
      }
      if (this.hasStopped()) return;
      this.handler.onCaughtUp?.();

      this.live = this.follow(cursor);
      const after = cursor === undefined ? undefined : parsePosition(cursor);
      for await (const resolved of this.live) {
        if (this.hasStopped()) return;
        const event = resolved.event;
        if (!event || !isUserEvent(event, this.options.streamPrefix)) continue;
        if (after && comparePosition(event.position, after) <= 0) continue;
        await this.handler.onEvent(toStoredEvent(event, event.position));
      }
      if (!this.hasStopped()) throw new EventStoreUnavailableError('the EventStoreDB subscription ended');
    } catch (error) {
      if (!this.hasStopped()) this.handler.onError?.(toPortError(error));
    }
  }

  /** Read through a call: stop() sets the flag while run() waits at an await, which TypeScript's narrowing cannot see. */
  private hasStopped(): boolean {
    return this.stopped;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.live) {
      await this.live.unsubscribe();
      // Cancelling the gRPC call does not end the piped stream: end it so the loop's iteration finishes.
      this.live.destroy();
    }
    await this.ended;
  }
}

/** Lossless `commit:prepare` decimal pair. */
function formatPosition(position: Position): string {
  return `${position.commit}:${position.prepare}`;
}

function parsePosition(position: string): Position {
  const match = /^(\d+):(\d+)$/.exec(position);
  if (!match) throw new RangeError(`not an EventStoreDB position: ${position}`);
  return { commit: BigInt(match[1]), prepare: BigInt(match[2]) };
}

function comparePosition(a: Position, b: Position): number {
  if (a.commit !== b.commit) return a.commit < b.commit ? -1 : 1;
  if (a.prepare !== b.prepare) return a.prepare < b.prepare ? -1 : 1;
  return 0;
}

function requirePosition(event: RecordedEvent): Position {
  if (!event.position) {
    throw new EventStoreError('UNSUPPORTED_SERVER', 'EventStoreDB did not return event positions on stream reads (needs 22.6+)');
  }
  return event.position;
}

/** Not a system event (`$`-prefixed type or stream) and, when a prefix is given, in a stream that starts with it. */
function isUserEvent(event: RecordedEvent, streamPrefix: string | undefined): boolean {
  if (event.type.startsWith('$') || event.streamId.startsWith('$')) return false;
  return streamPrefix === undefined || event.streamId.startsWith(streamPrefix);
}

function toStoredEvent(event: RecordedEvent, position: Position): StoredEvent {
  const metadata = event.metadata;
  return {
    streamId: event.streamId,
    streamRevision: Number(event.revision),
    position: formatPosition(position),
    eventId: event.id,
    type: event.type,
    data: event.data,
    metadata: isRecord(metadata) ? metadata : {},
    createdAt: event.created.toISOString(),
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);
}

function toClientRevision(expected: ExpectedRevision): AppendExpectedRevision {
  if (expected === 'no-stream') return NO_STREAM;
  if (expected === 'any') return ANY;
  return BigInt(expected);
}

function withKeepAlive(connectionString: string, intervalMs: number, timeoutMs: number): string {
  const settings: string[] = [];
  if (!/[?&]keepAliveInterval=/i.test(connectionString)) settings.push(`keepAliveInterval=${intervalMs}`);
  if (!/[?&]keepAliveTimeout=/i.test(connectionString)) settings.push(`keepAliveTimeout=${timeoutMs}`);
  if (settings.length === 0) return connectionString;
  return `${connectionString}${connectionString.includes('?') ? '&' : '?'}${settings.join('&')}`;
}

const UNAVAILABLE_TYPES: readonly string[] = [
  ErrorType.UNAVAILABLE,
  ErrorType.DEADLINE_EXCEEDED,
  ErrorType.TIMEOUT,
  ErrorType.NOT_LEADER,
  ErrorType.CANCELLED,
];

/**
 * The client's failures in the port's terms: a wrong expected version is a `ConcurrencyError` carrying the
 * server's actual revision; lost connections, timeouts and a missing leader are `EventStoreUnavailableError`.
 * Exported for the adapter's own tests.
 */
export function toPortError(error: unknown, append?: { streamId: string; expected: ExpectedRevision }): Error {
  if (error instanceof EventStoreError) return error;
  if (error instanceof WrongExpectedVersionError && append) {
    const actual = error.actualVersion;
    return new ConcurrencyError(append.streamId, append.expected, typeof actual === 'bigint' ? Number(actual) : 'no-stream');
  }
  // Some calls (batch appends) reject with the raw gRPC error: convert it the way the client does for the others.
  const converted = error instanceof Error ? convertToCommandError(error) : error;
  if (converted instanceof Error && isCommandError(converted) && UNAVAILABLE_TYPES.includes(converted.type)) {
    return new EventStoreUnavailableError(`EventStoreDB unavailable: ${converted.message}`, error);
  }
  // Cluster discovery gives up with a plain Error when no node answers.
  if (error instanceof Error && /failed to discover/i.test(error.message)) {
    return new EventStoreUnavailableError(`EventStoreDB unavailable: ${error.message}`, error);
  }
  return error instanceof Error ? error : new Error(String(error));
}
