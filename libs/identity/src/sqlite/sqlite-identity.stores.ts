import { join } from 'node:path';
import type { IdentityStores } from '../identity-stores';
import { openIdentityDatabase } from './identity.database';
import { SqliteLocalAccountStore } from './sqlite-local-accounts.store';
import { SqliteSessionStore } from './sqlite-sessions.store';

/** The embedded default: local accounts and sessions in `<DATA_DIR>/identity.sqlite`. */
export function openSqliteIdentityStores(dataDir: string): IdentityStores {
  const db = openIdentityDatabase(join(dataDir, 'identity.sqlite'));
  return {
    accounts: new SqliteLocalAccountStore(db),
    sessions: new SqliteSessionStore(db),
    close: () => {
      if (db.open) db.close();
      return Promise.resolve();
    },
  };
}
