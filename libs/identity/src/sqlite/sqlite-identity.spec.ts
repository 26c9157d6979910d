import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeLocalAccountStoreContract, type ContractFixture } from '../testing/local-accounts.contract';
import { describeSessionStoreContract } from '../testing/sessions.contract';
import { openIdentityDatabase } from './identity.database';
import { SqliteLocalAccountStore } from './sqlite-local-accounts.store';
import { SqliteSessionStore } from './sqlite-sessions.store';

function fresh<T>(make: (db: ReturnType<typeof openIdentityDatabase>) => T): () => Promise<ContractFixture<T>> {
  return () => {
    const dir = mkdtempSync(join(tmpdir(), 'sj-identity-'));
    const db = openIdentityDatabase(join(dir, 'identity.sqlite'));
    const disconnect = (): Promise<void> => {
      if (db.open) db.close();
      return Promise.resolve();
    };
    return Promise.resolve({
      store: make(db),
      disconnect,
      cleanup: async () => {
        await disconnect();
        rmSync(dir, { recursive: true, force: true });
      },
    });
  };
}

describeLocalAccountStoreContract(
  'SQLite',
  fresh((db) => new SqliteLocalAccountStore(db)),
);
describeSessionStoreContract(
  'SQLite',
  fresh((db) => new SqliteSessionStore(db)),
);

describe('the SQLite identity file', () => {
  it('is readable by its owner only, since it holds password hashes', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sj-identity-'));
    try {
      openIdentityDatabase(join(dir, 'nested', 'identity.sqlite')).close();
      expect(statSync(join(dir, 'nested', 'identity.sqlite')).mode & 0o777).toBe(0o600);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("lets a second connection (the users command beside a running API) see the first one's changes", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sj-identity-'));
    const api = openIdentityDatabase(join(dir, 'identity.sqlite'));
    const command = openIdentityDatabase(join(dir, 'identity.sqlite'));
    try {
      await new SqliteLocalAccountStore(command).add({ sub: 'cw-1', name: 'A', role: 'caseworker', areas: ['north'], passwordHash: 'h' });
      await new SqliteLocalAccountStore(command).setDisabled('cw-1', true);
      expect((await new SqliteLocalAccountStore(api).find('cw-1'))?.disabled).toBe(true);
    } finally {
      api.close();
      command.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
