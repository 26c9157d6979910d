/**
 * The database holding accounts or sessions cannot be reached (PostgreSQL down, the SQLite file locked or closed).
 * Nothing was changed; the person can try again shortly. Adapters raise it instead of their driver's errors.
 */
export class IdentityStoreUnavailableError extends Error {
  readonly code = 'IDENTITY_STORE_UNAVAILABLE';

  constructor(detail: string, options?: { cause?: unknown }) {
    super(`The store of accounts and sessions is not available: ${detail}`, options);
    this.name = 'IdentityStoreUnavailableError';
  }
}
