import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeAlertStoreContract } from '../testing/alert-store.contract';
import { alertsDatabaseFile } from './alerts.database';
import { SqliteAlertStore } from './sqlite-alert-store';

describeAlertStoreContract('SQLite', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sj-alert-store-'));
  const store = SqliteAlertStore.open(alertsDatabaseFile(dir));
  return Promise.resolve({
    store,
    openAnother: () => Promise.resolve(SqliteAlertStore.open(alertsDatabaseFile(dir))),
    disconnect: () => store.close(),
    cleanup: () => {
      rmSync(dir, { recursive: true, force: true });
      return Promise.resolve();
    },
  });
});
