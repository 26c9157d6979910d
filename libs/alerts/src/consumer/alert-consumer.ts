import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { londonDateOf } from '@sj/config';
import { DEFAULT_INCLUSION_CONFIG, type InclusionConfig } from '@sj/domain';
import { CheckpointedConsumer, childIdFromStreamId, decodeJourneyEvent, journeyStreamId, type EventStore, type StoredEvent } from '@sj/event-store';
import { silentAlertsLogger, errorMessage, type AlertsLogger } from '../alerts-logger';
import type { AlertChange } from '../rules/alert-decision';
import { advanceInclusionAlerts, INCLUSION_ALERT_EVENT_TYPES, startAlertProgress, type ChildAlertProgress } from '../rules/inclusion-alerts';
import type { AlertStore } from '../store/alert-store.port';
import { alertIdOf } from '../store/alert-writes';

export interface AlertConsumerOptions {
  readonly inclusion?: InclusionConfig;
  readonly batchSize?: number;
  readonly flushDelayMs?: number;
  readonly retryDelayMs?: number;
  readonly logger?: AlertsLogger;
  readonly now?: () => Date;
  /** Called after a batch raised, reopened or withdrew alerts, so the relay need not wait for its next poll. */
  readonly onNewAlerts?: () => void;
  /** Events of children's journeys held between batches (least recently touched children dropped first). */
  readonly heldEvents?: number;
}

/** Enough for thousands of ordinary journeys, or a few hundred very long ones, in well under 200 MiB. */
export const DEFAULT_ALERT_HELD_EVENTS = 100_000;

/** A child is judged in one go; between children the consumer lets other work (HTTP requests) run. */
const YIELD_AFTER_MS = 4;

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
  /** Each recently touched child's alerts as walked so far, in least-recently-touched order. */
  private readonly progress = new Map<string, ChildAlertProgress>();
  private heldEvents = 0;

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
    this.forgetProgress();
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
    // the alert store may have lost what was applied: every child is walked from its first event again
    this.forgetProgress();
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
    let sliceStarted = performance.now();
    try {
      for (const childId of children) {
        changes.push(...(await this.changesFor(childId)));
        if (performance.now() - sliceStarted >= YIELD_AFTER_MS) {
          await yieldToEventLoop();
          sliceStarted = performance.now();
        }
      }
      const last = batch[batch.length - 1];
      const at = this.now().toISOString();
      const added = await this.alerts.applyChanges(changes, at, last.position);
      this.position = last.position;
      if (added > 0) {
        this.logger.info('alerts raised or withdrawn', { count: added });
        this.options.onNewAlerts?.();
      }
    } catch (error) {
      // The held progress already went past this batch; delivered again from the checkpoint, its events would bring
      // no change, so its children are walked whole next time (the store applies only changes it lacks).
      for (const childId of children) this.forget(childId);
      throw error;
    }
  }

  /**
   * What the child's events recorded since the consumer last walked them change, read from the store as it is
   * now: the rules are a pure function of the stream and of the day each event was recorded, so reading further
   * than this batch gives the same changes a later batch would. A child not held (first seen, or dropped) is
   * walked from its first event; the store skips the part of each alert's life it already applied.
   */
  private async changesFor(childId: string): Promise<AlertChange[]> {
    const held = this.progress.get(childId);
    const heldBefore = held?.journey.events.length ?? 0;
    const progress = held ?? startAlertProgress(childId);
    const streamId = journeyStreamId(childId);
    const events = (await this.store.readStream(streamId, { fromRevision: progress.revision + 1 })).map(decodeJourneyEvent);
    const recordedOn = Object.fromEntries(events.map((e) => [e.metadata.eventId, londonDateOf(new Date(e.metadata.recordedAt))]));
    const fresh = advanceInclusionAlerts(progress, events, recordedOn, this.inclusion);
    if (held !== undefined) this.forget(childId, heldBefore);
    this.hold(progress);
    // the store recognises what it applied by each alert's whole life, so a changed alert is sent with its history
    const changed = new Set(fresh.map(alertIdOf));
    return progress.changes.filter((change) => changed.has(alertIdOf(change)));
  }

  /** Keeps the child's progress as the most recently touched, dropping the least recently touched past the capacity. */
  private hold(progress: ChildAlertProgress): void {
    this.progress.set(progress.childId, progress);
    this.heldEvents += progress.journey.events.length;
    const capacity = this.options.heldEvents ?? DEFAULT_ALERT_HELD_EVENTS;
    for (const [childId, oldest] of this.progress) {
      if (this.heldEvents <= capacity || childId === progress.childId) break;
      this.forget(childId, oldest.journey.events.length);
    }
  }

  private forget(childId: string, heldEvents = this.progress.get(childId)?.journey.events.length): void {
    if (heldEvents === undefined || !this.progress.delete(childId)) return;
    this.heldEvents -= heldEvents;
  }

  private forgetProgress(): void {
    this.progress.clear();
    this.heldEvents = 0;
  }
}
