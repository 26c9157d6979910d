import { londonDateOf } from '@sj/config';
import { DEFAULT_INCLUSION_CONFIG, type InclusionConfig } from '@sj/domain';
import { CheckpointedConsumer, childIdFromStreamId, decodeJourneyEvent, journeyStreamId, type EventStore, type StoredEvent } from '@sj/event-store';
import { silentAlertsLogger, errorMessage, type AlertsLogger } from '../alerts-logger';
import type { AlertChange } from '../rules/alert-decision';
import { INCLUSION_ALERT_EVENT_TYPES, inclusionAlertChanges } from '../rules/inclusion-alerts';
import type { AlertStore } from '../store/alert-store.port';

export interface AlertConsumerOptions {
  readonly inclusion?: InclusionConfig;
  readonly batchSize?: number;
  readonly flushDelayMs?: number;
  readonly retryDelayMs?: number;
  readonly logger?: AlertsLogger;
  readonly now?: () => Date;
  /** Called after a batch raised, reopened or withdrew alerts, so the relay need not wait for its next poll. */
  readonly onNewAlerts?: () => void;
}

/**
 * The outbox side of alerting (docs/ENGINEERING.md "Alert delivery without loss"): a checkpointed consumer of
 * the event log that writes each batch's alert changes (raised, reopened, withdrawn, each with its
 * notice) and its checkpoint in ONE transaction of the alert store. A crash before the commit replays the batch;
 * a replay, a restart or a rebuild from position zero re-derives the same changes for the same alert
 * ids, and the store applies only those it has not applied yet.
 */
export class AlertConsumer {
  private readonly inclusion: InclusionConfig;
  private readonly logger: AlertsLogger;
  private readonly now: () => Date;
  private readonly consumer: CheckpointedConsumer;
  /** The stored checkpoint, read when the consumer starts or catches up and moved with every batch it commits. */
  private position: string | undefined;

  constructor(
    private readonly store: EventStore,
    private readonly alerts: AlertStore,
    private readonly options: AlertConsumerOptions = {},
  ) {
    this.inclusion = options.inclusion ?? DEFAULT_INCLUSION_CONFIG;
    this.logger = options.logger ?? silentAlertsLogger;
    this.now = options.now ?? (() => new Date());
    this.consumer = new CheckpointedConsumer(
      store,
      { checkpoint: () => this.position, apply: (batch) => this.applyBatch(batch) },
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

  /** Where this consumer stands in the log, as last read from or committed to the store. */
  get checkpoint(): string | undefined {
    return this.position;
  }

  async start(): Promise<void> {
    this.position = await this.alerts.checkpoint();
    this.consumer.start();
  }

  stop(): Promise<void> {
    return this.consumer.stop();
  }

  /** Consumes everything stored after the checkpoint, then returns (no live subscription). */
  async catchUp(): Promise<number> {
    this.position = await this.alerts.checkpoint();
    return this.consumer.catchUp();
  }

  /** Reads the whole log again from position zero; existing alerts stay, none is created twice. */
  async rebuild(): Promise<number> {
    const wasRunning = this.consumer.isRunning;
    if (wasRunning) await this.stop();
    await this.alerts.resetCheckpoint();
    const consumed = await this.catchUp();
    if (wasRunning) await this.start();
    return consumed;
  }

  private async applyBatch(batch: readonly StoredEvent[]): Promise<void> {
    const children = new Set<string>();
    for (const event of batch) {
      const childId = childIdFromStreamId(event.streamId);
      if (childId !== undefined && INCLUSION_ALERT_EVENT_TYPES.has(event.type)) children.add(childId);
    }
    const changes: AlertChange[] = [];
    for (const childId of children) changes.push(...(await this.changesFor(childId)));
    const last = batch[batch.length - 1];
    const at = this.now().toISOString();
    const added = await this.alerts.applyChanges(changes, at, last.position);
    this.position = last.position;
    if (added > 0) {
      this.logger.info('alerts raised or withdrawn', { count: added });
      this.options.onNewAlerts?.();
    }
  }

  /**
   * The child's whole stream as stored now, read once per batch: the rules are a pure function of it
   * and of the day each event was recorded, so reading further than this batch gives the same
   * changes a later batch will.
   */
  private async changesFor(childId: string): Promise<AlertChange[]> {
    const events = (await this.store.readStream(journeyStreamId(childId))).map(decodeJourneyEvent);
    const recordedOn = Object.fromEntries(events.map((e) => [e.metadata.eventId, londonDateOf(new Date(e.metadata.recordedAt))]));
    return inclusionAlertChanges({ childId, events, recordedOn }, this.inclusion);
  }
}
