import { Inject, Injectable } from '@nestjs/common';
import { alertChannelProblems, AlertsConfigError, loadAlertsConfig, type AlertChannelProblem, type AlertStore } from '@sj/alerts';
import { ALERT_STORE } from '../alerts/alert-store.provider';

/** What /health says about alerts leaving the in-app inbox: `degraded` while some cannot. */
export interface AlertChannelsStatus {
  readonly status: 'ok' | 'degraded';
  /** Alerts raised and not yet handed to the delivery queue (true when at least one waits; null when the store cannot say). */
  readonly pending: boolean | null;
  readonly problems: readonly AlertChannelProblem[];
}

/** Channels are looked at again after this long: a /health poll every few seconds must not open a connection each time. */
const RECHECK_MS = 10_000;
const CONNECT_TIMEOUT_MS = 2_000;

/**
 * Checks the alert channels the worker delivers through (the same ALERT_CHANNELS / ALERT_CHANNELS_FILE and
 * SMTP_URL settings): a webhook or SMTP server that refuses connections, email without SMTP_URL, and no channel at
 * all while alerts wait to be relayed, each named, never skipped in silence. Having no channel counts as degraded
 * only while alerts are pending, since the in-app inbox is always on.
 */
@Injectable()
export class AlertChannelsHealth {
  private checked: { at: number; problems: Promise<AlertChannelProblem[]> } | undefined;

  constructor(@Inject(ALERT_STORE) private readonly alerts: AlertStore) {}

  async status(): Promise<AlertChannelsStatus> {
    const [problems, pending] = await Promise.all([
      this.problems(),
      this.alerts.unqueuedNotices(1).then(
        (notices) => notices.length > 0,
        () => null,
      ),
    ]);
    const blocking = problems.filter((problem) => problem.kind !== 'none-configured' || pending === true);
    return { status: blocking.length > 0 ? 'degraded' : 'ok', pending, problems };
  }

  private problems(): Promise<AlertChannelProblem[]> {
    const now = Date.now();
    if (this.checked === undefined || now - this.checked.at > RECHECK_MS) this.checked = { at: now, problems: check() };
    return this.checked.problems;
  }
}

async function check(): Promise<AlertChannelProblem[]> {
  try {
    return await alertChannelProblems(loadAlertsConfig(), CONNECT_TIMEOUT_MS);
  } catch (error) {
    if (error instanceof AlertsConfigError)
      return [
        {
          channel: 'configuration',
          kind: 'misconfigured',
          problem: `the alert configuration has ${error.problems.length} problem(s); the worker refuses it and names each`,
        },
      ];
    throw error;
  }
}
