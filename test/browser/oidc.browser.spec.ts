import { expect } from '@jest/globals';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { seriousAccessibilityProblems } from '../support/axe';
import { launchChromium } from '../support/browser';
import { request } from '../support/http';
import { freePort, startTestProvider, type TestProvider } from '../support/oidc-provider';
import { startTestApp, type TestApp } from '../support/test-app';

/*
 * Signing in with the council's identity provider: a real OpenID Connect provider (oidc-provider) on
 * loopback, the app configured with OIDC_*, and headless Chromium going through the provider's own pages.
 * Roles and areas come from claims, named directly (`roles`, `areas`) or granted by groups, as with
 * Microsoft Entra ID app roles and security groups. Every page of the service on the way passes axe-core (the
 * provider's own pages are the provider's).
 */
const ARTIFACTS = join(__dirname, '..', 'artifacts');
const CLIENT_ID = 'send-journeys-test';

const ACCOUNTS: Readonly<Record<string, Record<string, unknown>>> = {
  'entra-cw': { name: 'Priya Shah', groups: ['grp-caseworkers', 'grp-north', 'grp-unrelated'] },
  'entra-panel': { name: 'Tom Evans', roles: ['panel'], areas: ['north', 'south'] },
  'entra-manager': { name: 'Grace Okafor', roles: ['manager'], groups: ['grp-south'] },
  'entra-admin': { name: 'Sam Taylor', roles: ['admin', 'Directory.Reader'] },
  'entra-nobody': { name: 'Alex Elsewhere', roles: ['Directory.Reader'] },
};

