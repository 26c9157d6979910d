import type { Request } from 'express';
import type { Role } from '@sj/identity';

export { ROLES, type Role } from '@sj/identity';

/** Who is calling, from a verified token or a server-side session: never from a header the caller could set. */
export interface Caller {
  readonly sub: string;
  readonly roles: readonly Role[];
  /** The areas whose children the caller may see; `all` only for admins. */
  readonly areas: readonly string[] | 'all';
}

export type AuthenticatedRequest = Request & { caller?: Caller; correlationId?: string };

export function hasRole(caller: Caller, ...roles: readonly Role[]): boolean {
  return caller.roles.some((role) => roles.includes(role));
}

export function mayAccessArea(caller: Caller, area: string): boolean {
  return caller.areas === 'all' || caller.areas.includes(area);
}

/** The request's caller, set by the AuthGuard; a route reached without one is a wiring error. */
export function callerOf(req: AuthenticatedRequest): Caller {
  if (req.caller === undefined) throw new Error('no authenticated caller on this request (is the route @Public()?)');
  return req.caller;
}
