import { Queue, Worker } from 'bullmq';
import type Redis from 'ioredis';
import { DEFAULT_INCLUSION_CONFIG, type InclusionConfig, type LocalDate } from '@sj/domain';
import type { EventStore } from '@sj/event-store';
import { assertNoEviction, waitUntilReady } from '@sj/queues';
import type { AlertsConfig } from './alerts-config';
import { errorMessage, silentAlertsLogger, type AlertsLogger } from './alerts-logger';
import { AlertConsumer } from './consumer/alert-consumer';
import { deliverAlert } from './delivery/alert-delivery';
import { alertChannelProblems } from './delivery/channel-reachability';
import { EmailChannel } from './delivery/email.channel';
import { AlertRelay } from './relay/alert-relay';
import { ALERTS_QUEUE, ALERTS_SWEEP_QUEUE, readDeliveryJob, type DeliveryJob, type QueuedDeliveryJob } from './relay/delivery-job';
import type { AlertStore } from './store/alert-store.port';
import { runClockSweep, type SweepCandidates } from './sweep/clock-sweep';

export interface AlertPipelineDeps {
  readonly store: EventStore;
  /** The alert inbox and outbox; the caller opens and closes it. */
  readonly alerts: AlertStore;
  /** Where the daily sweep finds the clocks that could alert (the read models). */
  readonly sweepCandidates: SweepCandidates;
  /** Fail-fast connection (`enableOfflineQueue: false`) for adding jobs. */
  readonly producer: Redis;
  /** Connection for the BullMQ workers (`maxRetriesPerRequest: null`). */
  readonly workerConnection: Redis;
  readonly config: AlertsConfig;
  readonly inclusion?: InclusionConfig;
  readonly warningWindowDays: number;
  /** Today in Europe/London (the injected clock). */
  readonly today: () => LocalDate;
  readonly now: () => Date;
  readonly logger?: AlertsLogger;
  readonly deliveryConcurrency?: number;
  /** BullMQ key prefix (default `bull`); lets tests share one Redis without sharing queues. */
  readonly prefix?: string;
}

export interface AlertPipeline {
  readonly alerts: AlertStore;
  readonly consumer: AlertConsumer;
  readonly relay: AlertRelay;
  readonly queue: Queue<DeliveryJob>;
  /** Runs the clock sweep for today now; returns how many alerts were new. */
  sweep(): Promise<number>;
  /** Stops taking work, waits for deliveries in flight, then closes the queues (the alert store is the caller's). */
  close(): Promise<void>;
}

export const SWEEP_SCHEDULER_ID = 'daily-clock-sweep';

/**
 * The worker's alerting: the outbox consumer, the relay, the delivery worker and the daily clock
 * sweep (a BullMQ job scheduler in Europe/London time, plus once now at start). The connections
 * belong to the caller, which closes them after `close()`.
 */
