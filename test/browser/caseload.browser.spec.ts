import { expect } from '@jest/globals';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { addAccounts, signInWithPassword } from '../support/accounts';
import { authAs } from '../support/auth';
import { seriousAccessibilityProblems } from '../support/axe';
import { launchChromium } from '../support/browser';
import { recordEvent } from '../support/http';
import { startTestApp, type TestApp } from '../support/test-app';
import { NORTH_CHILD, recordTwoAreas, until } from '../support/two-areas';

/*
 * A caseworker's morning in headless Chromium, against the real API and worker: sign in to the caseload, see
 * what is overdue first in words, narrow it with the filters; a manager opens the same caseload to rebalance
 * work. Every page is checked with axe-core and kept as a screenshot.
 */
const TODAY = '2025-06-30';
const ARTIFACTS = join(__dirname, '..', 'artifacts');

const ACCOUNTS = [
  { sub: 'cw-north', name: 'Priya Shah', role: 'caseworker', areas: ['north'] },
  { sub: 'manager-north', name: 'Grace Okafor', role: 'manager', areas: ['north'] },
] as const;

describe("a caseworker's caseload, in a browser", () => {
  let app: TestApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let problems: string[];

  beforeAll(async () => {
    app = await startTestApp({ clockToday: TODAY, withWorker: true });
    await recordTwoAreas(app);
    const cwNorth = await authAs(app, 'caseworker', ['north'], 'cw-north');
    const registered = {
      type: 'ChildRegistered',
      occurredOn: '2025-04-01',
      data: { givenName: 'Ali', familyName: 'Khan', dateOfBirth: '2015-01-01', area: 'north', school: 'Hill Academy', caseworker: 'cw-north' },
    };
    const requested = { type: 'EhcNeedsAssessmentRequested', occurredOn: '2025-05-20', data: { requestId: 'q1', requestedBy: 'parent' } };
    for (const event of [registered, requested]) expect((await recordEvent(app.baseUrl, 'due-tomorrow', event, cwNorth)).status).toBe(201);
    await until('the new child projected', async () => {
      const res = await fetch(`${app.baseUrl}/caseload?clock=decision-to-assess`, { headers: cwNorth });
      return ((await res.json()) as { total: number }).total === 1 ? true : undefined;
    });
    await addAccounts(app, ...ACCOUNTS);
    browser = await launchChromium();
  }, 90_000);

  afterAll(async () => {
    await browser.close();
    await app.close();
  });

  beforeEach(async () => {
    problems = [];
    // axe-core is injected as a script, which the pages' strict CSP would (rightly) refuse
    context = await browser.newContext({ viewport: { width: 1280, height: 900 }, bypassCSP: true });
    page = await context.newPage();
    page.setDefaultTimeout(10_000);
    page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  });

  afterEach(async () => {
    await context.close();
    expect(problems).toEqual([]);
  });

  const rows = async () => (await page.locator('#caseload-table tbody tr td:first-child').allTextContents()).map((text) => text.trim());

  it('shows the caseworker their children, overdue first, with clocks, dates and statuses in words', async () => {
    await signInWithPassword(page, app.baseUrl, 'cw-north');
    expect(page.url()).toBe(`${app.baseUrl}/caseload`);
    expect(await page.textContent('h1')).toBe('My caseload');
    expect(await rows()).toEqual([NORTH_CHILD.childId, 'due-tomorrow']);
    const first = page.locator('#caseload-table tbody tr').first();
    expect(await first.locator('td').nth(3).textContent()).toBe('23 December 2024');
    expect((await first.locator('td').nth(4).textContent())?.trim()).toBe('Overdue');
    expect(await first.locator('td').nth(2).textContent()).toContain('Decision whether to issue a plan, due 23 December 2024');
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
    await page.screenshot({ path: join(ARTIFACTS, 'caseload-caseworker.png'), fullPage: true });
  });

  it('narrows the caseload to what is due in the next 7 days, then to one school', async () => {
    await signInWithPassword(page, app.baseUrl, 'cw-north');
    await page.selectOption('#due', 'this-week');
    await Promise.all([page.waitForURL(/due=this-week/), page.click('button:text("Apply filters")')]);
    expect(await rows()).toEqual(['due-tomorrow']);
    expect((await page.locator('#caseload-table tbody tr td').nth(4).textContent())?.trim()).toBe('Due soon');
    await page.selectOption('#due', '');
    await page.fill('#school', 'north Primary');
    await Promise.all([page.waitForURL(/school=north/), page.click('button:text("Apply filters")')]);
    expect(await rows()).toEqual([NORTH_CHILD.childId]);
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
  });

  it('explains a filter it does not know in an error summary linked to the field', async () => {
    await signInWithPassword(page, app.baseUrl, 'cw-north');
    await page.goto(`${app.baseUrl}/caseload?due=next-year`);
    expect(await page.textContent('.govuk-error-summary')).toContain('due must be this-week or breached');
    expect(await page.getAttribute('.govuk-error-summary__list a', 'href')).toBe('#due');
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
  });

  it("lets a manager open a caseworker's caseload by their user id", async () => {
    await signInWithPassword(page, app.baseUrl, 'manager-north');
    await page.goto(`${app.baseUrl}/caseload`);
    expect(await page.locator('#caseload-empty').count()).toBe(1);
    await page.fill('#caseworker', 'cw-north');
    await Promise.all([page.waitForURL(/caseworker=cw-north/), page.click('button:text("Apply filters")')]);
    expect(await page.textContent('h1')).toBe('Caseload of cw-north');
    expect(await rows()).toEqual([NORTH_CHILD.childId, 'due-tomorrow']);
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
    await page.screenshot({ path: join(ARTIFACTS, 'caseload-manager.png'), fullPage: true });
  });

  it("shows the caseworker the child's page: who the child is, every clock in words, what can be recorded next and who recorded what", async () => {
    await signInWithPassword(page, app.baseUrl, 'cw-north');
    await page.goto(`${app.baseUrl}/children/${NORTH_CHILD.childId}`);
    expect(await page.textContent('h1')).toBe(`Robin ${NORTH_CHILD.familyName}`);
    expect(await page.textContent('#child-details')).toContain('14 March 2016');
    const planDecision = page.locator('#clocks-table tr', { hasText: 'Decision whether to issue a plan' });
    expect((await planDecision.locator('td').allTextContents()).map((t) => t.trim())).toEqual([
      'Decision whether to issue a plan',
      '2 September 2024',
      '23 December 2024',
      'Overdue',
    ]);
    expect(await page.locator('#next-steps li').allTextContents()).toEqual(
      expect.arrayContaining(['Pre-assessment started (for asd-1)', 'Suspension recorded']),
    );
    const registered = page.locator('#history-table tbody tr').first();
    expect((await registered.locator('td').allTextContents()).map((t) => t.trim())).toEqual(['2 September 2024', 'Child registered', 'cw-north']);
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
    await page.screenshot({ path: join(ARTIFACTS, 'child-caseworker.png'), fullPage: true });
  });

  it("shows a manager the child's clocks without the child's name, and a child of another area as not found", async () => {
    await signInWithPassword(page, app.baseUrl, 'manager-north');
    await page.goto(`${app.baseUrl}/children/${NORTH_CHILD.childId}`);
    expect(await page.textContent('h1')).toBe(`Child ${NORTH_CHILD.childId}`);
    expect(await page.textContent('main')).not.toContain(NORTH_CHILD.familyName);
    expect(await page.locator('#clocks-table tbody tr').count()).toBeGreaterThan(0);
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
    const elsewhere = await page.goto(`${app.baseUrl}/children/south-child`);
    expect(elsewhere?.status()).toBe(404);
    expect(await page.textContent('#not-found')).toBe('No child south-child is registered in your areas.');
  });
});
