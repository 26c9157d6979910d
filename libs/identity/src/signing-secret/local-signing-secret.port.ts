/**
 * The embedded default's HS256 secret (used when no identity provider's key set is configured): one per
 * deployment, made of 256 random bits on first use, then the same for every API process and for the token
 * command, across restarts. Never logged.
 */
export interface LocalSigningSecretStore {
  /** The secret, created on first use; two processes asking at once get the same one. */
  secret(): Promise<Uint8Array>;
  close(): Promise<void>;
}

/** Bits a secret must hold: HS256's key should be at least as long as its output (RFC 7518 §3.2). */
export const LOCAL_SECRET_BYTES = 32;

/** Where the secret is kept cannot be read or written now; no token can be minted or checked until it can. */
export class SigningSecretUnavailableError extends Error {
  readonly code = 'SIGNING_SECRET_UNAVAILABLE';

  constructor(detail: string, options?: { cause?: unknown }) {
    super(`The local signing secret is not available: ${detail}`, options);
    this.name = 'SigningSecretUnavailableError';
  }
}

/** A stored secret too short to trust: replacing it is an operator's decision, since every token minted with it stops working. */
export class WeakSigningSecretError extends Error {
  readonly code = 'SIGNING_SECRET_WEAK';

  constructor(where: string) {
    super(`${where} holds fewer than 256 bits: remove it to have a new secret generated (every token minted with the old one stops working)`);
    this.name = 'WeakSigningSecretError';
  }
}
