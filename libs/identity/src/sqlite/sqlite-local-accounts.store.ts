import { AccountExistsError, AccountNotFoundError, type LocalAccount, type NewLocalAccount } from '../local-account';
import type { LocalAccountStore } from '../local-accounts.port';
import type { Areas, Role } from '../roles';
import { onIdentityFile, type IdentityDb } from './identity.database';

interface AccountRow {
  sub: string;
  name: string;
  role: string;
  areas: string;
  password_hash: string;
  disabled: number;
  failed_attempts: number;
  locked_until: string | null;
}

const areasToText = (areas: Areas): string => JSON.stringify(areas);
const areasFromText = (text: string): Areas => JSON.parse(text) as Areas;

export class SqliteLocalAccountStore implements LocalAccountStore {
  constructor(private readonly db: IdentityDb) {}

  async add(account: NewLocalAccount): Promise<void> {
    const inserted = await onIdentityFile(() =>
      this.db
        .prepare('INSERT INTO local_accounts (sub, name, role, areas, password_hash) VALUES (?, ?, ?, ?, ?) ON CONFLICT (sub) DO NOTHING')
        .run(account.sub, account.name, account.role, areasToText(account.areas), account.passwordHash),
    );
    if (inserted.changes === 0) throw new AccountExistsError(account.sub);
  }

  async find(sub: string): Promise<LocalAccount | undefined> {
    const row = await onIdentityFile(() => this.db.prepare('SELECT * FROM local_accounts WHERE sub = ?').get(sub) as AccountRow | undefined);
    return (
      row && {
        sub: row.sub,
        name: row.name,
        role: row.role as Role,
        areas: areasFromText(row.areas),
        passwordHash: row.password_hash,
        disabled: row.disabled === 1,
        failedAttempts: row.failed_attempts,
        lockedUntil: row.locked_until,
      }
    );
  }

  setPassword(sub: string, passwordHash: string): Promise<void> {
    return this.changeOne(sub, 'UPDATE local_accounts SET password_hash = ?, failed_attempts = 0, locked_until = NULL WHERE sub = ?', passwordHash);
  }

  setDisabled(sub: string, disabled: boolean): Promise<void> {
    return this.changeOne(sub, 'UPDATE local_accounts SET disabled = ? WHERE sub = ?', disabled ? 1 : 0);
  }

  async addFailedAttempt(sub: string): Promise<number> {
    const row = await onIdentityFile(
      () =>
        this.db.prepare('UPDATE local_accounts SET failed_attempts = failed_attempts + 1 WHERE sub = ? RETURNING failed_attempts').get(sub) as
          { failed_attempts: number } | undefined,
    );
    return row?.failed_attempts ?? 0;
  }

  async lockUntil(sub: string, until: string): Promise<void> {
    await onIdentityFile(() => this.db.prepare('UPDATE local_accounts SET locked_until = ?, failed_attempts = 0 WHERE sub = ?').run(until, sub));
  }

  async clearFailedAttempts(sub: string): Promise<void> {
    await onIdentityFile(() => this.db.prepare('UPDATE local_accounts SET failed_attempts = 0, locked_until = NULL WHERE sub = ?').run(sub));
  }

  private async changeOne(sub: string, sql: string, value: string | number): Promise<void> {
    const changed = await onIdentityFile(() => this.db.prepare(sql).run(value, sub));
    if (changed.changes === 0) throw new AccountNotFoundError(sub);
  }
}
