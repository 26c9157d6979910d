import { createHash, randomBytes } from 'node:crypto';

/** A new session id for the cookie: 256 random bits. */
export function newSessionId(): string {
  return randomBytes(32).toString('base64url');
}

/** What the store keeps instead of the id. */
export function sessionIdHash(sessionId: string): string {
  return createHash('sha256').update(sessionId, 'utf8').digest('hex');
}

/** A CSRF synchronizer token: 256 random bits, one per session. */
export function newCsrfToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Only the shape a session id can have, so arbitrary cookie text is never hashed and looked up. */
export const SESSION_ID = /^[A-Za-z0-9_-]{43}$/;
