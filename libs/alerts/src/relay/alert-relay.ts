import type { Queue } from 'bullmq';
import { silentAlertsLogger, errorMessage, type AlertsLogger } from '../alerts-logger';
import type { ChannelsByRecipient } from '../alerts-config';
import type { AlertNotice, AlertStore } from '../store/alert-store.port';
import { deliveryJobId, type DeliveryChannel, type DeliveryJob } from './delivery-job';

export interface AlertRelayOptions {
  readonly channels: ChannelsByRecipient;
  readonly attempts: number;
  readonly backoffMs: number;
  readonly pollMs: number;
  readonly logger?: AlertsLogger;
  readonly now?: () => Date;
}

/** Notices read per round. */
const ROUND_SIZE = 100;

/**
 * Moves notices from the outbox into BullMQ (docs/ENGINEERING.md "Alert delivery without loss"): one
 * job per (alert, notice, channel, recipient) with a deterministic id, and `queued_at` set only after
 * the add succeeded. While Redis is down the add fails fast (producer connection, no offline queue),
 * the notices stay unqueued and go on a later round, oldest first. A crash between add and mark
 * re-adds the same ids, which BullMQ ignores.
 */
export class AlertRelay {
  private readonly logger: AlertsLogger;
  private readonly now: () => Date;
  private timer: NodeJS.Timeout | undefined;
  private round: Promise<void> = Promise.resolve();
  private running = false;
  private again = false;
  private failing = false;
  /** The alert store refused the last read or mark (a full disk, say): said once, not on every round until it answers. */
  private storeFailing = false;
  /** Recipients already warned about (once per process each: every alert for them would repeat it). */
  private readonly warnedWithoutChannel = new Set<string>();

  constructor(
    private readonly alerts: AlertStore,
    private readonly queue: Queue<DeliveryJob>,
    private readonly options: AlertRelayOptions,
  ) {
    this.logger = options.logger ?? silentAlertsLogger;
    this.now = options.now ?? (() => new Date());
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.wake();
  }

  async stop(): Promise<void> {
    this.running = false;
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.round;
  }

  /** Runs a round now (or right after the one in progress). */
  wake(): void {
    if (!this.running) return;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.again = true;
    this.round = this.round.then(async () => {
      while (this.again && this.running) {
        this.again = false;
        await this.relayOnce();
      }
      if (this.running && !this.timer) this.timer = setTimeout(() => this.wake(), this.options.pollMs);
    });
  }

  /**
   * Queues every unqueued notice it can; returns how many notices were marked queued. While the alert store
   * is unavailable nothing is marked, and a later round tries again.
   */
  async relayOnce(): Promise<number> {
    let marked = 0;
    for (;;) {
      let notices: AlertNotice[];
      try {
        notices = await this.alerts.unqueuedNotices(ROUND_SIZE);
      } catch (error) {
        this.storeFails('alert relay cannot read the outbox; it tries again on its next round', error);
        return marked;
      }
      for (const notice of notices) {
        const jobs = this.jobsFor(notice);
        try {
          if (jobs.length > 0) await this.queue.addBulk(jobs);
        } catch (error) {
          if (!this.failing) this.logger.warn('alert relay cannot reach Redis; alerts wait in the outbox', { error: errorMessage(error) });
          this.failing = true;
          return marked;
        }
        if (this.failing) this.logger.info('alert relay reaches Redis again');
        this.failing = false;
        try {
          await this.alerts.markNoticeQueued(notice, this.now().toISOString());
        } catch (error) {
          // the jobs are in the queue under their ids: the next round adds them again, which BullMQ ignores
          this.storeFails('alert relay cannot mark a notice queued; it tries again on its next round', error);
          return marked;
        }
        if (this.storeFailing) this.logger.info('alert relay can write to the alert store again');
        this.storeFailing = false;
        marked += 1;
      }
      if (notices.length < ROUND_SIZE) return marked;
    }
  }

  private storeFails(message: string, error: unknown): void {
    if (!this.storeFailing) this.logger.warn(message, { error: errorMessage(error) });
    this.storeFailing = true;
  }

  /** Never a silent skip: the alert stays in the in-app inbox, and whoever runs the service hears that it goes no further. */
  private warnWithoutChannel(recipient: string, notice: AlertNotice): void {
    if (this.warnedWithoutChannel.has(recipient)) return;
    this.warnedWithoutChannel.add(recipient);
    this.logger.warn('ALERT NOT SENT: no delivery channel is configured for this recipient; the alert reaches the in-app inbox only', {
      recipient,
      alertId: notice.alertId,
      configure: 'ALERT_CHANNELS or ALERT_CHANNELS_FILE',
    });
  }

  private jobsFor(notice: AlertNotice): { name: string; data: DeliveryJob; opts: { jobId: string } & Record<string, unknown> }[] {
    return notice.recipients.flatMap((recipient) => {
      const configured = this.options.channels[recipient] ?? {};
      const channels: DeliveryChannel[] = [...(configured.webhook ? ['webhook' as const] : []), ...(configured.email ? ['email' as const] : [])];
      if (channels.length === 0) this.warnWithoutChannel(recipient, notice);
      return channels.map((channel) => {
        const data: DeliveryJob = { alertId: notice.alertId, notice: notice.notice, episode: notice.episode, channel, recipient };
        return {
          name: `deliver-${channel}`,
          data,
          opts: {
            jobId: deliveryJobId(data),
            attempts: this.options.attempts,
            backoff: { type: 'exponential', delay: this.options.backoffMs },
            // Completed jobs are kept a week (their ids keep deduplicating); failed ones until someone looks.
            removeOnComplete: { age: 7 * 24 * 3600 },
            removeOnFail: false,
          },
        };
      });
    });
  }
}
