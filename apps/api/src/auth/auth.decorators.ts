import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import { callerOf, type AuthenticatedRequest, type Caller, type Role } from './caller';

export const PUBLIC_ROUTE = 'sj:public-route';
export const ALLOWED_ROLES = 'sj:allowed-roles';

/** A route anyone may call without a token (health, the static pages). Everything else needs one. */
export const Public = (): ClassDecorator & MethodDecorator => SetMetadata(PUBLIC_ROUTE, true);

/**
 * The roles that may call a route (admins always may). A route with neither `@Public()` nor `@Roles()`
 * is admin-only, so a route added without thought is closed rather than open.
 */
export const Roles = (...roles: Role[]): ClassDecorator & MethodDecorator => SetMetadata(ALLOWED_ROLES, roles);

/** The verified caller of this request. */
export const CurrentCaller = createParamDecorator((_: unknown, ctx: ExecutionContext): Caller =>
  callerOf(ctx.switchToHttp().getRequest<AuthenticatedRequest>()),
);
