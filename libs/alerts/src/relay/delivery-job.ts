import type { Recipient } from '../rules/alert-decision';
import type { NoticeKind } from '../store/alert-store.port';

/** The delivery queue (README.md health: its depth is reported). */
export const ALERTS_QUEUE = 'alerts';
/** The queue of the daily clock sweep's scheduler. */
export const ALERTS_SWEEP_QUEUE = 'alerts-sweep';

export type DeliveryChannel = 'webhook' | 'email';

/** Ids only: job data sits in Redis unencrypted (docs/ENGINEERING.md), the worker reads the notice by its key. */
export interface DeliveryJob {
  readonly alertId: string;
  readonly notice: NoticeKind;
  readonly episode: number;
  readonly channel: DeliveryChannel;
  readonly recipient: Recipient;
}

/** A job as read back from Redis: jobs queued before alerts could be withdrawn name no notice, and were first raises. */
export type QueuedDeliveryJob = Omit<DeliveryJob, 'notice' | 'episode'> & Partial<Pick<DeliveryJob, 'notice' | 'episode'>>;

export function readDeliveryJob(data: QueuedDeliveryJob): DeliveryJob {
  return { ...data, notice: data.notice ?? 'raised', episode: data.episode ?? 1 };
}

/**
 * One job id per (alert, notice, channel, recipient), so adding the same delivery twice is a no-op in
 * BullMQ, and a withdrawal or a reopening is a job of its own (`raised-2`, `withdrawn-1`, ...). `:`
 * is escaped because BullMQ refuses custom ids containing it; `%` and `|` are escaped so that the
 * mapping stays one-to-one.
 */
export function deliveryJobId(job: DeliveryJob): string {
  const escape = (s: string): string => s.replace(/%/g, '%25').replace(/\|/g, '%7C').replace(/:/g, '%3A');
  return [job.alertId, `${job.notice}-${job.episode}`, job.channel, job.recipient].map(escape).join('|');
}
