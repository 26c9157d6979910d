import { expect } from '@jest/globals';
import { exportJWK, generateKeyPair, SignJWT, type KeyLike } from 'jose';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { request, type ErrorBody } from '../support/http';
import { startTestApp, type TestApp } from '../support/test-app';

const ISSUER = 'https://login.example.test/tenant/v2.0';
const AUDIENCE = 'api://send-journeys';

/*
 * Sign-in against an identity provider, as an LA on Entra ID or another OIDC provider would run it: the
 * provider's key set is served from a real local HTTP server, with an RS256 key pair made for this test.
 */
describe('tokens from an identity provider (JWKS, RS256)', () => {
  let jwks: Server;
  let app: TestApp;
  let privateKey: KeyLike;
  let keySetRequests = 0;

  const token = (claims: Record<string, unknown>, overrides: { audience?: string; issuer?: string; key?: KeyLike } = {}) =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid: 'test-key-1' })
      .setSubject('alice@la.example')
      .setIssuer(overrides.issuer ?? ISSUER)
      .setAudience(overrides.audience ?? AUDIENCE)
      .setIssuedAt()
      .setExpirationTime('10m')
      .sign(overrides.key ?? privateKey);

  beforeAll(async () => {
    const pair = await generateKeyPair('RS256');
    privateKey = pair.privateKey;
    const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'test-key-1', alg: 'RS256', use: 'sig' };
    jwks = createServer((_req, res) => {
      keySetRequests += 1;
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
    const { port } = jwks.address() as AddressInfo;
    app = await startTestApp({ env: { AUTH_JWKS_URL: `http://127.0.0.1:${port}/discovery/keys`, AUTH_ISSUER: ISSUER, AUTH_AUDIENCE: AUDIENCE } });
  });
  afterAll(async () => {
    await app.close();
    await new Promise((resolve) => jwks.close(resolve));
  });

  it("accepts a token the provider signed, reading Entra-style `roles` and the caller's areas", async () => {
    const res = await request(app.baseUrl, 'GET', '/clocks', {
      headers: { Authorization: `Bearer ${await token({ roles: ['manager', 'Some.Other.Role'], areas: ['north'] })}` },
    });
    expect(res.status).toBe(200);
    expect(keySetRequests).toBeGreaterThan(0);
  });

  it('refuses a token for another audience, and one for another issuer', async () => {
    const wrongAudience = await request<ErrorBody>(app.baseUrl, 'GET', '/clocks', {
      headers: { Authorization: `Bearer ${await token({ role: 'manager', areas: ['north'] }, { audience: 'api://another-service' })}` },
    });
    expect(wrongAudience.status).toBe(401);
    expect(wrongAudience.body).toMatchObject({ details: { code: 'TOKEN_INVALID' }, message: expect.stringMatching(/aud claim/) });
    const wrongIssuer = await request(app.baseUrl, 'GET', '/clocks', {
      headers: { Authorization: `Bearer ${await token({ role: 'manager', areas: ['north'] }, { issuer: 'https://elsewhere.example' })}` },
    });
    expect(wrongIssuer.status).toBe(401);
  });

  it('refuses a token signed by a key the provider does not publish, and an HS256 one', async () => {
    const { privateKey: stranger } = await generateKeyPair('RS256');
    const foreign = await request(app.baseUrl, 'GET', '/clocks', {
      headers: { Authorization: `Bearer ${await token({ role: 'manager', areas: ['north'] }, { key: stranger })}` },
    });
    expect(foreign.status).toBe(401);
    const hs256 = await new SignJWT({ role: 'admin', areas: '*' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('x')
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setExpirationTime('5m')
      .sign(new Uint8Array(32));
    expect((await request(app.baseUrl, 'GET', '/clocks', { headers: { Authorization: `Bearer ${hs256}` } })).status).toBe(401);
  });

  it('refuses a verified token that carries no role this service knows', async () => {
    const res = await request<ErrorBody>(app.baseUrl, 'GET', '/clocks', {
      headers: { Authorization: `Bearer ${await token({ roles: ['Directory.Reader'] })}` },
    });
    expect(res.status).toBe(401);
    expect(res.body.details).toEqual({ code: 'TOKEN_CLAIMS_INVALID' });
  });
});
