/**
 * 401: no token or session, or one that cannot be trusted. The message says which, never how a signature
 * failed. `SESSION_ENDED`: the session cookie names no live session (signed out, idle or past its end).
 */
export class AuthenticationError extends Error {
  constructor(
    readonly code: 'TOKEN_MISSING' | 'TOKEN_INVALID' | 'TOKEN_EXPIRED' | 'TOKEN_CLAIMS_INVALID' | 'SESSION_ENDED',
    message: string,
  ) {
    super(message);
    this.name = 'AuthenticationError';
  }
}

/**
 * 403: the caller is known but their role or areas do not allow this; or a session cookie came on a request
 * from another site (`CROSS_SITE_REQUEST`) or on a change without the session's CSRF token (`CSRF_TOKEN_INVALID`).
 */
export class AccessDeniedError extends Error {
  constructor(
    readonly code: 'ROLE_NOT_ALLOWED' | 'AREA_NOT_ALLOWED' | 'RECIPIENT_NOT_ALLOWED' | 'CROSS_SITE_REQUEST' | 'CSRF_TOKEN_INVALID',
    message: string,
  ) {
    super(message);
    this.name = 'AccessDeniedError';
  }
}
