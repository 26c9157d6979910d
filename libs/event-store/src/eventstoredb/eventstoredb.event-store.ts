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
  type AllStreamRecordedEvent,
  type AllStreamResolvedEvent,
  type AllStreamSubscription,
  type AppendExpectedRevision,
  type BaseOptions,
  type JSONType,
  type RecordedEvent,
} from '@eventstore/db-client';
import { ReadStream } from '@eventstore/db-client/dist/streams/utils/ReadStream';
import { convertGrpcEvent } from '@eventstore/db-client/dist/utils';
import { Empty } from '@eventstore/db-client/generated/shared_pb';
import { StreamsClient } from '@eventstore/db-client/generated/streams_grpc_pb';
import { ReadReq } from '@eventstore/db-client/generated/streams_pb';
import { assertAppendable, fromRevisionOf } from '../append-guard';
import {
  ConcurrencyError,
  DuplicateEventIdError,
  EventStoreError,
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
import { EVENT_ID_CLAIMED, claimData, claimStreamOf, claimantOf, originalAppend } from './event-id-claim';
import { comparePosition, formatPosition, parsePosition, type LogPosition } from './eventstoredb.position';
import { isVisibleEvent, streamSelection, type StreamSelection } from './eventstoredb.stream-filter';

export interface EventStoreDbEventStoreOptions {
  /**
   * gRPC keep-alive, unless the connection string sets its own: a dead connection then fails the subscription
   * (and reaches `onError`) within interval + timeout instead of hanging. Default 10 000 ms each.
   */
  readonly keepAliveIntervalMs?: number;
  readonly keepAliveTimeoutMs?: number;
  /** Default `readAll` batch size. Default 500. */
  readonly batchSize?: number;
}

/** An event read from `$all`, which always carries its global position. */
type AllEvent = AllStreamRecordedEvent & { readonly position: LogPosition };

/**
 * The event store on an EventStoreDB server (20.10+; positions on stream reads need 22.6+).
 * Event ids must be UUIDs: the server stores them as such. Each id is also claimed in a stream of its own
 * (`event-id-claim.ts`), which readers of `$all` never see.
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
      const original = await this.claimEventIds(streamId, events, expectedRevision);
      if (original) return original;
      const result = await this.client.appendToStream(
        streamId,
        // The caller's event id becomes the server's: a retried append is then recognised and written once.
        events.map((event) => jsonEvent({ id: event.eventId, type: event.type, data: (event.data ?? null) as JSONType, metadata: event.metadata })),
        { expectedRevision: toClientRevision(expectedRevision) },
      );
      // A retry the server recognised as already written may report no position: look up the original event's.
      const position = result.position ?? (await this.positionOf(streamId, result.nextExpectedRevision));
      return { nextExpectedRevision: Number(result.nextExpectedRevision), position: formatPosition(position) };
    } catch (error) {
      throw toPortError(error, { streamId, expected: expectedRevision });
    }
  }

  /**
   * Claims every id of the append for this stream. An id another stream holds is refused; when this stream
   * already held some of them, the append is a retry (its original result), a write after a failed attempt
   * (nothing: write now) or a reuse (refused), decided from the stream as it stands.
   */
  private async claimEventIds(streamId: string, events: readonly NewEvent[], expected: ExpectedRevision): Promise<AppendResult | undefined> {
    const holders = await Promise.all(events.map((event) => this.claim(event.eventId, streamId)));
    const elsewhere = holders.findIndex((holder) => holder !== undefined && holder !== streamId);
    if (elsewhere !== -1) throw new DuplicateEventIdError(events[elsewhere].eventId);
    if (holders.every((holder) => holder === undefined)) return undefined;
    return originalAppend(events, expected, await this.readStreamFrom(streamId, { requiresLeader: true }));
  }

  /** Undefined when this call took the claim; otherwise the stream that had it already. */
  private async claim(eventId: string, streamId: string): Promise<string | undefined> {
    try {
      await this.client.appendToStream(claimStreamOf(eventId), jsonEvent({ type: EVENT_ID_CLAIMED, data: claimData(streamId) }), {
        expectedRevision: NO_STREAM,
      });
      return undefined;
    } catch (error) {
      if (!(error instanceof WrongExpectedVersionError)) throw error;
    }
    for await (const resolved of this.client.readStream(claimStreamOf(eventId), { maxCount: 1, requiresLeader: true })) {
      if (resolved.event) return claimantOf(resolved.event.data);
    }
    throw new EventStoreError('EVENT_ID_CLAIM_UNREADABLE', `the claim on event id ${eventId} exists but could not be read`);
  }

  private async positionOf(streamId: string, revision: bigint): Promise<LogPosition> {
    for await (const resolved of this.client.readStream(streamId, { fromRevision: revision, maxCount: 1, requiresLeader: true })) {
      if (resolved.event) return requirePosition(resolved.event);
    }
    throw new EventStoreError('EVENT_NOT_FOUND', `stream ${streamId} has no event at revision ${revision}`);
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<StoredEvent[]> {
    const from = fromRevisionOf(options);
    try {
      return await this.readStreamFrom(streamId, from === 0 ? {} : { fromRevision: BigInt(from) });
    } catch (error) {
      throw toPortError(error);
    }
  }

  private async readStreamFrom(streamId: string, options: BaseOptions & { fromRevision?: bigint }): Promise<StoredEvent[]> {
    const events: StoredEvent[] = [];
    try {
      for await (const resolved of this.client.readStream(streamId, options)) {
        if (resolved.event) events.push(toStoredEvent(resolved.event, requirePosition(resolved.event)));
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
    return events;
  }

  /** Pages through `$all` filtered on the server to the asked streams. */
  async *readAll(options: ReadAllOptions = {}): AsyncIterable<StoredEvent[]> {
    const pages = this.pages({
      from: options.after === undefined ? undefined : parsePosition(options.after),
      direction: 'forwards',
      pageSize: options.batchSize ?? this.batchSize,
      streams: streamSelection(options.streamPrefix),
    });
    for await (const page of pages) {
      const batch = page.filter((event) => isVisibleEvent(event, options.streamPrefix)).map((event) => toStoredEvent(event, event.position));
      if (batch.length > 0) yield batch;
    }
  }

  /**
   * Pages of events strictly beyond `from`. A read of `$all` includes the event at its starting position, so a
   * page after the first asks for one more and drops the event it starts on.
   */
  private async *pages(read: {
    from: LogPosition | undefined;
    direction: 'forwards' | 'backwards';
    pageSize: number;
    streams: StreamSelection;
  }): AsyncIterable<AllEvent[]> {
    const beyond = (a: LogPosition, b: LogPosition): boolean =>
      read.direction === 'forwards' ? comparePosition(a, b) > 0 : comparePosition(a, b) < 0;
    let cursor = read.from;
    for (;;) {
      const maxCount = cursor === undefined ? read.pageSize : read.pageSize + 1;
      const received = await this.readFiltered(filteredReadRequest({ from: cursor, direction: read.direction, maxCount, streams: read.streams }));
      const page = received.filter((event) => cursor === undefined || beyond(event.position, cursor)).slice(0, read.pageSize);
      if (page.length > 0) yield page;
      if (received.length < maxCount || page.length === 0) return;
      cursor = page[page.length - 1].position;
    }
  }

  /**
   * The filtered read this client version cannot send: 6.2.1's `readAll` always asks for an unfiltered `$all`,
   * though the server has filtered reads since 20.6 (its successor takes a `filter` on `readAll`). The request is
   * the one `readAll` builds with the filter `subscribeToAll` sends, on the client's own connection and stream
   * machinery, so reconnection and errors behave as they do for `readAll`.
   */
  private async readFiltered(request: ReadReq): Promise<AllEvent[]> {
    const internals = this.client as unknown as ClientInternals;
    const createStream = internals.GRPCStreamCreator(StreamsClient, 'readAll', (grpc) =>
      grpc.read(request, ...internals.callArguments({}, { deadline: Infinity })),
    );
    const read: AsyncIterable<AllStreamResolvedEvent> = new ReadStream<AllStreamResolvedEvent>(createStream, convertGrpcEvent, {});
    const events: AllEvent[] = [];
    try {
      for await (const resolved of read) {
        const event = resolved.event;
        if (event) events.push(event);
      }
    } catch (error) {
      throw toPortError(error);
    }
    return events;
  }

  /**
   * Catches up and follows in one subscription filtered on the server. It is caught up once it has delivered the
   * newest event it would deliver that was stored when it started (found alongside, so this does not depend on
   * the caught-up message only 23.10+ servers send). It never resubscribes: a dropped connection reaches `onError`
   * and the caller resubscribes from its checkpoint.
   */
  subscribeToAll(handler: SubscriptionHandler, options: Omit<ReadAllOptions, 'batchSize'> = {}): Subscription {
    const selection = streamSelection(options.streamPrefix);
    const subscription = new EventStoreDbSubscription(
      {
        follow: (after) => this.client.subscribeToAll({ fromPosition: after ?? START, filter: toClientFilter(selection) }),
        newest: () => this.newest(options.streamPrefix),
      },
      handler,
      options.after === undefined ? undefined : parsePosition(options.after),
      options.streamPrefix,
    );
    this.subscriptions.add(subscription);
    void subscription.ended.then(() => this.subscriptions.delete(subscription));
    return subscription;
  }

  comparePositions(a: string, b: string): number {
    return comparePosition(parsePosition(a), parsePosition(b));
  }

  /** The position of the newest event outside system streams and event-id claims. */
  async headPosition(): Promise<string | undefined> {
    const newest = await this.newest(undefined);
    return newest === undefined ? undefined : formatPosition(newest);
  }

  private async newest(streamPrefix: string | undefined): Promise<LogPosition | undefined> {
    // One event answers unless the newest are `$`-typed events in user streams (hard-delete markers).
    for await (const page of this.pages({ from: undefined, direction: 'backwards', pageSize: 20, streams: streamSelection(streamPrefix) })) {
      const visible = page.find((event) => isVisibleEvent(event, streamPrefix));
      if (visible) return visible.position;
    }
    return undefined;
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

/**
 * The two members of the client used for filtered reads. They are `protected` in 6.2.1 (its own `readAll` uses
 * them); the version is pinned, so they do not move.
 */
interface ClientInternals {
  GRPCStreamCreator<T>(Client: typeof StreamsClient, debugName: string, creator: (client: StreamsClient) => T): () => Promise<T>;
  callArguments(options: BaseOptions, callOptions: { deadline: number }): [ReadMetadata, ReadCallOptions];
}
type ReadMetadata = Parameters<StreamsClient['read']>[1];
type ReadCallOptions = Parameters<StreamsClient['read']>[2];

/**
 * A read of `$all` filtered on the server to the selected stream names: `from` undefined starts at the start
 * (forwards) or the end (backwards), and `maxCount` counts matching events only. Exported for the adapter's tests.
 */
export function filteredReadRequest(read: {
  from: LogPosition | undefined;
  direction: 'forwards' | 'backwards';
  maxCount: number;
  streams: StreamSelection;
}): ReadReq {
  const all = new ReadReq.Options.AllOptions();
  if (read.from !== undefined) {
    const position = new ReadReq.Options.Position();
    position.setCommitPosition(read.from.commit.toString(10));
    position.setPreparePosition(read.from.prepare.toString(10));
    all.setPosition(position);
  } else if (read.direction === 'forwards') {
    all.setStart(new Empty());
  } else {
    all.setEnd(new Empty());
  }
  const expression = new ReadReq.Options.FilterOptions.Expression();
  if ('prefixes' in read.streams) expression.setPrefixList([...read.streams.prefixes]);
  else expression.setRegex(read.streams.regex);
  const filter = new ReadReq.Options.FilterOptions();
  filter.setStreamIdentifier(expression);
  filter.setCount(new Empty());
  filter.setCheckpointintervalmultiplier(1);
  const uuid = new ReadReq.Options.UUIDOption();
  uuid.setString(new Empty());

  const options = new ReadReq.Options();
  options.setAll(all);
  options.setReadDirection(read.direction === 'forwards' ? ReadReq.Options.ReadDirection.FORWARDS : ReadReq.Options.ReadDirection.BACKWARDS);
  options.setResolveLinks(false);
  options.setCount(String(read.maxCount));
  options.setUuidOption(uuid);
  options.setFilter(filter);
  const request = new ReadReq();
  request.setOptions(options);
  return request;
}

function toClientFilter(selection: StreamSelection) {
  return 'prefixes' in selection ? streamNameFilter({ prefixes: [...selection.prefixes] }) : streamNameFilter({ regex: selection.regex });
}

class EventStoreDbSubscription implements Subscription {
  readonly ended: Promise<void>;
  private stopped = false;
  private stopping: Promise<void> | undefined;
  private live: AllStreamSubscription | undefined;

  constructor(
    private readonly server: {
      follow(after: LogPosition | undefined): AllStreamSubscription;
      newest(): Promise<LogPosition | undefined>;
    },
    private readonly handler: SubscriptionHandler,
    private readonly after: LogPosition | undefined,
    private readonly streamPrefix: string | undefined,
  ) {
    this.ended = this.run();
  }

  private async run(): Promise<void> {
    // Let the caller keep the returned subscription before the first handler call.
    await Promise.resolve();
    if (this.hasStopped()) return;
    const live = (this.live = this.server.follow(this.after));
    // The client emits a failure to open the call as an 'error' event, which would crash the process with no
    // listener; it can come while the head is looked up, before the loop below listens, and after stop().
    let failure: Error | undefined;
    live.on('error', (error: Error) => (failure ??= error));
    try {
      const head = await this.server.newest();
      if (failure !== undefined) throw failure;
      let caughtUp = false;
      const catchUpAt = (position: LogPosition | undefined): void => {
        if (caughtUp || this.hasStopped()) return;
        if (head !== undefined && (position === undefined || comparePosition(position, head) < 0)) return;
        caughtUp = true;
        this.handler.onCaughtUp?.();
      };
      catchUpAt(this.after);
      for await (const resolved of live as AsyncIterable<AllStreamResolvedEvent>) {
        if (this.hasStopped()) return;
        const event = resolved.event;
        if (!event || !isVisibleEvent(event, this.streamPrefix)) continue;
        if (this.after && comparePosition(event.position, this.after) <= 0) continue;
        await this.handler.onEvent(toStoredEvent(event, event.position));
        catchUpAt(event.position);
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

  /** Never rejects: callers stop a failed subscription without awaiting it (`void subscription.stop()`). */
  stop(): Promise<void> {
    this.stopping ??= this.halt();
    return this.stopping;
  }

  private async halt(): Promise<void> {
    this.stopped = true;
    if (this.live) await cancel(this.live);
    await this.ended;
  }
}

/**
 * Ends a subscription whether or not its call ever started. `unsubscribe()` first awaits the call's creation, so it
 * rejects when that failed (no node found by discovery): there is then nothing to cancel, but the stream must still
 * be destroyed so the loop reading it ends.
 */
async function cancel(live: AllStreamSubscription): Promise<void> {
  try {
    await live.unsubscribe();
  } catch {
    // The call was never created: nothing on the server to cancel.
  } finally {
    live.destroy();
  }
}

function requirePosition(event: RecordedEvent): LogPosition {
  if (!event.position) {
    throw new EventStoreError('UNSUPPORTED_SERVER', 'EventStoreDB did not return event positions on stream reads (needs 22.6+)');
  }
  return event.position;
}

function toStoredEvent(event: RecordedEvent, position: LogPosition): StoredEvent {
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
