import { loadConfig } from '@sj/config';
import type { Role } from './caller';
import { mintLocalToken } from './mint-token';

/**
 * One token per role for the demo banner (scripts/demo-banner.cjs), 8 hours each, for the demo areas'
 * first area `north`. Only on the embedded default outside production; an identity provider signs otherwise.
 */
export async function demoTokens(): Promise<Array<{ role: string; token: string }>> {
  const config = loadConfig();
  if (config.auth.kind !== 'local' || config.production) return [];
  const people: Array<{ role: Role; sub: string; areas: readonly string[] | '*' }> = [
    { role: 'caseworker', sub: 'cw-north-1', areas: ['north'] },
    { role: 'panel', sub: 'panel-north', areas: ['north'] },
    { role: 'manager', sub: 'manager-north', areas: ['north'] },
    { role: 'admin', sub: 'admin', areas: '*' },
  ];
  return Promise.all(
    people.map(async (p) => ({ role: `${p.role} (${p.areas === '*' ? 'all areas' : p.areas.join(', ')})`, token: await mintLocalToken(config.dataDir, p) })),
  );
}
