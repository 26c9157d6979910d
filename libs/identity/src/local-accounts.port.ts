import type { LocalAccount, NewLocalAccount } from './local-account';

/**
 * Where local accounts are kept. Small on purpose, so any database can hold them: each method is one
 * statement, and the counting of wrong passwords is atomic so two attempts at once both count.
 */
export interface LocalAccountStore {
  /** Throws AccountExistsError when `sub` is taken. */
  add(account: NewLocalAccount): Promise<void>;
  find(sub: string): Promise<LocalAccount | undefined>;
  /** A new password hash; clears wrong attempts and any lock. Throws AccountNotFoundError. */
  setPassword(sub: string, passwordHash: string): Promise<void>;
  /** Throws AccountNotFoundError. */
  setDisabled(sub: string, disabled: boolean): Promise<void>;
  /** Counts one more wrong password and answers the new count (0 when there is no such account). */
  addFailedAttempt(sub: string): Promise<number>;
  /** Refuses every password until `until` (ISO instant) and starts counting wrong passwords again. */
  lockUntil(sub: string, until: string): Promise<void>;
  /** After a successful sign-in: no wrong attempts, no lock. */
  clearFailedAttempts(sub: string): Promise<void>;
}