describe("signing in with the council's identity provider, in a browser", () => {
  let provider: TestProvider;
  let app: TestApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    provider = await startTestProvider(
      {
        client_id: CLIENT_ID,
        client_secret: 'a-test-client-secret',
        redirect_uris: [`${base}/sign-in/callback`],
        post_logout_redirect_uris: [`${base}/signed-out`],
      },
      ACCOUNTS,
    );
    app = await startTestApp({
      port,
      env: {
        OIDC_ISSUER: provider.issuer,
        OIDC_CLIENT_ID: CLIENT_ID,
        OIDC_CLIENT_SECRET: 'a-test-client-secret',
        OIDC_REDIRECT_URL: `${base}/sign-in/callback`,
        OIDC_GROUP_ROLES: 'grp-caseworkers=caseworker',
        OIDC_GROUP_AREAS: 'grp-north=north,grp-south=south',
      },
    });
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    await browser.close();
    await app.close();
    await provider.stop();
  });

  beforeEach(async () => {
    // the CSP bypassed only so axe-core can be injected as a script, which the strict CSP would refuse
    context = await browser.newContext({ viewport: { width: 1280, height: 900 }, bypassCSP: true });
    // the provider's development pages ask for a web font: nothing but loopback is reached from the tests
    await context.route(/^https?:\/\/(?!localhost|127\.0\.0\.1)/, (route) => route.abort());
    page = await context.newPage();
    page.setDefaultTimeout(10_000);
  });
  afterEach(() => context.close());

  /**
   * From the service's sign-in page, through the provider's login form, back to the service. With `rewrite`,
   * the provider's answer is caught on its way back (the login form's post, then the provider's own redirect,
   * followed by hand) and the browser is sent to the callback URL `rewrite` makes of it instead.
   */
  async function signInAtProvider(login: string, rewrite?: (callback: string) => string): Promise<{ pendingCookie: string }> {
    await page.goto(`${app.baseUrl}/sign-in`);
    await page.click('#sign-in-provider');
    await page.waitForURL(`${provider.issuer}/**`);
    const pendingCookie = (await context.cookies()).find((c) => c.name === 'sj_oidc')?.value ?? '';
    if (rewrite !== undefined) {
      await page.route(
        (url) => url.href.startsWith(`${provider.issuer}/interaction/`),
        async (route) => {
          if (route.request().method() !== 'POST') return route.continue();
          let location = route.request().url();
          let answer = await route.fetch({ maxRedirects: 0 });
          while (answer.status() >= 300 && answer.status() < 400) {
            location = new URL(answer.headers().location, location).href;
            if (location.startsWith(`${app.baseUrl}/sign-in/callback`)) break;
            answer = await context.request.get(location, { maxRedirects: 0 });
          }
          await route.fulfill({ status: 303, headers: { location: rewrite(location) } });
        },
      );
    }
    await page.fill('input[name="login"]', login);
    await page.fill('input[name="password"]', 'anything');
    await page.click('button[type="submit"]');
    await page.waitForURL(`${app.baseUrl}/**`);
    return { pendingCookie };
  }

  const accessible = async (what: string) =>
    expect({ page: what, problems: await seriousAccessibilityProblems(page) }).toEqual({ page: what, problems: [] });

  const signedInAs = () => page.innerText('#signed-in .signed-in__who');

  // the caseload is made on the server; the inbox and the dashboard fill themselves in, then mark the body loaded
  it.each([
    ['entra-cw', '/caseload', 'Signed in as Priya Shah (entra-cw) · Caseworker · north', false],
    ['entra-panel', '/inbox', 'Signed in as Tom Evans (entra-panel) · Inclusion panel · north, south', true],
    ['entra-manager', '/dashboard', 'Signed in as Grace Okafor (entra-manager) · Manager · south', true],
    ['entra-admin', '/dashboard', 'Signed in as Sam Taylor (entra-admin) · Administrator · all areas', true],
  ])('signs %s in through the provider to their home page, with the role and areas its claims give', async (login, home, who, fillsItself) => {
    await signInAtProvider(login);
    expect(new URL(page.url()).pathname).toBe(home);
    expect(await signedInAs()).toBe(who);
    if (fillsItself) await page.waitForSelector('body[data-loaded="true"]');
    await accessible(`${home} for ${login}`);
    await page.screenshot({ path: join(ARTIFACTS, `oidc-home-${login}.png`), fullPage: true });
  });

  it('refuses someone the directory gives no role in this service, saying why', async () => {
    await signInAtProvider('entra-nobody');
    expect(await page.textContent('#sign-in-failure')).toContain('Your council account has no role in send-journeys');
    await accessible('sign-in failed');
    expect((await context.cookies()).some((c) => c.name === 'sj_session')).toBe(false);
  });

  it('signs out here and at the provider, which sends the browser back to the signed-out page', async () => {
    await signInAtProvider('entra-manager');
    await page.click('.signed-in__sign-out button');
    await page.waitForURL(`${provider.issuer}/**`);
    await page.click('button[name="logout"]');
    await page.waitForURL(`${app.baseUrl}/signed-out`);
    expect(await page.textContent('h1')).toBe('You have signed out');
    await accessible('signed out');
    // signed out at the provider too: signing in again asks for the login, rather than passing straight through
    await page.goto(`${app.baseUrl}/sign-in`);
    await page.click('#sign-in-provider');
    await page.waitForSelector('input[name="login"]');
    const audit = await request<{ items: { action: string }[] }>(app.baseUrl, 'GET', '/audit?sub=entra-manager');
    expect(
      audit.body.items
        .map((e) => e.action)
        .filter((a) => a !== 'read')
        .slice(0, 2),
    ).toEqual(['sign-out', 'sign-in']);
  });

  it('refuses an answer whose state was tampered with', async () => {
    await signInAtProvider('entra-cw', (callback) => {
      const url = new URL(callback);
      expect(url.searchParams.get('state')).toMatch(/^[A-Za-z0-9_-]{20,}$/);
      url.searchParams.set('state', 'forged-state');
      return url.href;
    });
    expect(await page.textContent('#sign-in-failure')).toContain('could not be checked, so you were not signed in');
    expect((await context.cookies()).some((c) => c.name === 'sj_session')).toBe(false);
  });

  it('refuses a code replayed after it was used, even with the sign-in cookie it came with', async () => {
    let callbackUrl = '';
    const { pendingCookie } = await signInAtProvider('entra-cw', (callback) => (callbackUrl = callback));
    expect(pendingCookie).not.toBe('');
    expect(new URL(page.url()).pathname).toBe('/caseload');
    expect(callbackUrl).toContain('code=');
    // the same browser: its one-use sign-in cookie is gone
    await page.goto(callbackUrl);
    expect(await page.textContent('#sign-in-failure')).toContain('No sign-in was under way');

    // another browser with a copy of everything, the cookie included: the provider accepts each code once
    const thief = await browser.newContext();
    try {
      await thief.addCookies([{ name: 'sj_oidc', value: pendingCookie, url: `${app.baseUrl}/sign-in` }]);
      const stolen = await thief.newPage();
      await stolen.goto(callbackUrl);
      expect(await stolen.textContent('#sign-in-failure')).toContain('The identity provider refused the sign-in (invalid_grant)');
      expect((await thief.cookies()).some((c) => c.name === 'sj_session')).toBe(false);
    } finally {
      await thief.close();
    }
  });

  it('offers no password form when the provider signs people in', async () => {
    await page.goto(`${app.baseUrl}/sign-in`);
    expect(await page.$('#password')).toBeNull();
    expect(await page.textContent('#sign-in-provider')).toContain('Sign in with your council account');
    await accessible('sign in');
    await page.screenshot({ path: join(ARTIFACTS, 'oidc-sign-in.png'), fullPage: true });
  });
});
