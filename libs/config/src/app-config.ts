import {
  DEFAULT_CLOCK_CONFIG,
  DEFAULT_INCLUSION_CONFIG,
  isValidLocalDate,
  type ClockConfig,
  type InclusionConfig,
  type MiddleSchoolYears,
} from '@sj/domain';
import { isAbsolute, resolve } from 'node:path';
import { signInConfigOf, type SignInConfig } from './sign-in-config';

/** Typed configuration read once from the environment (README.md "Running"). */
export type EventStoreKind = 'sqlite' | 'postgres' | 'eventstoredb';
export type LogLevel = 'error' | 'warn' | 'info' | 'debug';

export const LOG_LEVELS: readonly LogLevel[] = ['error', 'warn', 'info', 'debug'];

export interface AppConfig {
  readonly port: number;
  /** Absolute path where the embedded stores keep their files. */
  readonly dataDir: string;
  readonly eventStore: EventStoreKind;
  readonly eventStoreConnectionString?: string;
  /**
   * `postgres://…`: the event log (unless EVENT_STORE=eventstoredb), the alert inbox and outbox, audit log, child keys, sign-in sessions, local accounts and the
   * local signing secret live in PostgreSQL instead of files in DATA_DIR, so API processes keep nothing on disk.
   */
  readonly databaseUrl?: string;
  /** Use this Redis instead of starting a local redis-server. */
  readonly redisUrl?: string;
  /** BullMQ's key prefix, so several installations (or test runs) can share one Redis without sharing queues. */
  readonly queuePrefix: string;
  /** Fixed "today" (YYYY-MM-DD) for demos and tests. */
  readonly clockToday?: string;
  readonly logLevel: LogLevel;
  readonly production: boolean;
  /** Days before a due date from which an open clock is due-soon (docs/domain-rules.md §2). */
  readonly clockWarningWindowDays: number;
  /** The LA's middle-school entry and exit year groups, when it has middle schools (reg 18(1) transfers). */
  readonly middleSchoolYears: MiddleSchoolYears | null;
  /** Counted suspensions that trigger an Area Inclusion Discussion (Somerset policy: 3). */
  readonly suspensionTriggerThreshold: number;
  readonly suspensionTriggerWindow: 'school-year' | 'rolling-12-months';
  /** Sign-in: an identity provider's JWKS (RS256), or the embedded HS256 secret in DATA_DIR when absent. */
  readonly auth: AuthConfig;
  /** People signing in to the pages: sessions, local accounts' lock-out, the council's identity provider. */
  readonly signIn: SignInConfig;
  /** Origins allowed to call the API from a browser; none (CORS closed) by default. */
  readonly corsOrigins: readonly string[];
  /** Requests per minute one caller may make before 429. */
  readonly rateLimitPerMinute: number;
  /** The LA's three-digit DfE code, written in the SEN2 return's header; null until configured. */
  readonly sen2LaCode: string | null;
}

export type AuthConfig =
  { readonly kind: 'local' } | { readonly kind: 'jwks'; readonly jwksUrl: string; readonly issuer: string; readonly audience: string };

