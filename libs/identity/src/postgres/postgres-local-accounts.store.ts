import type { Pool } from 'pg';
import { AccountExistsError, AccountNotFoundError, type LocalAccount, type NewLocalAccount } from '../local-account';
import type { LocalAccountStore } from '../local-accounts.port';
import type { Areas, Role } from '../roles';
import { isoOf, onIdentityDatabase } from './identity-database';

interface AccountRow {
  sub: string;
  name: string;
  role: string;
  areas: Areas;
  password_hash: string;
  disabled: boolean;
  failed_attempts: number;
  locked_until: Date | null;
}

/** Local accounts in PostgreSQL (IDENTITY_SCHEMA). Each method is one statement; counting is done by the server. */
export class PostgresLocalAccountStore implements LocalAccountStore {
  constructor(private readonly pool: Pool) {}

  async add(account: NewLocalAccount): Promise<void> {
    const inserted = await onIdentityDatabase(
      this.pool,
      'INSERT INTO local_accounts (sub, name, role, areas, password_hash) VALUES ($1, $2, $3, $4::jsonb, $5) ON CONFLICT (sub) DO NOTHING',
      [account.sub, account.name, account.role, JSON.stringify(account.areas), account.passwordHash],
    );
    if (inserted.rowCount === 0) throw new AccountExistsError(account.sub);
  }

  async find(sub: string): Promise<LocalAccount | undefined> {
    const { rows } = await onIdentityDatabase<AccountRow>(this.pool, 'SELECT * FROM local_accounts WHERE sub = $1', [sub]);
    const [row] = rows as (AccountRow | undefined)[];
    return (
      row && {
        sub: row.sub,
        name: row.name,
        role: row.role as Role,
        areas: row.areas,
        passwordHash: row.password_hash,
        disabled: row.disabled,
        failedAttempts: row.failed_attempts,
        lockedUntil: isoOf(row.locked_until),
      }
    );
  }

  setPassword(sub: string, passwordHash: string): Promise<void> {
    return this.changeOne(sub, 'UPDATE local_accounts SET password_hash = $1, failed_attempts = 0, locked_until = NULL WHERE sub = $2', passwordHash);
  }

  setDisabled(sub: string, disabled: boolean): Promise<void> {
    return this.changeOne(sub, 'UPDATE local_accounts SET disabled = $1 WHERE sub = $2', disabled);
  }

  async addFailedAttempt(sub: string): Promise<number> {
    const { rows } = await onIdentityDatabase<{ failed_attempts: number }>(
      this.pool,
      'UPDATE local_accounts SET failed_attempts = failed_attempts + 1 WHERE sub = $1 RETURNING failed_attempts',
      [sub],
    );
    return rows[0]?.failed_attempts ?? 0;
  }

  async lockUntil(sub: string, until: string): Promise<void> {
    await onIdentityDatabase(this.pool, 'UPDATE local_accounts SET locked_until = $1, failed_attempts = 0 WHERE sub = $2', [until, sub]);
  }

  async clearFailedAttempts(sub: string): Promise<void> {
    await onIdentityDatabase(this.pool, 'UPDATE local_accounts SET failed_attempts = 0, locked_until = NULL WHERE sub = $1', [sub]);
  }

  private async changeOne(sub: string, sql: string, value: string | boolean): Promise<void> {
    const changed = await onIdentityDatabase(this.pool, sql, [value, sub]);
    if (changed.rowCount === 0) throw new AccountNotFoundError(sub);
  }
}
