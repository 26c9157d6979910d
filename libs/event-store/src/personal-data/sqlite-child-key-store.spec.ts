import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeChildKeyStoreContract } from '../testing/child-key-store.contract';
import { childKeysFile, SqliteChildKeyStore } from './sqlite-child-key-store';

describeChildKeyStoreContract('SQLite', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sj-keys-'));
  const file = childKeysFile(dir);
  const store = new SqliteChildKeyStore(file);
  return Promise.resolve({
    store,
    openAnother: () => Promise.resolve(new SqliteChildKeyStore(file)),
    storedBytes: () => Promise.resolve(Buffer.concat([file, `${file}-wal`].filter((f) => existsSync(f)).map((f) => readFileSync(f)))),
    disconnect: () => store.close(),
    cleanup: () => {
      rmSync(dir, { recursive: true, force: true });
      return Promise.resolve();
    },
  });
});

describe('the SQLite key file', () => {
  it('is readable by its owner only', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sj-keys-'));
    const store = new SqliteChildKeyStore(childKeysFile(dir));
    try {
      await store.keyFor('c1');
      expect(statSync(childKeysFile(dir)).mode & 0o777).toBe(0o600);
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