/** The environment is wrong: every problem found, one per line, so the operator fixes them in one go. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Env = Readonly<Record<string, string | undefined>>;

/** Reads and checks the environment; throws a `ConfigError` naming every invalid variable. */
export function loadConfig(env: Env = process.env, cwd: string = process.cwd()): AppConfig {
  const problems: string[] = [];
  const value = (name: string): string | undefined => {
    const v = env[name];
    return v === undefined || v.trim() === '' ? undefined : v.trim();
  };

  const production = value('NODE_ENV') === 'production';

  let port = 3000;
  const rawPort = value('PORT');
  if (rawPort !== undefined) {
    if (!/^\d+$/.test(rawPort) || Number(rawPort) > 65535) {
      problems.push(`PORT must be a whole number from 0 to 65535, got "${rawPort}"`);
    } else {
      port = Number(rawPort);
    }
  }

  const rawDataDir = value('DATA_DIR') ?? './data';
  const dataDir = isAbsolute(rawDataDir) ? rawDataDir : resolve(cwd, rawDataDir);

  const databaseUrl = value('DATABASE_URL');
  if (databaseUrl !== undefined && !/^postgres(ql)?:\/\/.+/.test(databaseUrl)) {
    problems.push('DATABASE_URL must be a PostgreSQL URL like postgres://user:password@host:5432/send_journeys');
  }

  // With DATABASE_URL set the log goes to PostgreSQL too, unless EventStoreDB is asked for by name.
  let eventStore: EventStoreKind = databaseUrl === undefined ? 'sqlite' : 'postgres';
  const rawStore = value('EVENT_STORE');
  if (rawStore !== undefined) {
    if (rawStore === 'sqlite' || rawStore === 'postgres' || rawStore === 'eventstoredb') eventStore = rawStore;
    else problems.push(`EVENT_STORE must be "sqlite", "postgres" or "eventstoredb", got "${rawStore}"`);
  }
  if (eventStore === 'postgres' && databaseUrl === undefined) {
    problems.push('DATABASE_URL is required when EVENT_STORE=postgres (e.g. postgres://send_journeys@localhost:5432/send_journeys)');
  }
  if (eventStore === 'sqlite' && databaseUrl !== undefined && rawStore !== undefined) {
    problems.push(
      'EVENT_STORE=sqlite keeps the log in a file on this host, which processes on other hosts sharing DATABASE_URL cannot read: unset EVENT_STORE (or set it to postgres)',
    );
  }

  const eventStoreConnectionString = value('EVENTSTORE_CONNECTION_STRING');
  if (
    eventStoreConnectionString !== undefined &&
    !/^(esdb|esdb\+discover|kurrentdb|kurrentdb\+discover|kdb|kdb\+discover):\/\/.+/.test(eventStoreConnectionString)
  ) {
    problems.push(`EVENTSTORE_CONNECTION_STRING must look like esdb://host:2113?tls=false, got "${eventStoreConnectionString}"`);
  }
  if (eventStore === 'eventstoredb' && eventStoreConnectionString === undefined) {
    problems.push('EVENTSTORE_CONNECTION_STRING is required when EVENT_STORE=eventstoredb (e.g. esdb://localhost:2113?tls=false)');
  }

  const queuePrefix = value('QUEUE_PREFIX') ?? 'bull';
  if (!/^[A-Za-z0-9_:-]{1,64}$/.test(queuePrefix)) {
    problems.push(`QUEUE_PREFIX must be 1 to 64 letters, digits, '-', '_' or ':', got "${queuePrefix}"`);
  }
  const redisUrl = value('REDIS_URL');
  if (redisUrl !== undefined && !/^rediss?:\/\/.+/.test(redisUrl)) {
    problems.push(`REDIS_URL must start with redis:// or rediss://, got "${redisUrl}"`);
  }

  const clockToday = value('CLOCK_TODAY');
  if (clockToday !== undefined) {
    if (production) problems.push('CLOCK_TODAY is refused when NODE_ENV=production (it fixes "today" for demos and tests only)');
    else if (!isValidLocalDate(clockToday)) problems.push(`CLOCK_TODAY must be a real date in YYYY-MM-DD format, got "${String(clockToday)}"`);
  }

  let logLevel: LogLevel = 'info';
  const rawLevel = value('LOG_LEVEL');
  if (rawLevel !== undefined) {
    const lower = rawLevel.toLowerCase();
    if ((LOG_LEVELS as readonly string[]).includes(lower)) logLevel = lower as LogLevel;
    else problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${rawLevel}"`);
  }

  const wholeNumber = (name: string, fallback: number, min: number, max: number): number => {
    const raw = value(name);
    if (raw === undefined) return fallback;
    if (/^\d+$/.test(raw) && Number(raw) >= min && Number(raw) <= max) return Number(raw);
    problems.push(`${name} must be a whole number from ${min} to ${max}, got "${raw}"`);
    return fallback;
  };
  const clockWarningWindowDays = wholeNumber('CLOCK_WARNING_WINDOW_DAYS', 14, 0, 365);
  const middleSchoolYears = middleSchoolYearsOf(value('PHASE_TRANSFER_MIDDLE_SCHOOL_YEARS'), problems);
  const suspensionTriggerThreshold = wholeNumber('SUSPENSION_TRIGGER_THRESHOLD', 3, 1, 50);
  const rawWindow = value('SUSPENSION_TRIGGER_WINDOW') ?? 'school-year';
  if (rawWindow !== 'school-year' && rawWindow !== 'rolling-12-months') {
    problems.push(`SUSPENSION_TRIGGER_WINDOW must be "school-year" or "rolling-12-months", got "${rawWindow}"`);
  }
  const suspensionTriggerWindow = rawWindow === 'rolling-12-months' ? 'rolling-12-months' : 'school-year';

  const jwksUrl = value('AUTH_JWKS_URL');
  const issuer = value('AUTH_ISSUER');
  const audience = value('AUTH_AUDIENCE');
  let auth: AuthConfig = { kind: 'local' };
  if (jwksUrl !== undefined || issuer !== undefined || audience !== undefined) {
    if (jwksUrl === undefined || issuer === undefined || audience === undefined) {
      problems.push(
        'AUTH_JWKS_URL, AUTH_ISSUER and AUTH_AUDIENCE go together: set all three to verify tokens against an identity provider, or none for the embedded secret',
      );
    } else if (!/^https?:\/\/.+/.test(jwksUrl) || (production && !jwksUrl.startsWith('https://'))) {
      problems.push(`AUTH_JWKS_URL must be an ${production ? 'https' : 'http(s)'} URL, got "${jwksUrl}"`);
    } else {
      auth = { kind: 'jwks', jwksUrl, issuer, audience };
    }
  }
  const corsOrigins = (value('CORS_ORIGINS') ?? '')
    .split(',')
    .map((o) => o.trim())
    .filter((o) => o !== '');
  for (const origin of corsOrigins) {
    if (!/^https?:\/\/[^/\s]+$/.test(origin))
      problems.push(`CORS_ORIGINS must list origins like https://send.example.gov.uk (comma-separated), got "${origin}"`);
  }
  const rateLimitPerMinute = wholeNumber('RATE_LIMIT_PER_MINUTE', 600, 1, 1_000_000);
  const sen2LaCode = value('SEN2_LA_CODE') ?? null;
  if (sen2LaCode !== null && !/^\d{3}$/.test(sen2LaCode))
    problems.push(`SEN2_LA_CODE must be the LA's three-digit DfE code, like 933, got "${sen2LaCode}"`);
  const signIn = signInConfigOf(env, production, problems);

  if (problems.length > 0) throw new ConfigError(problems);
  return {
    port,
    dataDir,
    eventStore,
    ...(eventStoreConnectionString !== undefined ? { eventStoreConnectionString } : {}),
    ...(databaseUrl !== undefined ? { databaseUrl } : {}),
    ...(redisUrl !== undefined ? { redisUrl } : {}),
    queuePrefix,
    ...(clockToday !== undefined ? { clockToday } : {}),
    logLevel,
    production,
    clockWarningWindowDays,
    middleSchoolYears,
    suspensionTriggerThreshold,
    suspensionTriggerWindow,
    auth,
    signIn,
    corsOrigins,
    rateLimitPerMinute,
    sen2LaCode,
  };
}

