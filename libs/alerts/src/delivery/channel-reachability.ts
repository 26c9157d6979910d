import { connect } from 'node:net';
import type { AlertsConfig } from '../alerts-config';

/** Something that keeps alerts from leaving the in-app inbox: a channel missing, misconfigured or unreachable. */
export interface AlertChannelProblem {
  /** `panel:north`, …; absent when the problem is not one recipient's (no channels at all, the SMTP server). */
  readonly recipient?: string;
  readonly channel: 'webhook' | 'email' | 'configuration';
  /** `none-configured` leaves alerts in the in-app inbox, which is always on; the others break a configured channel. */
  readonly kind: 'none-configured' | 'misconfigured' | 'unreachable';
  /** In words an operator can act on; names no URL or secret (it is shown on the public /health). */
  readonly problem: string;
}

/**
 * What stands between a raised alert and the people it is for, beyond the in-app inbox: no channel configured at
 * all, email addresses without SMTP_URL, and each webhook and SMTP server that does not accept a TCP connection
 * within `timeoutMs` (a refused port, a host that does not answer). A connection is opened and closed at once: no
 * request is sent, so receivers see nothing. An empty answer means every configured channel could be reached.
 */
export async function alertChannelProblems(config: AlertsConfig, timeoutMs: number): Promise<AlertChannelProblem[]> {
  const entries = Object.entries(config.channels);
  if (entries.length === 0) {
    return [
      {
        channel: 'configuration',
        kind: 'none-configured',
        problem: 'no alert channel is configured (ALERT_CHANNELS or ALERT_CHANNELS_FILE): alerts reach the in-app inbox only',
      },
    ];
  }
  const checks: Promise<AlertChannelProblem | undefined>[] = [];
  const emailRecipients: string[] = [];
  for (const [recipient, channels = {}] of entries) {
    if (channels.webhook) {
      const url = channels.webhook.url;
      checks.push(
        unreachable(endpointOf(url, url.startsWith('https:') ? 443 : 80), timeoutMs).then((error) =>
          error === undefined
            ? undefined
            : { recipient, channel: 'webhook', kind: 'unreachable', problem: `the webhook of ${recipient} cannot be reached (${error})` },
        ),
      );
    }
    if (channels.email !== undefined) emailRecipients.push(recipient);
  }
  if (emailRecipients.length > 0) {
    const smtpUrl = config.smtpUrl;
    if (smtpUrl === undefined) {
      checks.push(
        Promise.resolve({
          channel: 'email',
          kind: 'misconfigured',
          problem: `email alerts are configured for ${emailRecipients.join(', ')} but SMTP_URL is not set, so none can be sent`,
        }),
      );
    } else {
      checks.push(
        unreachable(endpointOf(smtpUrl, smtpUrl.startsWith('smtps:') ? 465 : 25), timeoutMs).then((error) =>
          error === undefined
            ? undefined
            : { channel: 'email', kind: 'unreachable', problem: `the SMTP server (SMTP_URL) cannot be reached (${error})` },
        ),
      );
    }
  }
  return (await Promise.all(checks)).filter((problem) => problem !== undefined);
}

function endpointOf(url: string, defaultPort: number): { host: string; port: number } {
  const parsed = new URL(url);
  const host = parsed.hostname.startsWith('[') ? parsed.hostname.slice(1, -1) : parsed.hostname;
  return { host, port: parsed.port === '' ? defaultPort : Number(parsed.port) };
}

/** The error code when no TCP connection could be made, undefined when one was. */
function unreachable(endpoint: { host: string; port: number }, timeoutMs: number): Promise<string | undefined> {
  return new Promise((resolve) => {
    const socket = connect(endpoint);
    const done = (answer: string | undefined): void => {
      socket.destroy();
      resolve(answer);
    };
    socket.setTimeout(timeoutMs, () => done(`no answer within ${timeoutMs} ms`));
    socket.once('connect', () => done(undefined));
    socket.once('error', (error: NodeJS.ErrnoException) => done(error.code ?? error.message));
  });
}
