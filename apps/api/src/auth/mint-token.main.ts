import { loadConfig } from '@sj/config';
import { parseArgs } from 'node:util';
import { openLocalSigningSecret } from '../../../shared/src/storage';
import { ROLES, type Role } from './caller';
import { mintLocalToken } from './mint-token';

/**
 * `npm run -s token -- --role manager --area north [--area south] --sub alice [--expires 8h]`: prints a token
 * for the embedded default (the secret in DATA_DIR, or in PostgreSQL when DATABASE_URL is set). Not for production: there, the identity provider signs.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: { role: { type: 'string' }, area: { type: 'string', multiple: true }, sub: { type: 'string' }, expires: { type: 'string' } },
    strict: true,
    // scripts/start.cjs passes its mode (`token`) first
    allowPositionals: true,
  });
  const role = values.role as Role | undefined;
  if (role === undefined || !ROLES.includes(role)) throw new Error(`--role must be one of ${ROLES.join(', ')}`);
  if (values.sub === undefined) throw new Error('--sub (who the token is for, e.g. alice or cw-42) is required');
  const areas = role === 'admin' ? '*' : (values.area ?? []);
  if (areas !== '*' && areas.length === 0) throw new Error('--area is required (repeat it for several areas)');
  const config = loadConfig();
  if (config.auth.kind !== 'local') throw new Error('AUTH_JWKS_URL is set: tokens come from your identity provider, not from this command');
  const secrets = await openLocalSigningSecret(config);
  try {
    const token = await mintLocalToken(secrets, {
      sub: values.sub,
      role,
      areas,
      ...(values.expires !== undefined ? { expiresIn: values.expires } : {}),
    });
    process.stdout.write(`${token}\n`);
  } finally {
    await secrets.close();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`token: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
