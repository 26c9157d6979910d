import { mintLocalToken, type TokenRequest } from '../../apps/api/src/auth/mint-token';
import type { TestApp } from './test-app';

/** A token the test app accepts (signed with the secret it generated into its DATA_DIR). */
export function tokenFor(app: Pick<TestApp, 'dataDir'>, request: TokenRequest): Promise<string> {
  return mintLocalToken(app.dataDir, request);
}

/** `Authorization: Bearer …` headers for a role in some areas (an admin's areas are "*"). */
export async function authAs(
  app: Pick<TestApp, 'dataDir'>,
  role: TokenRequest['role'],
  areas: readonly string[] | '*',
  sub = `${role}-test`,
): Promise<Record<string, string>> {
  return { Authorization: `Bearer ${await tokenFor(app, { role, areas, sub })}` };
}
