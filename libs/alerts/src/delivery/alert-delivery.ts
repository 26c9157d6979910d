import { UnrecoverableError } from 'bullmq';
import type { ChannelsByRecipient } from '../alerts-config';
import type { DeliveryJob } from '../relay/delivery-job';
import type { AlertStore } from '../store/alert-store.port';
import { alertMessage } from './alert-message';
import type { EmailChannel } from './email.channel';
import { sendWebhook } from './webhook.channel';

export interface AlertDeliveryDeps {
  readonly alerts: AlertStore;
  readonly channels: ChannelsByRecipient;
  /** Undefined when SMTP_URL is not set: an email channel then fails for good. */
  readonly email: EmailChannel | undefined;
  readonly webhookTimeoutMs: number;
  readonly now: () => Date;
}

export type DeliveryOutcome = 'sent' | 'already-delivered';

/**
 * Delivers one notice (alert, raised or withdrawn, episode) over one channel to one recipient. The
 * delivery is looked up under its unique key first and recorded after the send, so a job retried
 * after a successful send (a crash before BullMQ marked it complete, a stalled job) does not send
 * again. Configuration that cannot work (no channel, unknown alert, no SMTP) fails for good instead
 * of being retried eight times.
 */
export async function deliverAlert(deps: AlertDeliveryDeps, job: DeliveryJob): Promise<DeliveryOutcome> {
  const { alertId, channel, recipient } = job;
  if (await deps.alerts.isDelivered(job)) return 'already-delivered';
  const alert = await deps.alerts.findAlert(alertId);
  const notice = await deps.alerts.findNotice(alertId, job.notice, job.episode);
  if (!alert || !notice) throw new UnrecoverableError(`alert ${alertId} (${job.notice} ${job.episode}) is not in the alert store`);
  const target = deps.channels[recipient];
  const message = alertMessage(alert, notice, recipient);
  if (channel === 'webhook') {
    if (!target?.webhook) throw new UnrecoverableError(`no webhook is configured for ${recipient}`);
    await sendWebhook(target.webhook, message, { timeoutMs: deps.webhookTimeoutMs, now: deps.now() });
  } else {
    if (!target?.email) throw new UnrecoverableError(`no email address is configured for ${recipient}`);
    if (!deps.email) throw new UnrecoverableError('SMTP_URL is not set, so email alerts cannot be sent');
    await deps.email.send(target.email, message);
  }
  await deps.alerts.recordDelivery(job, deps.now().toISOString());
  return 'sent';
}