/** The clock and inclusion settings the domain's pure functions take. */
export function clockConfigOf(config: AppConfig): ClockConfig {
  return { ...DEFAULT_CLOCK_CONFIG, warningWindowDays: config.clockWarningWindowDays, middleSchoolYears: config.middleSchoolYears };
}

/** `PHASE_TRANSFER_MIDDLE_SCHOOL_YEARS=5,9`: children move into a middle school in Year 5 and out of it in Year 9. */
function middleSchoolYearsOf(raw: string | undefined, problems: string[]): MiddleSchoolYears | null {
  if (raw === undefined) return null;
  const match = /^(\d{1,2})\s*,\s*(\d{1,2})$/.exec(raw);
  const entry = Number(match?.[1]);
  const exit = Number(match?.[2]);
  if (match && entry >= 1 && entry < exit && exit <= 11) return { entry, exit };
  problems.push(`PHASE_TRANSFER_MIDDLE_SCHOOL_YEARS must be two year groups, entry then exit, like "5,9", got "${raw}"`);
  return null;
}

export function inclusionConfigOf(config: AppConfig): InclusionConfig {
  return { ...DEFAULT_INCLUSION_CONFIG, triggerThreshold: config.suspensionTriggerThreshold, triggerWindow: config.suspensionTriggerWindow };
}