export async function startAlertPipeline(deps: AlertPipelineDeps): Promise<AlertPipeline> {
  const logger = deps.logger ?? silentAlertsLogger;
  await waitUntilReady(deps.producer);
  await assertNoEviction(deps.producer);
  const prefix = deps.prefix ?? 'bull';
  const queue = new Queue<DeliveryJob>(ALERTS_QUEUE, { connection: deps.producer, prefix });
  const sweepQueue = new Queue(ALERTS_SWEEP_QUEUE, { connection: deps.producer, prefix });
  queue.on('error', (err) => logger.warn('alert queue error', { error: err.message }));
  sweepQueue.on('error', (err) => logger.warn('alert sweep queue error', { error: err.message }));

  const alerts = deps.alerts;
  const relay = new AlertRelay(alerts, queue, {
    channels: deps.config.channels,
    attempts: deps.config.deliveryAttempts,
    backoffMs: deps.config.deliveryBackoffMs,
    pollMs: deps.config.relayPollMs,
    logger,
    now: deps.now,
  });
  const consumer = new AlertConsumer(deps.store, alerts, {
    inclusion: deps.inclusion ?? DEFAULT_INCLUSION_CONFIG,
    logger,
    now: deps.now,
    onNewAlerts: () => relay.wake(),
  });
  const email = deps.config.smtpUrl !== undefined ? new EmailChannel(deps.config.smtpUrl, deps.config.emailFrom) : undefined;

  const sweep = async (): Promise<number> => {
    const added = await runClockSweep({
      candidates: deps.sweepCandidates,
      alerts,
      sweepDay: deps.today(),
      options: { recentDays: deps.config.sweepRecentDays, warningWindowDays: deps.warningWindowDays },
      now: deps.now(),
    });
    logger.info('clock sweep done', { day: deps.today(), alertsRaised: added });
    if (added > 0) relay.wake();
    return added;
  };

  const deliveryWorker = new Worker<QueuedDeliveryJob>(
    ALERTS_QUEUE,
    (job) =>
      deliverAlert(
        { alerts, channels: deps.config.channels, email, webhookTimeoutMs: deps.config.webhookTimeoutMs, now: deps.now },
        readDeliveryJob(job.data),
      ),
    { connection: deps.workerConnection, prefix, concurrency: deps.deliveryConcurrency ?? 4 },
  );
  deliveryWorker.on('failed', (job, err) => {
    if (!job) return;
    const final = job.attemptsMade >= (job.opts.attempts ?? 1) || err.name === 'UnrecoverableError';
    logger[final ? 'error' : 'warn'](final ? 'alert delivery failed for good' : 'alert delivery failed; will retry', {
      alertId: job.data.alertId,
      notice: job.data.notice ?? 'raised',
      channel: job.data.channel,
      recipient: job.data.recipient,
      attempt: job.attemptsMade,
      error: err.message,
    });
  });
  deliveryWorker.on('error', (err) => logger.warn('alert delivery worker error', { error: err.message }));
  const sweepWorker = new Worker(ALERTS_SWEEP_QUEUE, () => sweep(), { connection: deps.workerConnection, prefix, concurrency: 1 });
  sweepWorker.on('error', (err) => logger.warn('clock sweep worker error', { error: err.message }));

  const close = async (): Promise<void> => {
    await consumer.stop();
    await relay.stop();
    await Promise.all([deliveryWorker.close(), sweepWorker.close()]);
    await Promise.all([queue.close(), sweepQueue.close()]);
    email?.close();
  };

  try {
    await sweepQueue.upsertJobScheduler(
      SWEEP_SCHEDULER_ID,
      { pattern: deps.config.sweepCron, tz: 'Europe/London' },
      { name: 'clock-sweep', opts: { removeOnComplete: 30, removeOnFail: 100 } },
    );
    await sweep();
    await consumer.start();
  } catch (error) {
    logger.error('alert pipeline failed to start', { error: errorMessage(error) });
    await close();
    throw error;
  }
  relay.start();
  void warnOfChannelProblems(deps.config, alerts, logger);
  return { alerts, consumer, relay, queue, sweep, close };
}

/**
 * Says loudly, at start, what will keep alerts from leaving the in-app inbox: channels unreachable or misconfigured,
 * or none configured while alerts wait to be relayed. Delivery failures are logged job by job as they happen.
 */
async function warnOfChannelProblems(config: AlertsConfig, alerts: AlertStore, logger: AlertsLogger): Promise<void> {
  try {
    const problems = await alertChannelProblems(config, config.webhookTimeoutMs);
    const pending = (await alerts.unqueuedNotices(1)).length > 0;
    for (const problem of problems) {
      if (problem.kind === 'none-configured' && !pending) continue;
      logger.warn(`ALERT CHANNEL PROBLEM: ${problem.problem}`, { ...problem, alertsPending: pending });
    }
  } catch (error) {
    logger.warn('could not check the alert channels', { error: errorMessage(error) });
  }
}
