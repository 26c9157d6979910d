import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeLocalSigningSecretContract } from '../testing/local-signing-secret.contract';
import { FileSigningSecretStore, localSecretFile } from './file-signing-secret.store';
import { WeakSigningSecretError } from './local-signing-secret.port';

describeLocalSigningSecretContract('a file in DATA_DIR', () => {
  const root = mkdtempSync(join(tmpdir(), 'sj-secret-'));
  const dataDir = join(root, 'data');
  return Promise.resolve({
    store: new FileSigningSecretStore(dataDir),
    openAnother: () => Promise.resolve(new FileSigningSecretStore(dataDir)),
    // the secret's file replaced by something that cannot be read as one
    disconnect: () => {
      rmSync(dataDir, { recursive: true, force: true });
      mkdirSync(localSecretFile(dataDir), { recursive: true });
      return Promise.resolve();
    },
    cleanup: () => {
      rmSync(root, { recursive: true, force: true });
      return Promise.resolve();
    },
  });
});

describe('the signing secret file', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'sj-secret-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('is readable by its owner only', async () => {
    await new FileSigningSecretStore(dir).secret();
    expect(statSync(localSecretFile(dir)).mode & 0o777).toBe(0o600);
  });

  it('is refused when it holds fewer than 256 bits, rather than signing with a guessable key', async () => {
    writeFileSync(localSecretFile(dir), Buffer.alloc(16, 7).toString('base64url'));
    await expect(new FileSigningSecretStore(dir).secret()).rejects.toBeInstanceOf(WeakSigningSecretError);
  });
});
