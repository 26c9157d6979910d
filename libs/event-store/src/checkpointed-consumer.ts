import { setImmediate as nextTurn } from 'node:timers/promises';
import { JOURNEY_STREAM_PREFIX, type EventStore, type StoredEvent, type Subscription } from './event-store.port';

/**
 * Where a consumer keeps its work: the checkpoint it resumes from, and how a batch is applied.
 * `apply` must store the batch's effects and the batch's last position as the new checkpoint in one
 * transaction, so a crash between batches neither skips nor repeats anything.
 */
export interface ConsumerSink {
  checkpoint(): string | undefined;
  apply(batch: readonly StoredEvent[]): Promise<void>;
}

export interface CheckpointedConsumerOptions {
  /** Events per batch (one transaction in the sink). */
  readonly batchSize?: number;
  /** How long a partial batch may wait for company before it is applied. */
  readonly flushDelayMs?: number;
  /** Wait before resubscribing after a failure; doubled after each failure in a row, up to `maxRetryDelayMs`. */
  readonly retryDelayMs?: number;
  /** The longest wait between attempts while failures go on (a full disk, a store down): the consumer never gives up. */
  readonly maxRetryDelayMs?: number;
  /** Only streams whose id starts with this prefix (default: the journey streams). */
  readonly streamPrefix?: string;
  /** Told of every failure; the consumer then resubscribes from the sink's checkpoint by itself. */
  readonly onFailure?: (error: Error) => void;
}

/**
 * A checkpointed consumer of `$all`: catches up from the sink's checkpoint, then follows the log live,
 * in batches applied one after another. The event store never resubscribes for us (docs/ENGINEERING.md): on any
 * failure the consumer drops what it had not applied and resubscribes from the stored checkpoint.
 */
export class CheckpointedConsumer {
  readonly batchSize: number;
  private readonly flushDelayMs: number;
  private readonly retryDelayMs: number;
  private readonly maxRetryDelayMs: number;
  /** Failures since the last batch applied: each waits twice as long as the one before. */
  private failuresInARow = 0;
  private readonly streamPrefix: string;
  private subscription: Subscription | undefined;
  private pending: StoredEvent[] = [];
  private flushTimer: NodeJS.Timeout | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private applying: Promise<void> = Promise.resolve();
  private running = false;
  private caughtUp = false;

  constructor(
    private readonly store: EventStore,
    private readonly sink: ConsumerSink,
    private readonly options: CheckpointedConsumerOptions = {},
  ) {
    this.batchSize = options.batchSize ?? 500;
    this.flushDelayMs = options.flushDelayMs ?? 20;
    this.retryDelayMs = options.retryDelayMs ?? 1000;
    this.maxRetryDelayMs = Math.max(this.retryDelayMs, options.maxRetryDelayMs ?? 15_000);
    this.streamPrefix = options.streamPrefix ?? JOURNEY_STREAM_PREFIX;
  }

  /** True once the live subscription has applied everything that was stored when it started. */
  get isCaughtUp(): boolean {
    return this.caughtUp;
  }

  get isRunning(): boolean {
    return this.running;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.subscribe();
  }

  /** Stops following the log; resolves once the batch in hand has been applied. */
  async stop(): Promise<void> {
    this.running = false;
    clearTimeout(this.retryTimer);
    clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    await this.subscription?.stop();
    this.subscription = undefined;
    await this.flush();
  }

  /** Applies everything stored after the checkpoint, batch by batch, then returns (no live subscription). */
  async catchUp(onBatch?: (applied: number) => void): Promise<number> {
    let applied = 0;
    for await (const batch of this.store.readAll({ after: this.sink.checkpoint(), batchSize: this.batchSize, streamPrefix: this.streamPrefix })) {
      await this.sink.apply(batch);
      applied += batch.length;
      onBatch?.(applied);
      await nextTurn();
    }
    return applied;
  }

  private subscribe(): void {
    this.caughtUp = false;
    this.subscription = this.store.subscribeToAll(
      {
        onEvent: async (event) => {
          this.pending.push(event);
          if (this.pending.length >= this.batchSize) await this.flush();
          else this.scheduleFlush();
        },
        onCaughtUp: () => {
          void this.flush().then(() => {
            this.caughtUp = true;
            if (this.subscription !== undefined) this.failuresInARow = 0;
          });
        },
        onError: (error) => this.resubscribeLater(error),
      },
      { after: this.sink.checkpoint(), streamPrefix: this.streamPrefix },
    );
  }

  private resubscribeLater(error: Error): void {
    this.options.onFailure?.(error);
    this.pending = [];
    const failed = this.subscription;
    this.subscription = undefined;
    void failed?.stop();
    if (!this.running) return;
    clearTimeout(this.retryTimer);
    const delay = Math.min(this.maxRetryDelayMs, this.retryDelayMs * 2 ** Math.min(this.failuresInARow, 16));
    this.failuresInARow += 1;
    this.retryTimer = setTimeout(() => {
      if (this.running && !this.subscription) this.subscribe();
    }, delay);
  }

  private scheduleFlush(): void {
    if (this.flushTimer) return;
    this.flushTimer = setTimeout(() => {
      this.flushTimer = undefined;
      void this.flush();
    }, this.flushDelayMs);
  }

  /** Batches are applied one after another, never interleaved. */
  private flush(): Promise<void> {
    this.applying = this.applying.then(async () => {
      const batch = this.pending;
      this.pending = [];
      if (batch.length === 0) return;
      try {
        await this.sink.apply(batch);
        this.failuresInARow = 0;
      } catch (error) {
        this.resubscribeLater(error instanceof Error ? error : new Error(String(error)));
      }
      // A catch-up of a long log is batch after batch of synchronous work: without a turn of the event loop between
      // them, the HTTP server would neither start listening nor answer (not even /health) until the log was read.
      await nextTurn();
    });
    return this.applying;
  }
}
