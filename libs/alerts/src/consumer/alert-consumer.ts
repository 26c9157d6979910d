import { londonDateOf } from '@sj/config';
import { DEFAULT_INCLUSION_CONFIG, foldJourney, type InclusionConfig } from '@sj/domain';
import {
  childIdFromStreamId,
  decodeJourneyEvent,
  journeyStreamId,
  JOURNEY_STREAM_PREFIX,
  type EventStore,
  type StoredEvent,
  type Subscription,
} from '@sj/event-store';
import { silentAlertsLogger, errorMessage, type AlertsLogger } from '../alerts-logger';
import type { AlertDecision } from '../rules/alert-decision';
import { inclusionAlerts } from '../rules/inclusion-alerts';
import type { AlertsDb } from '../store/alerts.database';
import { insertAlerts } from '../store/alert-rows';

export interface AlertConsumerOptions {
  readonly inclusion?: InclusionConfig;
  readonly batchSize?: number;
  readonly flushDelayMs?: number;
  readonly retryDelayMs?: number;
  readonly logger?: AlertsLogger;
  readonly now?: () => Date;
  /** Called after a batch added new alert rows, so the relay need not wait for its next poll. */
  readonly onNewAlerts?: () => void;
}

/** Events that can raise an inclusion alert; a batch without one needs no stream read. */
const RAISING_TYPES = new Set(['SuspensionRecorded', 'PermanentExclusionRecorded', 'EventVoided']);

/**
 * The outbox side of alerting (NOTES.md "Alert delivery without loss"): a checkpointed consumer of
 * the event log that writes each batch's new alert rows and its checkpoint in ONE SQLite
 * transaction. A crash before the commit replays the batch; a replay, a restart or a rebuild from
 * position zero re-derives the same alert ids, which `INSERT OR IGNORE` keeps to one row each.
 */
export class AlertConsumer {
  private readonly inclusion: InclusionConfig;
  private readonly batchSize: number;
  private readonly flushDelayMs: number;
  private readonly retryDelayMs: number;
  private readonly logger: AlertsLogger;
  private readonly now: () => Date;
  private subscription: Subscription | undefined;
  private pending: StoredEvent[] = [];
  private flushTimer: NodeJS.Timeout | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private writing: Promise<void> = Promise.resolve();
  private running = false;
  private caughtUp = false;

  constructor(
    private readonly store: EventStore,
    private readonly db: AlertsDb,
    private readonly options: AlertConsumerOptions = {},
  ) {
    this.inclusion = options.inclusion ?? DEFAULT_INCLUSION_CONFIG;
    this.batchSize = options.batchSize ?? 500;
    this.flushDelayMs = options.flushDelayMs ?? 20;
    this.retryDelayMs = options.retryDelayMs ?? 1000;
    this.logger = options.logger ?? silentAlertsLogger;
    this.now = options.now ?? (() => new Date());
  }

  get isCaughtUp(): boolean {
    return this.caughtUp;
  }

  get checkpoint(): string | undefined {
    const row = this.db.prepare('SELECT position FROM checkpoint WHERE id = 1').get() as { position: string | null } | undefined;
    return row?.position ?? undefined;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.subscribe();
  }

  async stop(): Promise<void> {
    this.running = false;
    clearTimeout(this.retryTimer);
    clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    await this.subscription?.stop();
    this.subscription = undefined;
    await this.enqueueFlush();
  }

  /** Consumes everything stored after the checkpoint, then returns (no live subscription). */
  async catchUp(): Promise<number> {
    let consumed = 0;
    for await (const batch of this.store.readAll({ after: this.checkpoint, batchSize: this.batchSize, streamPrefix: JOURNEY_STREAM_PREFIX })) {
      await this.applyBatch(batch);
      consumed += batch.length;
    }
    return consumed;
  }

  /** Reads the whole log again from position zero; existing alerts stay, none is created twice. */
  async rebuild(): Promise<number> {
    const wasRunning = this.running;
    if (wasRunning) await this.stop();
    this.db.prepare('DELETE FROM checkpoint').run();
    const consumed = await this.catchUp();
    if (wasRunning) this.start();
    return consumed;
  }

  private subscribe(): void {
    this.caughtUp = false;
    this.subscription = this.store.subscribeToAll(
      {
        onEvent: async (event) => {
          this.pending.push(event);
          if (this.pending.length >= this.batchSize) await this.enqueueFlush();
          else this.scheduleFlush();
        },
        onCaughtUp: () => {
          void this.enqueueFlush().then(() => {
            this.caughtUp = true;
          });
        },
        onError: (error) => this.resubscribeLater(error),
      },
      { after: this.checkpoint, streamPrefix: JOURNEY_STREAM_PREFIX },
    );
  }

  private resubscribeLater(error: Error): void {
    this.logger.error('alert consumer failed; resubscribing from its checkpoint', { error: error.message });
    this.pending = [];
    const failed = this.subscription;
    this.subscription = undefined;
    void failed?.stop();
    if (!this.running) return;
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => {
      if (this.running && !this.subscription) this.subscribe();
    }, this.retryDelayMs);
  }

  private scheduleFlush(): void {
    if (this.flushTimer) return;
    this.flushTimer = setTimeout(() => {
      this.flushTimer = undefined;
      void this.enqueueFlush();
    }, this.flushDelayMs);
  }

  /** Batches are written one after another, never interleaved. */
  private enqueueFlush(): Promise<void> {
    this.writing = this.writing.then(async () => {
      const batch = this.pending;
      this.pending = [];
      if (batch.length === 0) return;
      try {
        await this.applyBatch(batch);
      } catch (error) {
        this.resubscribeLater(error instanceof Error ? error : new Error(errorMessage(error)));
      }
    });
    return this.writing;
  }

  private async applyBatch(batch: readonly StoredEvent[]): Promise<void> {
    const children = new Set<string>();
    for (const event of batch) {
      const childId = childIdFromStreamId(event.streamId);
      if (childId !== undefined && RAISING_TYPES.has(event.type)) children.add(childId);
    }
    const decisions: AlertDecision[] = [];
    for (const childId of children) decisions.push(...(await this.decisionsFor(childId)));
    const last = batch[batch.length - 1]!;
    const at = this.now().toISOString();
    const added = this.db.transaction(() => {
      const count = insertAlerts(this.db, decisions, at);
      this.db
        .prepare(
          `INSERT INTO checkpoint (id, position, updated_at) VALUES (1, ?, ?)
           ON CONFLICT (id) DO UPDATE SET position = excluded.position, updated_at = excluded.updated_at`,
        )
        .run(last.position, at);
      return count;
    })();
    if (added > 0) {
      this.logger.info('alerts raised', { count: added });
      this.options.onNewAlerts?.();
    }
  }

  /**
   * The child's whole stream as stored now: the rules are a pure function of it and of the day each
   * event was recorded, so reading further than this batch gives the same decisions a later batch will.
   */
  private async decisionsFor(childId: string): Promise<AlertDecision[]> {
    const events = (await this.store.readStream(journeyStreamId(childId))).map(decodeJourneyEvent);
    const child = foldJourney(events).child;
    if (!child) return [];
    const recordedOn = Object.fromEntries(events.map((e) => [e.metadata.eventId, londonDateOf(new Date(e.metadata.recordedAt))]));
    return inclusionAlerts({ child: { childId, area: child.area, caseworker: child.caseworker }, events, recordedOn }, this.inclusion);
  }
}
