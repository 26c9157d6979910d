import { expect } from '@jest/globals';
import { sessionIdHash } from '@sj/identity';
import { request as httpRequest } from 'node:http';
import type { AuditEntry } from '../../apps/api/src/audit/audit-log';
import { openIdentityStores } from '../../apps/shared/src/storage';
import { authAs } from '../support/auth';
import { addAccounts, signInOverHttp, TEST_PASSWORD } from '../support/accounts';
import { request, type ErrorBody, type JourneyResponse } from '../support/http';
import { startTestApp, type TestApp } from '../support/test-app';

const TODAY = '2025-06-30';

/** What `GET /audit` answers. */
interface AuditPage {
  readonly items: AuditEntry[];
  readonly total: number;
}

const ACCOUNTS = [
  { sub: 'cw-north-1', name: 'Priya Shah', role: 'caseworker', areas: ['north'] },
  { sub: 'panel-north', name: 'Tom Evans', role: 'panel', areas: ['north'] },
  { sub: 'manager-north', name: 'Grace Okafor', role: 'manager', areas: ['north'] },
  { sub: 'admin', name: 'Sam Taylor', role: 'admin', areas: 'all' },
  { sub: 'cw-locked', name: 'Lee Locked', role: 'caseworker', areas: ['north'] },
  { sub: 'cw-gone', name: 'Dana Gone', role: 'caseworker', areas: ['north'], disabled: true },
] as const;

const registration = (area = 'north') => ({
  type: 'ChildRegistered',
  occurredOn: '2025-06-02',
  data: { givenName: 'Sam', familyName: 'Session', dateOfBirth: '2016-03-03', area, school: 'North Primary 1', caseworker: 'cw-north-1' },
});

/** A request with the session cookie, as a browser on the service's own page would send it unless a test says otherwise. */
function withSession(session: { cookie: string }, headers: Record<string, string> = {}): Record<string, string> {
  return { Authorization: '', cookie: session.cookie, 'sec-fetch-site': 'same-origin', ...headers };
}

