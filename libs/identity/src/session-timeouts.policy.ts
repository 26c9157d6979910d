import type { Session } from './session';

export interface SessionTimeouts {
  /** Minutes without a request after which the session ends. */
  readonly idleMinutes: number;
  /** Hours after sign-in after which the session ends, however active. */
  readonly absoluteHours: number;
}

export type SessionVerdict = 'active' | 'idle' | 'expired';

const MINUTE = 60_000;

/**
 * Whether a session still stands at `now`. Both limits bound how long a session id stolen from an
 * unattended machine stays useful (NCSC and OWASP session guidance); the absolute one forces a fresh
 * check of the password or of the identity provider at least once a working day.
 */
export function sessionVerdict(session: Pick<Session, 'lastSeenAt' | 'expiresAt'>, now: Date, timeouts: SessionTimeouts): SessionVerdict {
  if (now.getTime() >= Date.parse(session.expiresAt)) return 'expired';
  if (now.getTime() - Date.parse(session.lastSeenAt) >= timeouts.idleMinutes * MINUTE) return 'idle';
  return 'active';
}

/** The instant a session started at `createdAt` ends at the latest. */
export function absoluteExpiry(createdAt: Date, timeouts: SessionTimeouts): Date {
  return new Date(createdAt.getTime() + timeouts.absoluteHours * 60 * MINUTE);
}

/** The idle cut-off at `now`: sessions last seen before it have ended. */
export function idleCutoff(now: Date, timeouts: SessionTimeouts): Date {
  return new Date(now.getTime() - timeouts.idleMinutes * MINUTE);
}

/** Writing `lastSeenAt` on every request would make every page view a write: once a minute is enough. */
export function needsTouch(session: Pick<Session, 'lastSeenAt'>, now: Date): boolean {
  return now.getTime() - Date.parse(session.lastSeenAt) >= MINUTE;
}
