import type { AppConfig, OidcConfig } from '@sj/config';
import * as client from 'openid-client';
import { personFromClaims, type MappedPerson } from './oidc-claims';

/** What the browser keeps (in an HttpOnly cookie) between leaving for the provider and coming back. */
export interface PendingSignIn {
  readonly state: string;
  readonly nonce: string;
  readonly codeVerifier: string;
  readonly returnTo: string;
}

/** The provider refused, or its answer did not check out (state, nonce, code, signature, issuer). */
export class OidcSignInError extends Error {
  readonly code = 'OIDC_SIGN_IN_FAILED';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'OidcSignInError';
  }
}

/**
 * Sign-in with the council's identity provider by the authorization-code flow with PKCE (S256), `state`
 * against cross-site request forgery of the callback and `nonce` against a replayed ID token; openid-client
 * checks every one of them, and the provider accepts each code once. The provider's metadata is discovered
 * on first use, so the API starts even while the provider is unreachable.
 */
export class OidcSignIn {
  readonly settings: OidcConfig | null;
  private discovered: Promise<client.Configuration> | undefined;

  constructor(config: AppConfig) {
    this.settings = config.signIn.oidc;
  }

  get enabled(): boolean {
    return this.settings !== null;
  }

  async start(returnTo: string): Promise<{ url: string; pending: PendingSignIn }> {
    const settings = this.required();
    const configuration = await this.configuration();
    const pending: PendingSignIn = {
      state: client.randomState(),
      nonce: client.randomNonce(),
      codeVerifier: client.randomPKCECodeVerifier(),
      returnTo,
    };
    const url = client.buildAuthorizationUrl(configuration, {
      redirect_uri: settings.redirectUrl,
      scope: settings.scopes,
      code_challenge: await client.calculatePKCECodeChallenge(pending.codeVerifier),
      code_challenge_method: 'S256',
      state: pending.state,
      nonce: pending.nonce,
    });
    return { url: url.href, pending };
  }

  /** `query` is the callback's query string as the browser brought it back. */
  async finish(query: string, pending: PendingSignIn): Promise<{ person: MappedPerson; idToken: string | null }> {
    const settings = this.required();
    const configuration = await this.configuration();
    const callback = new URL(settings.redirectUrl);
    callback.search = query;
    let tokens: client.TokenEndpointResponse & client.TokenEndpointResponseHelpers;
    try {
      tokens = await client.authorizationCodeGrant(configuration, callback, {
        pkceCodeVerifier: pending.codeVerifier,
        expectedState: pending.state,
        expectedNonce: pending.nonce,
        idTokenExpected: true,
      });
    } catch (err) {
      throw new OidcSignInError(describeFailure(err), { cause: err });
    }
    const claims = tokens.claims();
    if (claims === undefined) throw new OidcSignInError('The identity provider sent no ID token.');
    return { person: personFromClaims(claims, settings), idToken: tokens.id_token ?? null };
  }

  /** Where to send the browser to sign out at the provider too, when it offers RP-initiated logout. */
  async endSessionUrl(idToken: string | null, postLogoutRedirect: string): Promise<string | null> {
    if (this.settings === null) return null;
    const configuration = await this.configuration().catch(() => undefined);
    if (configuration?.serverMetadata().end_session_endpoint === undefined) return null;
    return client.buildEndSessionUrl(configuration, {
      post_logout_redirect_uri: postLogoutRedirect,
      client_id: this.settings.clientId,
      ...(idToken !== null ? { id_token_hint: idToken } : {}),
    }).href;
  }

  private required(): OidcConfig {
    if (this.settings === null) throw new OidcSignInError('No identity provider is configured (OIDC_ISSUER).');
    return this.settings;
  }

  private configuration(): Promise<client.Configuration> {
    const settings = this.required();
    this.discovered ??= client
      .discovery(
        new URL(settings.issuer),
        settings.clientId,
        settings.clientSecret,
        undefined,
        // production refuses plain http in the configuration; elsewhere a provider on loopback may use it
        // eslint-disable-next-line @typescript-eslint/no-deprecated -- deprecated only as a warning sign; used for http issuers outside production
        settings.issuer.startsWith('http://') ? { execute: [client.allowInsecureRequests] } : undefined,
      )
      .catch((err: unknown) => {
        this.discovered = undefined;
        throw new OidcSignInError('The identity provider could not be reached. Try again in a few minutes.', { cause: err });
      });
    return this.discovered;
  }
}

function describeFailure(err: unknown): string {
  if (err instanceof client.AuthorizationResponseError) return `The identity provider refused the sign-in (${err.error}).`;
  if (err instanceof client.ResponseBodyError) return `The identity provider refused the sign-in (${err.error}).`;
  return 'The answer from the identity provider could not be checked, so you were not signed in.';
}