/** Plain node:http, which (unlike fetch) lets the test say which Host the browser used. */
function postWithHost(port: number, host: string, path: string, body: string, cookie = ''): Promise<{ status: number; setCookie: string[] }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port,
        path,
        method: 'POST',
        headers: { host, cookie, 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        res.resume();
        resolve({ status: res.statusCode ?? 0, setCookie: res.headers['set-cookie'] ?? [] });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

describe('people signed in with a session cookie, beside scripts with bearer tokens', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({ clockToday: TODAY, env: { SIGN_IN_MAX_ATTEMPTS: '3', SIGN_IN_LOCKOUT_MINUTES: '15' } });
    await addAccounts(app, ...ACCOUNTS);
  }, 60_000);
  afterAll(() => app.close());

  it.each([
    ['cw-north-1', '/caseload'],
    ['panel-north', '/inbox'],
    ['manager-north', '/dashboard'],
    ['admin', '/dashboard'],
  ])('sends %s to their home page after sign-in, and / sends them there again', async (sub, home) => {
    const session = await signInOverHttp(app.baseUrl, sub);
    expect(session.landedOn).toBe(home);
    const root = await fetch(`${app.baseUrl}/`, { redirect: 'manual', headers: { cookie: session.cookie } });
    expect(root.headers.get('location')).toBe(home);
  });

  it('sends someone not signed in from / to the sign-in page, and from a page to sign-in and back', async () => {
    expect((await fetch(`${app.baseUrl}/`, { redirect: 'manual' })).headers.get('location')).toBe('/sign-in');
    expect((await fetch(`${app.baseUrl}/inbox?recipient=panel:north`, { redirect: 'manual' })).headers.get('location')).toBe(
      '/sign-in?returnTo=%2Finbox%3Frecipient%3Dpanel%3Anorth',
    );
  });

  it('sets an HttpOnly, SameSite=Lax session cookie, not Secure on localhost, and nothing but the id', async () => {
    const { setCookie } = await signInOverHttp(app.baseUrl, 'cw-north-1');
    const sessionCookie = setCookie.split(/,(?=\s*sj_)/).find((c) => c.trim().startsWith('sj_session=')) ?? '';
    expect(sessionCookie).toMatch(/^sj_session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Lax$/);
  });

  it('marks the session cookie Secure when the service is reached by any name but localhost', async () => {
    const port = Number(new URL(app.baseUrl).port);
    const form = await fetch(`${app.baseUrl}/sign-in`);
    const formToken = /name="csrfToken" value="([^"]+)"/.exec(await form.text())?.[1] ?? '';
    const body = new URLSearchParams({ username: 'cw-north-1', password: TEST_PASSWORD, csrfToken: formToken }).toString();
    const answer = await postWithHost(port, 'send.example.gov.uk', '/sign-in', body, `sj_sign_in=${formToken}`);
    expect(answer.status).toBe(303);
    expect(answer.setCookie.find((c) => c.startsWith('sj_session='))).toMatch(/; HttpOnly; Secure; SameSite=Lax$/);
  });

  it('gives a new session id at sign-in and ends the one the browser came with', async () => {
    const before = await signInOverHttp(app.baseUrl, 'panel-north');
    const after = await signInOverHttp(app.baseUrl, 'panel-north', TEST_PASSWORD, before.cookie);
    expect(after.cookie).not.toBe(before.cookie);
    const old = await request<ErrorBody>(app.baseUrl, 'GET', '/alerts?recipient=panel:north', { headers: withSession(before) });
    expect(old.status).toBe(401);
    expect(old.body.details).toEqual({ code: 'SESSION_ENDED' });
    expect((await request(app.baseUrl, 'GET', '/alerts?recipient=panel:north', { headers: withSession(after) })).status).toBe(200);
  });

  it('accepts the session on the API from its own pages, as it accepts a bearer token from a script', async () => {
    const session = await signInOverHttp(app.baseUrl, 'panel-north');
    expect((await request(app.baseUrl, 'GET', '/alerts?recipient=panel:north', { headers: withSession(session) })).status).toBe(200);
    expect(
      (await request(app.baseUrl, 'GET', '/alerts?recipient=panel:north', { headers: await authAs(app, 'panel', ['north'], 'panel-north') })).status,
    ).toBe(200);
  });

  it('refuses a change sent with the session but without its CSRF token, and records nothing', async () => {
    const session = await signInOverHttp(app.baseUrl, 'cw-north-1');
    const path = '/children/csrf-child/events';
    const without = await request<ErrorBody>(app.baseUrl, 'POST', path, { json: registration(), headers: withSession(session) });
    expect(without.status).toBe(403);
    expect(without.body.details).toEqual({ code: 'CSRF_TOKEN_INVALID' });
    const wrong = await request(app.baseUrl, 'POST', path, { json: registration(), headers: withSession(session, { 'x-csrf-token': 'guessed' }) });
    expect(wrong.status).toBe(403);
    expect((await request(app.baseUrl, 'GET', '/children/csrf-child/journey')).status).toBe(404);
    const withToken = await request(app.baseUrl, 'POST', path, {
      json: registration(),
      headers: withSession(session, { 'x-csrf-token': session.csrfToken }),
    });
    expect(withToken.status).toBe(201);
    expect((await request<JourneyResponse>(app.baseUrl, 'GET', '/children/csrf-child/journey')).body.events[0].recordedBy).toBe('cw-north-1');
  });

  it.each([
    ['from another site', { 'sec-fetch-site': 'cross-site' }],
    ['from a sibling origin of the same site', { 'sec-fetch-site': 'same-site' }],
    ['with a foreign Origin and no Sec-Fetch-Site', { 'sec-fetch-site': '', origin: 'http://evil.example' }],
  ])('refuses the session cookie on a request %s', async (_from, headers) => {
    const session = await signInOverHttp(app.baseUrl, 'panel-north');
    const res = await request<ErrorBody>(app.baseUrl, 'GET', '/alerts?recipient=panel:north', { headers: withSession(session, headers) });
    expect(res.status).toBe(403);
    expect(res.body.details).toEqual({ code: 'CROSS_SITE_REQUEST' });
  });

  it('ends the session at sign-out, only with the CSRF token, and audits sign-in and sign-out', async () => {
    const session = await signInOverHttp(app.baseUrl, 'manager-north');
    const form = (csrfToken: string) => ({
      method: 'POST',
      redirect: 'manual' as const,
      headers: { cookie: session.cookie, 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin' },
      body: new URLSearchParams({ csrfToken }).toString(),
    });
    expect((await fetch(`${app.baseUrl}/sign-out`, form('forged'))).status).toBe(403);
    expect((await request(app.baseUrl, 'GET', '/clocks', { headers: withSession(session) })).status).toBe(200);
    const out = await fetch(`${app.baseUrl}/sign-out`, form(session.csrfToken));
    expect(out.status).toBe(303);
    expect(out.headers.get('location')).toBe('/signed-out');
    expect(out.headers.get('set-cookie')).toMatch(/sj_session=;/);
    expect((await request<ErrorBody>(app.baseUrl, 'GET', '/clocks', { headers: withSession(session) })).body.details).toEqual({
      code: 'SESSION_ENDED',
    });
    const audit = await request<AuditPage>(app.baseUrl, 'GET', '/audit?sub=manager-north&pageSize=100');
    const actions = audit.body.items.map((e) => e.action).filter((a) => a !== 'read');
    expect(actions.slice(0, 2)).toEqual(['sign-out', 'sign-in']);
    expect(audit.body.items[0]).toMatchObject({
      sub: 'manager-north',
      roles: ['manager'],
      route: 'POST /sign-out',
      at: expect.stringMatching(/^2025-06-30T/),
    });
  });

  it('ends a session left idle past the time-out: the API answers 401 and a page asks to sign in again', async () => {
    const session = await signInOverHttp(app.baseUrl, 'panel-north');
    const stores = await openIdentityStores(app.config);
    try {
      const idHash = sessionIdHash(session.cookie.slice('sj_session='.length));
      const row = await stores.sessions.find(idHash);
      if (row === undefined) throw new Error('no session row');
      await stores.sessions.delete(idHash);
      // the same session, last seen 31 minutes before now (the default idle time-out is 30)
      await stores.sessions.create({ ...row, lastSeenAt: new Date(Date.parse(row.lastSeenAt) - 31 * 60_000).toISOString() });
    } finally {
      await stores.close();
    }
    const page = await fetch(`${app.baseUrl}/inbox`, { redirect: 'manual', headers: { cookie: session.cookie } });
    expect(page.headers.get('location')).toBe('/sign-in?ended=idle&returnTo=%2Finbox');
    const signIn = await fetch(`${app.baseUrl}${page.headers.get('location') ?? ''}`);
    expect(await signIn.text()).toContain('You were signed out because you had done nothing for 30 minutes');
    expect((await request(app.baseUrl, 'GET', '/alerts?recipient=panel:north', { headers: withSession(session) })).status).toBe(401);
  });

  it('answers a page the role may not open with 403 and the way back, keeping the person signed in', async () => {
    const session = await signInOverHttp(app.baseUrl, 'cw-north-1');
    const page = await fetch(`${app.baseUrl}/dashboard`, { headers: { cookie: session.cookie } });
    expect(page.status).toBe(403);
    const text = await page.text();
    expect(text).toContain('dashboard is for managers and administrators');
    expect(text).toMatch(/<a href="\/caseload" role="button"[^>]*>Go to your caseload<\/a/);
    expect((await fetch(`${app.baseUrl}/caseload`, { headers: { cookie: session.cookie } })).status).toBe(200);
  });

  it('refuses a sign-in form posted without its own CSRF token', async () => {
    const res = await fetch(`${app.baseUrl}/sign-in`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ username: 'cw-north-1', password: TEST_PASSWORD }).toString(),
    });
    expect(res.status).toBe(403);
    expect(res.headers.get('set-cookie')).not.toMatch(/sj_session=/);
    expect(await res.text()).toContain('The sign-in page had expired');
  });

  it('locks an account after three wrong passwords, refusing even the right one, and audits each refusal and the lock-out', async () => {
    const attempt = async (password: string) => {
      const form = await fetch(`${app.baseUrl}/sign-in`);
      const token = /name="csrfToken" value="([^"]+)"/.exec(await form.text())?.[1] ?? '';
      const res = await fetch(`${app.baseUrl}/sign-in`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `sj_sign_in=${token}` },
        body: new URLSearchParams({ username: 'cw-locked', password, csrfToken: token }).toString(),
      });
      return { status: res.status, text: await res.text() };
    };
    for (const guess of ['guess number one', 'guess number two'])
      expect(await attempt(guess)).toMatchObject({ status: 401, text: expect.stringContaining('The user name or password is not right') });
    expect((await attempt('guess number three')).text).toMatch(/your account is locked until \d\d:\d\d/);
    expect((await attempt(TEST_PASSWORD)).text).toContain('your account is locked');
    const audit = await request<AuditPage>(app.baseUrl, 'GET', '/audit?sub=cw-locked&pageSize=100');
    expect(audit.body.items.map((e) => e.action).reverse()).toEqual([
      'sign-in-failed',
      'sign-in-failed',
      'sign-in-failed',
      'locked-out',
      'sign-in-failed',
    ]);
    expect(JSON.stringify(audit.body)).not.toContain('guess number');
  });

  it('never logs a password', async () => {
    const res = await request(app.baseUrl, 'GET', '/audit?pageSize=500');
    expect(JSON.stringify(res.body)).not.toContain(TEST_PASSWORD);
  });
});
