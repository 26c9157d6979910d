import type { AppConfig } from '@sj/config';
import type { LocalSigningSecretStore } from '@sj/identity';
import { createRemoteJWKSet, errors, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { AuthenticationError } from './auth.errors';
import type { Caller } from './caller';
import { LOCAL_AUDIENCE, LOCAL_ISSUER } from './local-signing-secret';
import { callerFromClaims } from './token-claims';

/** Turns a bearer token into a caller, or throws AuthenticationError. */
export interface TokenVerifier {
  verify(token: string): Promise<Caller>;
}

export const TOKEN_VERIFIER = Symbol('TOKEN_VERIFIER');

/** A minute of clock skew between the identity provider and this server. */
const CLOCK_TOLERANCE_SECONDS = 60;

/**
 * The embedded default (HS256 with the local signing secret), or an identity provider's JWKS with RS256
 * (Entra ID, or any OIDC provider): issuer and audience are checked in both modes, `exp` is required.
 */
export async function createTokenVerifier(config: AppConfig, secrets: LocalSigningSecretStore): Promise<TokenVerifier> {
  if (config.auth.kind === 'jwks') {
    const { jwksUrl, issuer, audience } = config.auth;
    const keys: JWTVerifyGetKey = createRemoteJWKSet(new URL(jwksUrl), { timeoutDuration: 5_000, cooldownDuration: 30_000 });
    return { verify: (token) => verifyWith(token, keys, { algorithms: ['RS256'], issuer, audience }) };
  }
  const secret = await secrets.secret();
  return { verify: (token) => verifyWith(token, secret, { algorithms: ['HS256'], issuer: LOCAL_ISSUER, audience: LOCAL_AUDIENCE }) };
}

async function verifyWith(
  token: string,
  key: Uint8Array | JWTVerifyGetKey,
  options: { algorithms: string[]; issuer: string; audience: string },
): Promise<Caller> {
  let payload: Record<string, unknown>;
  try {
    const checks = { ...options, requiredClaims: ['exp', 'sub'], clockTolerance: CLOCK_TOLERANCE_SECONDS };
    // jose's overloads take a key or a key-set function, not the union
    const verified = typeof key === 'function' ? await jwtVerify(token, key, checks) : await jwtVerify(token, key, checks);
    payload = verified.payload;
  } catch (err) {
    throw toAuthenticationError(err);
  }
  return callerFromClaims(payload);
}

/** Says which check failed (expired, wrong audience or issuer, not trusted) and nothing about the signature. */
function toAuthenticationError(err: unknown): AuthenticationError {
  if (err instanceof errors.JWTExpired) return new AuthenticationError('TOKEN_EXPIRED', 'The token has expired: sign in again.');
  if (err instanceof errors.JWTClaimValidationFailed) {
    return new AuthenticationError('TOKEN_INVALID', `The token is not valid for this service (its ${err.claim} claim is missing or wrong).`);
  }
  // a timeout, or fetch failing before jose saw a key set: the provider, not the token, is at fault
  if (err instanceof errors.JWKSTimeout || !(err instanceof errors.JOSEError)) {
    return new AuthenticationError('TOKEN_INVALID', 'The token could not be checked: the identity provider did not answer.');
  }
  return new AuthenticationError('TOKEN_INVALID', 'The token is not valid: it is malformed or not signed by a trusted key.');
}
