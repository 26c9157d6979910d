import { expect } from '@jest/globals';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { addAccounts, signInWithPassword, TEST_PASSWORD } from '../support/accounts';
import { tokenFor } from '../support/auth';
import { launchChromium } from '../support/browser';
import { startTestApp, type TestApp } from '../support/test-app';
import { NORTH_CHILD, recordTwoAreas } from '../support/two-areas';

/*
 * People signing in with local accounts in headless Chromium, against the real API and worker: each role
 * lands on its own home page and sees only its own navigation; refusals read as a person would read them;
 * the CSRF token and the same-origin rule hold in a real browser.
 */
const TODAY = '2025-06-30';
const ARTIFACTS = join(__dirname, '..', 'artifacts');

const ACCOUNTS = [
  { sub: 'cw-north', name: 'Priya Shah', role: 'caseworker', areas: ['north'] },
  { sub: 'panel-north', name: 'Tom Evans', role: 'panel', areas: ['north'] },
  { sub: 'manager-north', name: 'Grace Okafor', role: 'manager', areas: ['north'] },
  { sub: 'admin', name: 'Sam Taylor', role: 'admin', areas: 'all' },
  { sub: 'cw-gone', name: 'Dana Gone', role: 'caseworker', areas: ['north'], disabled: true },
  { sub: 'cw-forgetful', name: 'Lee Forgetful', role: 'caseworker', areas: ['north'] },
] as const;

