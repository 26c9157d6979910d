/** 401: no token, or one that cannot be trusted. The message says which, never how a signature failed. */
export class AuthenticationError extends Error {
  constructor(
    readonly code: 'TOKEN_MISSING' | 'TOKEN_INVALID' | 'TOKEN_EXPIRED' | 'TOKEN_CLAIMS_INVALID',
    message: string,
  ) {
    super(message);
    this.name = 'AuthenticationError';
  }
}

/** 403: the caller is known but their role or areas do not allow this. */
export class AccessDeniedError extends Error {
  constructor(
    readonly code: 'ROLE_NOT_ALLOWED' | 'AREA_NOT_ALLOWED' | 'RECIPIENT_NOT_ALLOWED',
    message: string,
  ) {
    super(message);
    this.name = 'AccessDeniedError';
  }
}
