import { join } from 'node:path';
import type { LocalAccountStore } from '../local-accounts.port';
import type { SessionStore } from '../sessions.port';
import { openIdentityDatabase } from './identity.database';
import { SqliteLocalAccountStore } from './sqlite-local-accounts.store';
import { SqliteSessionStore } from './sqlite-sessions.store';

export interface IdentityStores {
  readonly accounts: LocalAccountStore;
  readonly sessions: SessionStore;
  close(): void;
}

/** The embedded default: local accounts and sessions in `<DATA_DIR>/identity.sqlite`. */
export function openSqliteIdentityStores(dataDir: string): IdentityStores {
  const db = openIdentityDatabase(join(dataDir, 'identity.sqlite'));
  return {
    accounts: new SqliteLocalAccountStore(db),
    sessions: new SqliteSessionStore(db),
    close: () => {
      if (db.open) db.close();
    },
  };
}
