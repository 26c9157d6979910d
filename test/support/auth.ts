import { mintLocalToken, type TokenRequest } from '../../apps/api/src/auth/mint-token';
import { openLocalSigningSecret } from '../../apps/shared/src/storage';
import type { TestApp } from './test-app';

/** A token the test app accepts (signed with the local secret it generated: in its DATA_DIR, or in PostgreSQL). */
export async function tokenFor(app: Pick<TestApp, 'config'>, request: TokenRequest): Promise<string> {
  const secrets = await openLocalSigningSecret(app.config);
  try {
    return await mintLocalToken(secrets, request);
  } finally {
    await secrets.close();
  }
}

/** `Authorization: Bearer …` headers for a role in some areas (an admin's areas are "*"). */
export async function authAs(
  app: Pick<TestApp, 'config'>,
  role: TokenRequest['role'],
  areas: readonly string[] | '*',
  sub = `${role}-test`,
): Promise<Record<string, string>> {
  return { Authorization: `Bearer ${await tokenFor(app, { role, areas, sub })}` };
}
