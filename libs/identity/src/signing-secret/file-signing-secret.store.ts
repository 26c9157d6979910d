import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LOCAL_SECRET_BYTES, SigningSecretUnavailableError, WeakSigningSecretError, type LocalSigningSecretStore } from './local-signing-secret.port';

export function localSecretFile(dataDir: string): string {
  return join(dataDir, 'auth-secret.key');
}

/** File-system failures that mean "not now" (missing folder, no permission, full or failing disk), not a bug. */
const UNAVAILABLE = new Set(['ENOENT', 'EACCES', 'EPERM', 'ENOTDIR', 'EISDIR', 'EROFS', 'ENOSPC', 'EIO']);

/**
 * The embedded default: `<DATA_DIR>/auth-secret.key` (mode 0600), base64url. Writing with `wx` makes two
 * processes starting at once agree on the first file written.
 */
export class FileSigningSecretStore implements LocalSigningSecretStore {
  constructor(private readonly dataDir: string) {}

  secret(): Promise<Uint8Array> {
    const file = localSecretFile(this.dataDir);
    try {
      mkdirSync(this.dataDir, { recursive: true });
      try {
        writeFileSync(file, randomBytes(LOCAL_SECRET_BYTES).toString('base64url'), { mode: 0o600, flag: 'wx' });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      chmodSync(file, 0o600);
      const secret = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64url');
      if (secret.length < LOCAL_SECRET_BYTES) return Promise.reject(new WeakSigningSecretError(file));
      return Promise.resolve(new Uint8Array(secret));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== undefined && UNAVAILABLE.has(code)) {
        return Promise.reject(new SigningSecretUnavailableError(`${file}: ${(error as Error).message}`, { cause: error }));
      }
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
