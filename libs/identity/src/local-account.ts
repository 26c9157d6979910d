import type { Areas, Role } from './roles';

/** A person who signs in with a password held here (the embedded default, without an identity provider). */
export interface LocalAccount {
  readonly sub: string;
  /** Their name as colleagues know it, shown on every page. */
  readonly name: string;
  readonly role: Role;
  readonly areas: Areas;
  /** Argon2id, in the PHC string format (`$argon2id$v=19$m=…`): never the password. */
  readonly passwordHash: string;
  readonly disabled: boolean;
  /** Wrong passwords since the last successful sign-in or lock-out. */
  readonly failedAttempts: number;
  /** ISO instant until which the account refuses every password, or null. */
  readonly lockedUntil: string | null;
}

export type NewLocalAccount = Pick<LocalAccount, 'sub' | 'name' | 'role' | 'areas' | 'passwordHash'>;

export class AccountExistsError extends Error {
  readonly code = 'ACCOUNT_EXISTS';
  constructor(readonly sub: string) {
    super(`There is already an account ${sub}.`);
    this.name = 'AccountExistsError';
  }
}

export class AccountNotFoundError extends Error {
  readonly code = 'ACCOUNT_NOT_FOUND';
  constructor(readonly sub: string) {
    super(`There is no account ${sub}.`);
    this.name = 'AccountNotFoundError';
  }
}
