import { loadConfig } from '@sj/config';
import { AccountExistsError, hashPassword, type Areas, type Role } from '@sj/identity';
import { openIdentityStores } from '../../../shared/src/storage';

/** The demo's one password, printed by `npm run demo`: for a demo on a laptop, never for real records. */
export const DEMO_PASSWORD = 'send-journeys-demo';

export interface DemoAccount {
  readonly sub: string;
  readonly name: string;
  readonly role: Role;
  readonly areas: Areas;
}

/** One person per role, in the demo caseload's area `north` (`cw-north-1` is a caseworker the demo children have). */
export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  { sub: 'cw-north-1', name: 'Priya Shah', role: 'caseworker', areas: ['north'] },
  { sub: 'panel-north', name: 'Tom Evans', role: 'panel', areas: ['north'] },
  { sub: 'manager-north', name: 'Grace Okafor', role: 'manager', areas: ['north'] },
  { sub: 'admin', name: 'Sam Taylor', role: 'admin', areas: 'all' },
];

/**
 * `npm run demo`: the demo accounts, created in DATA_DIR when missing (an account already there is left as
 * it is). None on a production setting or with an identity provider, where people have their own accounts.
 */
export async function ensureDemoAccounts(env: NodeJS.ProcessEnv = process.env): Promise<{ accounts: readonly DemoAccount[]; password: string }> {
  const config = loadConfig(env);
  if (config.production || config.signIn.oidc !== null) return { accounts: [], password: '' };
  const stores = await openIdentityStores(config);
  try {
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    for (const account of DEMO_ACCOUNTS) {
      try {
        await stores.accounts.add({ ...account, passwordHash });
      } catch (err) {
        if (!(err instanceof AccountExistsError)) throw err;
      }
    }
    return { accounts: DEMO_ACCOUNTS, password: DEMO_PASSWORD };
  } finally {
    await stores.close();
  }
}
