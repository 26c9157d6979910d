import type { Recipient } from '../rules/alert-decision';

/** The delivery queue (README.md health: its depth is reported). */
export const ALERTS_QUEUE = 'alerts';
/** The queue of the daily clock sweep's scheduler. */
export const ALERTS_SWEEP_QUEUE = 'alerts-sweep';

export type DeliveryChannel = 'webhook' | 'email';

/** Ids only: job data sits in Redis unencrypted (docs/ENGINEERING.md), the worker reads the alert row by id. */
export interface DeliveryJob {
  readonly alertId: string;
  readonly channel: DeliveryChannel;
  readonly recipient: Recipient;
}

/**
 * One job id per (alert, channel, recipient), so adding the same delivery twice is a no-op in
 * BullMQ. `:` is escaped because BullMQ refuses custom ids containing it; `%` and `|` are escaped
 * so that the mapping stays one-to-one.
 */
export function deliveryJobId(job: DeliveryJob): string {
  const escape = (s: string): string => s.replace(/%/g, '%25').replace(/\|/g, '%7C').replace(/:/g, '%3A');
  return [job.alertId, job.channel, job.recipient].map(escape).join('|');
}
