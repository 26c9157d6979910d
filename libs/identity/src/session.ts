import type { Areas, Role } from './roles';

/** How a session was started: a local account's password, or the council's identity provider. */
export type SignInMethod = 'local' | 'oidc';

/**
 * A signed-in person's session, kept on the server. The browser holds only the random session id; the
 * store holds its SHA-256 (`idHash`), so a copy of the store cannot be replayed as cookies.
 */
export interface Session {
  readonly idHash: string;
  readonly sub: string;
  readonly name: string;
  readonly roles: readonly Role[];
  readonly areas: Areas;
  readonly method: SignInMethod;
  /** ISO instants. */
  readonly createdAt: string;
  readonly lastSeenAt: string;
  /** The absolute end, however active the person is. */
  readonly expiresAt: string;
  /** The synchronizer token every state-changing request from the pages must carry. */
  readonly csrfToken: string;
  /** The identity provider's ID token, sent back as `id_token_hint` when signing out there. */
  readonly idToken: string | null;
}
