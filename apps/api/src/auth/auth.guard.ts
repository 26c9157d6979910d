import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Clock } from '@sj/config';
import { SessionManager } from '@sj/identity';
import { timingSafeEqual } from 'node:crypto';
import { AccessDeniedError, AuthenticationError } from './auth.errors';
import { ALLOWED_ROLES, PUBLIC_ROUTE } from './auth.decorators';
import { hasRole, type AuthenticatedRequest, type Caller, type Role } from './caller';
import { crossSiteReason, isSafeMethod } from './same-origin';
import { readCookie, SESSION_COOKIE } from './session-cookie';
import { TOKEN_VERIFIER, type TokenVerifier } from './token-verifier';

const BEARER = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)$/;

/** The header the pages' scripts send the session's CSRF token in. */
export const CSRF_HEADER = 'x-csrf-token';

export function sameToken(given: unknown, expected: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Every route needs a caller unless it is `@Public()`: a verified bearer token (scripts, integrations) or,
 * without one, the session cookie of someone signed in at /sign-in (the pages). A session is refused on a
 * request from another site, and on any change (POST, PUT, PATCH, DELETE) without the session's CSRF token.
 * The caller's roles must include one of the route's `@Roles()` (admins pass everywhere; a route without
 * `@Roles()` is admin-only). Area checks come after, where the data is: in the queries and handlers.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(TOKEN_VERIFIER) private readonly verifier: TokenVerifier,
    private readonly sessions: SessionManager,
    private readonly clock: Clock,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean | undefined>(PUBLIC_ROUTE, targets) === true) return true;
    const req = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const caller = await this.callerOf(req);
    const allowed = this.reflector.getAllAndOverride<Role[] | undefined>(ALLOWED_ROLES, targets) ?? [];
    if (!hasRole(caller, 'admin', ...allowed)) {
      throw new AccessDeniedError(
        'ROLE_NOT_ALLOWED',
        `This needs the role ${[...allowed, 'admin'].join(' or ')}; you are signed in as ${caller.roles.join(', ')}.`,
      );
    }
    req.caller = caller;
    return true;
  }

  private async callerOf(req: AuthenticatedRequest): Promise<Caller> {
    const header = req.headers.authorization;
    if (header !== undefined && header !== '') {
      const match = BEARER.exec(header);
      if (!match?.[1]) throw new AuthenticationError('TOKEN_INVALID', 'The Authorization header must be "Bearer <token>" with a JSON Web Token.');
      return this.verifier.verify(match[1]);
    }
    const sessionId = readCookie(req, SESSION_COOKIE);
    if (sessionId === undefined || sessionId === '') {
      throw new AuthenticationError('TOKEN_MISSING', 'Sign in first: at /sign-in in a browser, or send Authorization: Bearer <token> from a script.');
    }
    const crossSite = crossSiteReason(req);
    if (crossSite !== null) {
      throw new AccessDeniedError(
        'CROSS_SITE_REQUEST',
        `A signed-in session is only accepted from this service's own pages (this request came with ${crossSite}).`,
      );
    }
    const resumed = await this.sessions.resume(sessionId, this.clock.now());
    if (!('session' in resumed)) {
      const why =
        resumed.ended === 'idle'
          ? 'after a time without activity'
          : resumed.ended === 'expired'
            ? 'at the end of its allowed length'
            : 'or you signed out';
      throw new AuthenticationError('SESSION_ENDED', `Your session has ended (${why}): sign in again.`);
    }
    const { session } = resumed;
    if (!isSafeMethod(req.method) && !sameToken(req.headers[CSRF_HEADER], session.csrfToken)) {
      throw new AccessDeniedError(
        'CSRF_TOKEN_INVALID',
        "This change did not carry the page's security token, so it was refused. Reload the page and try again.",
      );
    }
    return { sub: session.sub, roles: session.roles, areas: session.areas };
  }
}
