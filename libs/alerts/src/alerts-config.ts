import { readFileSync } from 'node:fs';
import { isRecipient, type Recipient } from './rules/alert-decision';

/** Where one recipient's alerts go besides the in-app inbox (the alert row itself, always on). */
export interface RecipientChannels {
  readonly webhook?: { readonly url: string; readonly secret: string };
  readonly email?: string;
}

/** Only the recipients named in the configuration have an entry. */
export type ChannelsByRecipient = Readonly<Partial<Record<Recipient, RecipientChannels>>>;

export interface AlertsConfig {
  readonly channels: ChannelsByRecipient;
  /** e.g. `smtp://127.0.0.1:2525`; email channels fail permanently without it. */
  readonly smtpUrl?: string;
  readonly emailFrom: string;
  /** Cron pattern of the daily clock sweep, in Europe/London time. */
  readonly sweepCron: string;
  /** Days a clock may have been due-soon / breached and still be alerted (missed sweeps are caught up). */
  readonly sweepRecentDays: number;
  readonly deliveryAttempts: number;
  /** First retry delay; BullMQ doubles it on each attempt. */
  readonly deliveryBackoffMs: number;
  readonly webhookTimeoutMs: number;
  /** How often the relay looks for alert rows that are not in the queue yet (it is also woken on new rows). */
  readonly relayPollMs: number;
}

export class AlertsConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid alert configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'AlertsConfigError';
  }
}

type Env = Readonly<Record<string, string | undefined>>;

/**
 * Reads the alert settings: `ALERT_CHANNELS_FILE` (a JSON file) or `ALERT_CHANNELS` (JSON), shaped
 * `{ "panel:north": { "webhook": { "url": "...", "secret": "..." }, "email": "panel.north@example.org" } }`;
 * `SMTP_URL`, `ALERT_EMAIL_FROM`, `ALERT_SWEEP_CRON` (default `30 5 * * *`), `ALERT_SWEEP_RECENT_DAYS` (7),
 * `ALERT_DELIVERY_ATTEMPTS` (8), `ALERT_DELIVERY_BACKOFF_MS` (30000), `ALERT_WEBHOOK_TIMEOUT_MS` (5000),
 * `ALERT_RELAY_POLL_MS` (1000). Every problem is reported at once.
 */
export function loadAlertsConfig(env: Env = process.env): AlertsConfig {
  const problems: string[] = [];
  const value = (name: string): string | undefined => {
    const v = env[name];
    return v === undefined || v.trim() === '' ? undefined : v.trim();
  };
  const whole = (name: string, fallback: number, min: number, max: number): number => {
    const raw = value(name);
    if (raw === undefined) return fallback;
    if (/^\d+$/.test(raw) && Number(raw) >= min && Number(raw) <= max) return Number(raw);
    problems.push(`${name} must be a whole number from ${min} to ${max}, got "${raw}"`);
    return fallback;
  };

  let rawChannels: string | undefined = value('ALERT_CHANNELS');
  const file = value('ALERT_CHANNELS_FILE');
  if (file !== undefined) {
    try {
      rawChannels = readFileSync(file, 'utf8');
    } catch (err) {
      problems.push(`ALERT_CHANNELS_FILE ${file} cannot be read: ${(err as Error).message}`);
    }
  }
  const channels = rawChannels === undefined ? {} : parseChannels(rawChannels, problems);

  const smtpUrl = value('SMTP_URL');
  if (smtpUrl !== undefined && !/^smtps?:\/\/.+/.test(smtpUrl)) problems.push(`SMTP_URL must start with smtp:// or smtps://, got "${smtpUrl}"`);
  const sweepCron = value('ALERT_SWEEP_CRON') ?? '30 5 * * *';
  if (!/^(\S+\s+){4,5}\S+$/.test(sweepCron)) problems.push(`ALERT_SWEEP_CRON must be a cron pattern of 5 or 6 fields, got "${sweepCron}"`);

  const config: AlertsConfig = {
    channels,
    ...(smtpUrl !== undefined ? { smtpUrl } : {}),
    emailFrom: value('ALERT_EMAIL_FROM') ?? 'send-journeys@localhost',
    sweepCron,
    sweepRecentDays: whole('ALERT_SWEEP_RECENT_DAYS', 7, 1, 366),
    deliveryAttempts: whole('ALERT_DELIVERY_ATTEMPTS', 8, 1, 100),
    deliveryBackoffMs: whole('ALERT_DELIVERY_BACKOFF_MS', 30_000, 1, 86_400_000),
    webhookTimeoutMs: whole('ALERT_WEBHOOK_TIMEOUT_MS', 5_000, 100, 120_000),
    relayPollMs: whole('ALERT_RELAY_POLL_MS', 1_000, 10, 600_000),
  };
  if (problems.length > 0) throw new AlertsConfigError(problems);
  return config;
}

function parseChannels(raw: string, problems: string[]): ChannelsByRecipient {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch (err) {
    problems.push(`alert channels are not valid JSON: ${(err as Error).message}`);
    return {};
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    problems.push('alert channels must be a JSON object keyed by recipient');
    return {};
  }
  const channels: Record<string, RecipientChannels> = {};
  for (const [recipient, spec] of Object.entries(parsed as Record<string, unknown>)) {
    if (!isRecipient(recipient)) {
      problems.push(`alert channels: "${recipient}" is not a recipient (panel:<area>, managers:<area> or caseworker:<id>)`);
      continue;
    }
    const s = (spec ?? {}) as { webhook?: { url?: unknown; secret?: unknown }; email?: unknown };
    const entry: { webhook?: { url: string; secret: string }; email?: string } = {};
    if (s.webhook !== undefined) {
      const { url, secret } = s.webhook;
      if (typeof url !== 'string' || !/^https?:\/\/.+/.test(url)) problems.push(`alert channels: ${recipient}.webhook.url must be an http(s) URL`);
      else if (typeof secret !== 'string' || secret.length < 16)
        problems.push(`alert channels: ${recipient}.webhook.secret must be at least 16 characters`);
      else entry.webhook = { url, secret };
    }
    if (s.email !== undefined) {
      if (typeof s.email !== 'string' || !/^[^\s@]+@[^\s@]+$/.test(s.email))
        problems.push(`alert channels: ${recipient}.email must be an email address`);
      else entry.email = s.email;
    }
    channels[recipient] = entry;
  }
  return channels;
}
