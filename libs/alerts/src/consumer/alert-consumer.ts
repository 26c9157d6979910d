import { londonDateOf } from '@sj/config';
import { DEFAULT_INCLUSION_CONFIG, foldJourney, type InclusionConfig } from '@sj/domain';
import { CheckpointedConsumer, childIdFromStreamId, decodeJourneyEvent, journeyStreamId, type EventStore, type StoredEvent } from '@sj/event-store';
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
 * The outbox side of alerting (docs/ENGINEERING.md "Alert delivery without loss"): a checkpointed consumer of
 * the event log that writes each batch's new alert rows and its checkpoint in ONE SQLite
 * transaction. A crash before the commit replays the batch; a replay, a restart or a rebuild from
 * position zero re-derives the same alert ids, which `INSERT OR IGNORE` keeps to one row each.
 */
export class AlertConsumer {
  private readonly inclusion: InclusionConfig;
  private readonly logger: AlertsLogger;
  private readonly now: () => Date;
  private readonly consumer: CheckpointedConsumer;

  constructor(
    private readonly store: EventStore,
    private readonly db: AlertsDb,
    private readonly options: AlertConsumerOptions = {},
  ) {
    this.inclusion = options.inclusion ?? DEFAULT_INCLUSION_CONFIG;
    this.logger = options.logger ?? silentAlertsLogger;
    this.now = options.now ?? (() => new Date());
    this.consumer = new CheckpointedConsumer(
      store,
      { checkpoint: () => this.checkpoint, apply: (batch) => this.applyBatch(batch) },
      {
        ...(options.batchSize !== undefined ? { batchSize: options.batchSize } : {}),
        ...(options.flushDelayMs !== undefined ? { flushDelayMs: options.flushDelayMs } : {}),
        ...(options.retryDelayMs !== undefined ? { retryDelayMs: options.retryDelayMs } : {}),
        onFailure: (error) => this.logger.error('alert consumer failed; resubscribing from its checkpoint', { error: errorMessage(error) }),
      },
    );
  }

  get isCaughtUp(): boolean {
    return this.consumer.isCaughtUp;
  }

  get checkpoint(): string | undefined {
    const row = this.db.prepare('SELECT position FROM checkpoint WHERE id = 1').get() as { position: string | null } | undefined;
    return row?.position ?? undefined;
  }

  start(): void {
    this.consumer.start();
  }

  stop(): Promise<void> {
    return this.consumer.stop();
  }

  /** Consumes everything stored after the checkpoint, then returns (no live subscription). */
  catchUp(): Promise<number> {
    return this.consumer.catchUp();
  }

  /** Reads the whole log again from position zero; existing alerts stay, none is created twice. */
  async rebuild(): Promise<number> {
    const wasRunning = this.consumer.isRunning;
    if (wasRunning) await this.stop();
    this.db.prepare('DELETE FROM checkpoint').run();
    const consumed = await this.catchUp();
    if (wasRunning) this.start();
    return consumed;
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
