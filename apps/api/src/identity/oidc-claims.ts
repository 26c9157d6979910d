import type { OidcConfig } from '@sj/config';
import { AREA_NAME, isRole, ROLES, SUBJECT, type Areas, type Role } from '@sj/identity';

/** Who the identity provider says signed in, as this service needs them; or why they cannot sign in. */
export type MappedPerson =
  | { readonly ok: true; readonly sub: string; readonly name: string; readonly roles: Role[]; readonly areas: Areas }
  | { readonly ok: false; readonly sub: string | null; readonly reason: 'no-subject' | 'no-role' };

const listOf = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : typeof value === 'string' ? [value] : [];

/**
 * Roles and areas from the ID token's claims: named directly (`roles`, `areas`, e.g. Entra ID app roles), or
 * granted by group membership through OIDC_GROUP_ROLES / OIDC_GROUP_AREAS (e.g. Entra ID security groups,
 * whose object ids arrive in `groups`). Unknown roles and groups are ignored, since a council's directory
 * holds far more than this service's people; someone left with no role here cannot sign in.
 */
export function personFromClaims(claims: Readonly<Record<string, unknown>>, config: OidcConfig): MappedPerson {
  const subject = claims[config.subjectClaim];
  if (typeof subject !== 'string' || !SUBJECT.test(subject)) return { ok: false, sub: null, reason: 'no-subject' };
  const groups = listOf(claims[config.groupsClaim]);
  const granted = <T>(byGroup: Readonly<Record<string, T>>): T[] => groups.flatMap((g) => (Object.hasOwn(byGroup, g) ? [byGroup[g]] : []));
  const named = [...listOf(claims[config.rolesClaim]), ...granted(config.groupRoles)];
  const roles = ROLES.filter((role) => named.some((n) => isRole(n) && n === role));
  if (roles.length === 0) return { ok: false, sub: subject, reason: 'no-role' };
  const areas = [...listOf(claims[config.areasClaim]), ...granted(config.groupAreas)].filter((a) => AREA_NAME.test(a));
  const nameClaim = [claims.name, claims.preferred_username, subject].find((v): v is string => typeof v === 'string' && v.trim() !== '') ?? subject;
  return { ok: true, sub: subject, name: nameClaim.slice(0, 200), roles, areas: roles.includes('admin') ? 'all' : [...new Set(areas)] };
}
