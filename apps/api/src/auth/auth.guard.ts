import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AccessDeniedError, AuthenticationError } from './auth.errors';
import { ALLOWED_ROLES, PUBLIC_ROUTE } from './auth.decorators';
import { hasRole, type AuthenticatedRequest, type Role } from './caller';
import { TOKEN_VERIFIER, type TokenVerifier } from './token-verifier';

const BEARER = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)$/;

/**
 * Every route needs a verified bearer token unless it is `@Public()`; the caller's roles must include one
 * of the route's `@Roles()` (admins pass everywhere; a route without `@Roles()` is admin-only).
 * Area checks come after, where the data is: in the queries and handlers.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(TOKEN_VERIFIER) private readonly verifier: TokenVerifier,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets) === true) return true;
    const req = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const header = req.headers.authorization;
    if (header === undefined || header === '') {
      throw new AuthenticationError('TOKEN_MISSING', 'Sign in first: send Authorization: Bearer <token>.');
    }
    const match = BEARER.exec(header);
    if (!match) throw new AuthenticationError('TOKEN_INVALID', 'The Authorization header must be "Bearer <token>" with a JSON Web Token.');
    const caller = await this.verifier.verify(match[1]!);
    const allowed = this.reflector.getAllAndOverride<Role[] | undefined>(ALLOWED_ROLES, targets) ?? [];
    if (!hasRole(caller, 'admin', ...allowed)) {
      throw new AccessDeniedError('ROLE_NOT_ALLOWED', `This needs the role ${[...allowed, 'admin'].join(' or ')}; the token has ${caller.roles.join(', ')}.`);
    }
    req.caller = caller;
    return true;
  }
}
