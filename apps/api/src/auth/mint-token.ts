import type { LocalSigningSecretStore } from '@sj/identity';
import { SignJWT } from 'jose';
import type { Role } from './caller';
import { LOCAL_AUDIENCE, LOCAL_ISSUER } from './local-signing-secret';

export interface TokenRequest {
  readonly sub: string;
  readonly role: Role;
  /** Area names; an admin's token says "*". */
  readonly areas: readonly string[] | '*';
  /** jose time span, e.g. `8h`, `30m`; default 8 hours (a working day). */
  readonly expiresIn?: string;
}

/** A token for the embedded default, signed with the local HS256 secret (in DATA_DIR, or PostgreSQL with DATABASE_URL). */
export async function mintLocalToken(secrets: LocalSigningSecretStore, request: TokenRequest): Promise<string> {
  const claims = { role: request.role, areas: request.areas === '*' ? '*' : [...request.areas] };
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(request.sub)
    .setIssuer(LOCAL_ISSUER)
    .setAudience(LOCAL_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(request.expiresIn ?? '8h')
    .sign(await secrets.secret());
}
