import type { CookieOptions, Request } from 'express';

/** The session id (HttpOnly: no script on the page can read it). */
export const SESSION_COOKIE = 'sj_session';
/** The sign-in form's own CSRF token, before any session exists (double submit: cookie and field must agree). */
export const SIGN_IN_COOKIE = 'sj_sign_in';
/** The PKCE verifier, state and nonce of an identity-provider sign-in under way. */
export const OIDC_COOKIE = 'sj_oidc';

/** One cookie's value from the Cookie header (no cookie-parsing middleware needed for three cookies). */
export function readCookie(req: Pick<Request, 'headers'>, name: string): string | undefined {
  const header = req.headers.cookie;
  if (header === undefined) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])(?::\d+)?$/;

/** Whether the browser reached this server as localhost (plain http there is fine; anywhere else it is not). */
export function isLoopback(req: Pick<Request, 'headers'>): boolean {
  return LOOPBACK.test(req.headers.host ?? '');
}

/**
 * HttpOnly, SameSite=Lax (sent on a top-level link into the service, never on another site's form post or
 * fetch), and Secure everywhere but localhost, so a session id never crosses a network in the clear.
 * No Max-Age on the session cookie: it goes when the browser closes; the server enforces the time-outs.
 */
export function cookieOptions(req: Pick<Request, 'headers'>, extra: Pick<CookieOptions, 'maxAge' | 'path'> = {}): CookieOptions {
  return { httpOnly: true, sameSite: 'lax', secure: !isLoopback(req), path: '/', ...extra };
}