describe('people signing in with local accounts, in a browser', () => {
  let app: TestApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let problems: string[];

  beforeAll(async () => {
    app = await startTestApp({ clockToday: TODAY, withWorker: true, env: { SIGN_IN_MAX_ATTEMPTS: '3' } });
    await recordTwoAreas(app);
    await addAccounts(app, ...ACCOUNTS);
    browser = await launchChromium();
  }, 90_000);

  afterAll(async () => {
    await browser.close();
    await app.close();
  });

  beforeEach(async () => {
    problems = [];
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    page.setDefaultTimeout(10_000);
    // script errors and CSP violations; a refused request's own console line is what some tests expect
    page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
    page.on('console', (msg) => {
      if (msg.type() === 'error' && !msg.text().startsWith('Failed to load resource')) problems.push(`console: ${msg.text()}`);
    });
  });

  afterEach(async () => {
    await context.close();
    expect(problems).toEqual([]);
  });

  const navigation = async () => (await page.locator('.govuk-service-navigation__list a').allTextContents()).map((text) => text.trim());
  const signedInAs = () => page.innerText('#signed-in .signed-in__who');
  const loaded = () => page.waitForSelector('body[data-loaded="true"]');
  const errorSummary = () => page.textContent('.govuk-error-summary');

  it("signs a caseworker in to their caseload, showing their children and leading to a child's journey and back", async () => {
    await signInWithPassword(page, app.baseUrl, 'cw-north');
    expect(page.url()).toBe(`${app.baseUrl}/caseload`);
    expect(await signedInAs()).toBe('Signed in as Priya Shah (cw-north) · Caseworker · north');
    expect(await navigation()).toEqual(['My caseload', 'Find a child', 'Inbox']);
    expect((await page.locator('#caseload-table tbody tr td:first-child').allTextContents()).map((text) => text.trim())).toEqual([
      `Robin ${NORTH_CHILD.familyName}`,
    ]);
    await page.screenshot({ path: join(ARTIFACTS, 'home-caseworker.png'), fullPage: true });
    await Promise.all([
      page.waitForURL(`${app.baseUrl}/children/${NORTH_CHILD.childId}`),
      page.click(`#caseload-table a:text("Robin ${NORTH_CHILD.familyName}")`),
    ]);
    expect(await page.textContent('.govuk-back-link')).toBe('Back to your caseload');
    await page.goto(`${app.baseUrl}/inbox`);
    await loaded();
    expect(await page.locator('select#recipient').count()).toBe(1);
    expect(await page.locator('#recipient option').allTextContents()).toEqual(['Your own alerts']);
    expect(await page.locator('#recipient option').getAttribute('value')).toBe('caseworker:cw-north');
  });

  it("opens the panel's inbox on its own area, and answers the dashboard with a 403 page that leads back without signing out", async () => {
    await signInWithPassword(page, app.baseUrl, 'panel-north');
    expect(page.url()).toBe(`${app.baseUrl}/inbox`);
    await loaded();
    expect(await navigation()).toEqual(['Inbox']);
    expect(await signedInAs()).toBe('Signed in as Tom Evans (panel-north) · Inclusion panel · north');
    expect(await page.textContent('#alerts-table')).toContain(NORTH_CHILD.childId);
    await page.screenshot({ path: join(ARTIFACTS, 'home-panel.png'), fullPage: true });
    const refused = await page.goto(`${app.baseUrl}/dashboard`);
    expect(refused?.status()).toBe(403);
    expect(await page.textContent('h1')).toBe('You cannot open this page');
    expect(await page.textContent('#forbidden-reason')).toContain("The managers' dashboard is for managers and administrators");
    await page.screenshot({ path: join(ARTIFACTS, 'forbidden-page.png'), fullPage: true });
    await page.click('#way-back');
    await loaded();
    expect(page.url()).toBe(`${app.baseUrl}/inbox`);
    expect(await page.textContent('#signed-in-name')).toBe('Tom Evans');
  });

  it("shows a manager's dashboard for their areas; a typo in a filter is explained on the page, still signed in", async () => {
    await signInWithPassword(page, app.baseUrl, 'manager-north');
    expect(page.url()).toBe(`${app.baseUrl}/dashboard`);
    await loaded();
    expect(await navigation()).toEqual(['Find a child', 'Inbox', 'Dashboard', 'SEN2 return']);
    expect(await page.textContent('#status')).toBe('Showing your areas (north) as of 30 June 2025.');
    await page.screenshot({ path: join(ARTIFACTS, 'home-manager.png'), fullPage: true });
    await page.fill('#area', 'nrth');
    await page.click('#filters button[type="submit"]');
    await page.waitForSelector('#error:not([hidden])');
    expect(await page.textContent('#error')).toContain('area nrth is not one of your areas (north)');
    await page.goto(`${app.baseUrl}/dashboard?asOf=2025-02-30`);
    await page.waitForSelector('#error:not([hidden])');
    expect(await page.textContent('#error h2')).toBe('There is a problem');
    expect(await page.textContent('#error')).toContain('asOf must be a real date in YYYY-MM-DD format');
    expect(page.url()).toBe(`${app.baseUrl}/dashboard?asOf=2025-02-30`);
    expect(await page.textContent('#signed-in-name')).toBe('Grace Okafor');
  });

  it('shows an admin the dashboard, every inbox, the SEN2 return and the API documentation in the navigation', async () => {
    await signInWithPassword(page, app.baseUrl, 'admin');
    expect(page.url()).toBe(`${app.baseUrl}/dashboard`);
    await loaded();
    expect(await navigation()).toEqual(['Inbox', 'Dashboard', 'SEN2 return', 'API documentation']);
    expect(await signedInAs()).toBe('Signed in as Sam Taylor (admin) · Administrator · all areas');
  });

  it('says a wrong password is not right, without saying whether the user name exists', async () => {
    await signInWithPassword(page, app.baseUrl, 'cw-north', 'not my password');
    expect(await errorSummary()).toContain('The user name or password is not right. Check them and try again.');
    await page.screenshot({ path: join(ARTIFACTS, 'sign-in-wrong-password.png'), fullPage: true });
    await signInWithPassword(page, app.baseUrl, 'nobody-at-all', 'not my password');
    expect(await errorSummary()).toContain('The user name or password is not right. Check them and try again.');
    expect(await page.inputValue('#username')).toBe('nobody-at-all');
    expect(await page.inputValue('#password')).toBe('');
  });

  it('asks for what is missing', async () => {
    await page.goto(`${app.baseUrl}/sign-in`);
    await page.click('#sign-in button[type="submit"]');
    const links = page.locator('.govuk-error-summary__list a');
    expect(await links.allTextContents()).toEqual(['Enter your user name', 'Enter your password']);
    expect([await links.nth(0).getAttribute('href'), await links.nth(1).getAttribute('href')]).toEqual(['#username', '#password']);
  });

  it('tells someone whose account is disabled, once they give its password', async () => {
    await signInWithPassword(page, app.baseUrl, 'cw-gone');
    expect(await errorSummary()).toContain("Your account has been disabled. Ask your service's administrator if you still need it.");
    expect(page.url()).toBe(`${app.baseUrl}/sign-in`);
  });

  it('locks an account after three wrong passwords and says until when', async () => {
    for (const guess of ['first wrong guess', 'second wrong guess']) await signInWithPassword(page, app.baseUrl, 'cw-forgetful', guess);
    await signInWithPassword(page, app.baseUrl, 'cw-forgetful', 'third wrong guess');
    expect(await errorSummary()).toMatch(/You entered a wrong password too many times, so your account is locked until \d\d:\d\d\. Try again then/);
    await page.screenshot({ path: join(ARTIFACTS, 'sign-in-locked.png'), fullPage: true });
    await signInWithPassword(page, app.baseUrl, 'cw-forgetful', TEST_PASSWORD);
    expect(await errorSummary()).toContain('your account is locked until');
  });

  it('refuses a sign-in form posted without its CSRF token', async () => {
    await page.goto(`${app.baseUrl}/sign-in`);
    await page.fill('#username', 'cw-north');
    await page.fill('#password', TEST_PASSWORD);
    await page.locator('input[name="csrfToken"]').evaluate((input) => {
      (input as unknown as { remove(): void }).remove();
    });
    await page.click('#sign-in button[type="submit"]');
    expect(await errorSummary()).toContain('The sign-in page had expired');
    expect((await context.cookies()).some((c) => c.name === 'sj_session')).toBe(false);
  });

  it("refuses the sign-out form and an acknowledgement sent without the session's CSRF token, keeping the person signed in", async () => {
    await signInWithPassword(page, app.baseUrl, 'panel-north');
    await loaded();
    const acknowledge = await page.evaluate(async () => {
      const res = await fetch('/alerts/any-alert/acknowledge', { method: 'POST', credentials: 'same-origin' });
      return { status: res.status, body: (await res.json()) as { details: unknown } };
    });
    expect(acknowledge).toEqual({ status: 403, body: expect.objectContaining({ details: { code: 'CSRF_TOKEN_INVALID' } }) });
    await page.locator('.signed-in__sign-out input[name="csrfToken"]').evaluate((input) => {
      (input as unknown as { value: string }).value = 'forged';
    });
    await page.click('.signed-in__sign-out button');
    expect(await page.textContent('#sign-in-failure')).toContain('you are still signed in');
    await page.goto(`${app.baseUrl}/inbox`);
    expect(await page.textContent('#signed-in-name')).toBe('Tom Evans');
  });

  it("refuses the session cookie on requests from another origin's page (a link and a forged form), and accepts it from the service's own", async () => {
    const alertId = `aid:${NORTH_CHILD.childId}:2024`;
    const alertsPath = '/alerts?recipient=panel:north';
    // another origin on the same host: the same site, so SameSite=Lax lets the browser send the cookie and the server must refuse it
    const other: Server = createServer((_req, res) =>
      res.writeHead(200, { 'content-type': 'text/html' }).end(`<!doctype html><title>another site</title>
        <a id="read" href="${app.baseUrl}${alertsPath}">read the panel's alerts</a>
        <form id="forged" method="post" action="${app.baseUrl}/alerts/${encodeURIComponent(alertId)}/acknowledge"><button>acknowledge</button></form>`),
    );
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    const otherUrl = `http://127.0.0.1:${(other.address() as AddressInfo).port}/`;
    try {
      await signInWithPassword(page, app.baseUrl, 'panel-north');
      await page.goto(otherUrl);
      const [read] = await Promise.all([page.waitForResponse(`${app.baseUrl}${alertsPath}`), page.click('#read')]);
      expect(read.status()).toBe(403);
      expect(await read.request().headerValue('cookie')).toMatch(/sj_session=/);
      expect(await read.json()).toMatchObject({ details: { code: 'CROSS_SITE_REQUEST' } });
      await page.goto(otherUrl);
      const [forged] = await Promise.all([page.waitForResponse((res) => res.url().endsWith('/acknowledge')), page.click('#forged button')]);
      expect(forged.status()).toBe(403);
      expect(await forged.json()).toMatchObject({ details: { code: 'CROSS_SITE_REQUEST' } });
      await page.goto(`${app.baseUrl}/inbox`);
      await loaded();
      const own = await page.evaluate(async (path) => {
        const res = await fetch(path);
        return { status: res.status, body: (await res.json()) as { items: { alertId: string; status: string }[] } };
      }, `${alertsPath}&status=all`);
      expect(own.status).toBe(200);
      expect(own.body.items.find((a) => a.alertId === alertId)?.status).toBe('open');
    } finally {
      await new Promise((resolve) => other.close(resolve));
    }
  });

  it('lets an integrator choose "Authorize" in /docs, paste a bearer token and "Try it out"', async () => {
    const token = await tokenFor(app, { sub: 'reports-bot', role: 'manager', areas: ['north'] });
    await page.goto(`${app.baseUrl}/docs`);
    await page.click('button.authorize');
    await page.fill('.auth-container input', token);
    await page.click('.auth-btn-wrapper button.authorize');
    await page.click('.btn-done');
    await page.click('#operations-managers-ManagersController_clocks .opblock-summary');
    await page.click('#operations-managers-ManagersController_clocks .try-out__btn');
    await page.click('#operations-managers-ManagersController_clocks .execute');
    await page.waitForSelector('#operations-managers-ManagersController_clocks .live-responses-table tbody .response-col_status');
    expect((await page.textContent('#operations-managers-ManagersController_clocks .live-responses-table tbody .response-col_status'))?.trim()).toBe(
      '200',
    );
    expect(await page.textContent('#operations-managers-ManagersController_clocks .curl-command')).toContain('Authorization: Bearer');
  });

  it('signs out, ending the session, and asks to sign in again on the next page', async () => {
    await signInWithPassword(page, app.baseUrl, 'manager-north');
    await loaded();
    await Promise.all([page.waitForURL(`${app.baseUrl}/signed-out`), page.click('.signed-in__sign-out button')]);
    expect(await page.textContent('h1')).toBe('You have signed out');
    await page.goto(`${app.baseUrl}/dashboard`);
    expect(page.url()).toBe(`${app.baseUrl}/sign-in?returnTo=%2Fdashboard`);
    await page.screenshot({ path: join(ARTIFACTS, 'sign-in.png'), fullPage: true });
  });
});
