import type { LocalAccount } from './local-account';
import type { LocalAccountStore } from './local-accounts.port';
import { isLocked, lockAfterFailure, type LockoutSettings } from './lockout.policy';
import { passwordMatches, spendVerificationTime } from './password-hasher';
import { SUBJECT } from './roles';

/**
 * What a sign-in with a password came to. `rejected` covers both an unknown user name and a wrong password,
 * so the page cannot be used to find out who has an account; a disabled account is only said to be disabled
 * to someone who knows its password.
 */
export type LocalSignInResult =
  | { readonly kind: 'signed-in'; readonly account: LocalAccount }
  | { readonly kind: 'rejected'; readonly sub: string | null }
  | { readonly kind: 'locked'; readonly sub: string; readonly until: string; readonly lockedNow: boolean }
  | { readonly kind: 'disabled'; readonly sub: string };

/** Checks a user name and password against the local accounts, counting wrong passwords towards a lock. */
export class LocalSignIn {
  constructor(
    private readonly accounts: LocalAccountStore,
    private readonly lockout: LockoutSettings,
  ) {}

  async attempt(sub: string, password: string, now: Date): Promise<LocalSignInResult> {
    const account = SUBJECT.test(sub) ? await this.accounts.find(sub) : undefined;
    if (account === undefined) {
      await spendVerificationTime(password);
      return { kind: 'rejected', sub: SUBJECT.test(sub) ? sub : null };
    }
    if (isLocked(account, now)) {
      await spendVerificationTime(password);
      return { kind: 'locked', sub: account.sub, until: account.lockedUntil ?? now.toISOString(), lockedNow: false };
    }
    const matches = await passwordMatches(account.passwordHash, password);
    if (matches && account.disabled) return { kind: 'disabled', sub: account.sub };
    if (account.disabled) return { kind: 'rejected', sub: account.sub };
    if (matches) {
      if (account.failedAttempts > 0 || account.lockedUntil !== null) await this.accounts.clearFailedAttempts(account.sub);
      return { kind: 'signed-in', account };
    }
    const failures = await this.accounts.addFailedAttempt(account.sub);
    const lockEnds = lockAfterFailure(failures, now, this.lockout);
    if (lockEnds === null) return { kind: 'rejected', sub: account.sub };
    await this.accounts.lockUntil(account.sub, lockEnds.toISOString());
    return { kind: 'locked', sub: account.sub, until: lockEnds.toISOString(), lockedNow: true };
  }
}
