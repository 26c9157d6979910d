/**
 * The event store port: the only thing the application knows about where events live.
 *
 * - Streams are named by the caller (a child's journey is `journey-<childId>`).
 * - Stream revisions start at 0 for the first event, as in EventStoreDB; an adapter converts if its driver differs.
 * - A global position is an opaque, lossless string: compare positions only through
 *   `EventStore.comparePositions`, store them as they are, and pass them back to `readAll` / `subscribeToAll`.
 * - Appends are atomic: all events of one call are stored, or none.
 * - An append states the revision it expects; when another writer got there first it fails with `ConcurrencyError`.
 * - Appending events whose ids are already stored, at the revision they were first appended at,
 *   writes nothing and succeeds with the original result (safe retries).
 */
export type ExpectedRevision = number | 'no-stream' | 'any';

export const JOURNEY_STREAM_PREFIX = 'journey-';

export interface NewEvent {
  readonly eventId: string;
  readonly type: string;
  readonly data: unknown;
  readonly metadata: Record<string, unknown>;
}

export interface StoredEvent {
  readonly streamId: string;
  readonly streamRevision: number;
  /** Opaque global position, lossless. */
  readonly position: string;
  readonly eventId: string;
  readonly type: string;
  readonly data: unknown;
  readonly metadata: Record<string, unknown>;
  /** ISO instant the store committed the event. */
  readonly createdAt: string;
}

export interface AppendResult {
  /** Revision of the last event of this append (or of the original append, on an idempotent retry). */
  readonly nextExpectedRevision: number;
  /** Global position of the last event written. */
  readonly position: string;
}

export interface ReadAllOptions {
  /** Start after this position (exclusive); from the beginning when absent. */
  readonly after?: string;
  readonly batchSize?: number;
  /** Only streams whose id starts with this prefix. */
  readonly streamPrefix?: string;
}

export interface ReadStreamOptions {
  /**
   * Start at this revision (inclusive): a caller that already holds the events before it reads only the rest,
   * so reading a long stream again costs what was appended since. From revision 0 when absent.
   */
  readonly fromRevision?: number;
}

export interface SubscriptionHandler {
  /** Called for every event in order; the subscription awaits it before delivering the next. */
  onEvent(event: StoredEvent): Promise<void> | void;
  /** The subscription has delivered everything stored when it started and now waits for new events. */
  onCaughtUp?(): void;
  /** The subscription failed; it does not resubscribe itself: resubscribe from your own checkpoint. */
  onError?(error: Error): void;
}

export interface Subscription {
  /** Resolves once the handler in flight (if any) has returned; awaiting it inside `onEvent` would never resolve. */
  stop(): Promise<void>;
}

export interface EventStore {
  append(streamId: string, events: readonly NewEvent[], expectedRevision: ExpectedRevision): Promise<AppendResult>;
  /** The events of one stream in revision order (from `fromRevision` on); an empty list for a stream that does not exist. */
  readStream(streamId: string, options?: ReadStreamOptions): Promise<StoredEvent[]>;
  /** Every event of every stream in global order, in batches. */
  readAll(options?: ReadAllOptions): AsyncIterable<StoredEvent[]>;
  /** Catch up from `after` (exclusive), then deliver new events live. */
  subscribeToAll(handler: SubscriptionHandler, options?: Omit<ReadAllOptions, 'batchSize'>): Subscription;
  /** Negative when a < b, 0 when equal, positive when a > b. */
  comparePositions(a: string, b: string): number;
  /** The position of the last event stored, or undefined when empty. */
  headPosition(): Promise<string | undefined>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

export class EventStoreError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** Another writer appended to the stream since the caller read it. */
export class ConcurrencyError extends EventStoreError {
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedRevision,
    readonly actual: number | 'no-stream',
  ) {
    super('CONCURRENCY_CONFLICT', `stream ${streamId} is at revision ${actual}, expected ${expected}`);
  }
}

/** An event id is already stored elsewhere (another stream or another place in this stream). */
export class DuplicateEventIdError extends EventStoreError {
  constructor(readonly eventId: string) {
    super('DUPLICATE_EVENT_ID', `event ${eventId} is already recorded elsewhere`);
  }
}

export class EventStoreUnavailableError extends EventStoreError {
  constructor(
    message: string,
    override readonly cause?: unknown,
  ) {
    super('EVENT_STORE_UNAVAILABLE', message);
  }
}
