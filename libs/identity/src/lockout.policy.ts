import type { LocalAccount } from './local-account';

export interface LockoutSettings {
  /** Wrong passwords in a row that lock the account. */
  readonly maxAttempts: number;
  /** How long a lock lasts. */
  readonly lockMinutes: number;
}

/** Whether the account refuses every password at `now`. */
export function isLocked(account: Pick<LocalAccount, 'lockedUntil'>, now: Date): boolean {
  return account.lockedUntil !== null && Date.parse(account.lockedUntil) > now.getTime();
}

/**
 * After the `failures`-th wrong password in a row: the instant the lock ends, or null while attempts remain.
 * A temporary lock (rather than a permanent one) slows guessing to a handful of tries an hour without
 * letting anyone who knows a colleague's user name shut them out for good.
 */
export function lockAfterFailure(failures: number, now: Date, settings: LockoutSettings): Date | null {
  return failures >= settings.maxAttempts ? new Date(now.getTime() + settings.lockMinutes * 60_000) : null;
}
