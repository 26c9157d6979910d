import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Issuer and audience of the tokens the embedded default mints and accepts. */
export const LOCAL_ISSUER = 'send-journeys';
export const LOCAL_AUDIENCE = 'send-journeys';

export function localSecretFile(dataDir: string): string {
  return join(dataDir, 'auth-secret.key');
}

/**
 * The embedded default's HS256 secret: 256 random bits generated into `<DATA_DIR>/auth-secret.key`
 * (mode 0600) on first start and read back afterwards, so tokens survive restarts and `npm run token`
 * can mint them. Never logged. `wx` makes two processes starting at once agree on the first file.
 */
export function loadOrCreateLocalSecret(dataDir: string): Uint8Array {
  const file = localSecretFile(dataDir);
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    try {
      writeFileSync(file, randomBytes(32).toString('base64url'), { mode: 0o600, flag: 'wx' });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  }
  chmodSync(file, 0o600);
  const secret = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64url');
  if (secret.length < 32) throw new Error(`${file} holds fewer than 256 bits: delete it to have a new secret generated (every token minted with the old one stops working)`);
  return new Uint8Array(secret);
}
