import { AuthenticationError } from './auth.errors';
import { ROLES, type Caller, type Role } from './caller';

const SUBJECT = /^[A-Za-z0-9 ._@:'|-]{1,100}$/;
const AREA = /^[A-Za-z0-9 ._-]{1,100}$/;

const refuse = (message: string): never => {
  throw new AuthenticationError('TOKEN_CLAIMS_INVALID', message);
};

/**
 * The caller a verified token describes: `sub`; `role` (one of ROLES) or `roles` (an array; unknown roles
 * from a shared identity provider are ignored); `areas` (names, or "*" for an admin).
 */
export function callerFromClaims(claims: Record<string, unknown>): Caller {
  const sub = claims.sub;
  if (typeof sub !== 'string' || !SUBJECT.test(sub)) return refuse("The token's sub claim is missing or not a plain identifier.");
  const named: unknown[] = [claims.role, ...(Array.isArray(claims.roles) ? (claims.roles as unknown[]) : [])];
  const roles = ROLES.filter((role: Role) => named.includes(role));
  if (roles.length === 0) return refuse(`The token carries no role this service knows (${ROLES.join(', ')}).`);
  const areas = claims.areas;
  if (roles.includes('admin')) return { sub, roles, areas: 'all' };
  if (areas === '*') return refuse('Only an admin token may carry areas "*".');
  if (areas === undefined) return { sub, roles, areas: [] };
  if (!Array.isArray(areas) || !areas.every((a): a is string => typeof a === 'string' && AREA.test(a))) {
    return refuse("The token's areas claim must be an array of area names.");
  }
  return { sub, roles, areas: [...new Set(areas)] };
}
