import { createHmac } from 'node:crypto';
import { UnrecoverableError } from 'bullmq';
import type { AlertMessage } from './alert-message';

export const TIMESTAMP_HEADER = 'X-SendJourneys-Timestamp';
export const SIGNATURE_HEADER = 'X-SendJourneys-Signature';

/** `sha256=<hex HMAC-SHA256 of "<timestamp>.<body>">`: the receiver recomputes it with the shared secret. */
export function webhookSignature(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/**
 * POSTs the alert as JSON with a signature and a timestamp (so a receiver can refuse replays).
 * 2xx is delivered; 408, 429 and 5xx, timeouts and network errors are retried; any other 4xx means
 * the receiver will never take it, so it fails for good (`UnrecoverableError`).
 */
export async function sendWebhook(
  target: { url: string; secret: string },
  message: AlertMessage,
  options: { timeoutMs: number; now: Date },
): Promise<void> {
  const body = JSON.stringify(message);
  const timestamp = String(Math.floor(options.now.getTime() / 1000));
  const res = await fetch(target.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      [TIMESTAMP_HEADER]: timestamp,
      [SIGNATURE_HEADER]: webhookSignature(target.secret, timestamp, body),
    },
    body,
    signal: AbortSignal.timeout(options.timeoutMs),
  });
  await res.body?.cancel();
  if (res.ok) return;
  const retryable = res.status === 408 || res.status === 429 || res.status >= 500;
  const failure = `webhook answered ${res.status}`;
  throw retryable ? new Error(failure) : new UnrecoverableError(failure);
}
