import { expect } from '@jest/globals';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { addAccounts, signInWithPassword } from '../support/accounts';
import { authAs } from '../support/auth';
import { seriousAccessibilityProblems } from '../support/axe';
import { launchChromium } from '../support/browser';
import { storyPage, tabTo } from '../support/story-page';
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
  { sub: 'admin-1', name: 'Sam Taylor', role: 'admin', areas: 'all' },
  { sub: 'panel-north', name: 'Tom Evans', role: 'panel', areas: ['north'] },
] as const;
const NORTH_NAME = `Robin ${NORTH_CHILD.familyName}`;

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
    ({ context, page } = await storyPage(browser, problems));
  });

  afterEach(async () => {
    await context.close();
    expect(problems).toEqual([]);
  });

  const rows = async () => (await page.locator('#caseload-table tbody tr td:first-child').allTextContents()).map((text) => text.trim());

  it('shows the caseworker their children by name, overdue first, with clocks, dates and statuses in words', async () => {
    await signInWithPassword(page, app.baseUrl, 'cw-north');
    expect(page.url()).toBe(`${app.baseUrl}/caseload`);
    expect(await page.textContent('h1')).toBe('My caseload');
    expect(await rows()).toEqual([NORTH_NAME, 'Ali Khan']);
    const first = page.locator('#caseload-table tbody tr').first();
    expect(await first.locator('a').getAttribute('href')).toBe(`/children/${NORTH_CHILD.childId}`);
    expect(await first.locator('td').nth(3).textContent()).toBe('23 December 2024');
    expect((await first.locator('td').nth(4).textContent())?.trim()).toBe('Overdue');
    expect(await first.locator('td').nth(2).textContent()).toContain('Decision whether to issue a plan, due 23 December 2024');
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
    await page.screenshot({ path: join(ARTIFACTS, 'caseload-caseworker.png'), fullPage: true });
  });

  it('pages the caseload with numbered GOV.UK pagination', async () => {
    await signInWithPassword(page, app.baseUrl, 'cw-north');
    await page.goto(`${app.baseUrl}/caseload?pageSize=1`);
    expect(await page.textContent('#caseload-table caption')).toContain('2 children, page 1 of 2');
    expect(await page.getAttribute('.govuk-pagination__item--current a', 'aria-current')).toBe('page');
    expect(await rows()).toEqual([NORTH_NAME]);
    await Promise.all([page.waitForURL(/page=2/), page.click('a[rel="next"]')]);
    expect(await rows()).toEqual(['Ali Khan']);
    expect((await page.textContent('.govuk-pagination__item--current'))?.trim()).toBe('2');
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
    await page.screenshot({ path: join(ARTIFACTS, 'caseload-page-2.png'), fullPage: true });
  });

  it('lets a keyboard-only caseworker filter the caseload and open a child', async () => {
    await signInWithPassword(page, app.baseUrl, 'cw-north');
    await tabTo(page, '#due');
    // on a closed select, the arrow keys change the choice: "Due in the next 7 days" follows "Any time"
    await page.keyboard.press('ArrowDown');
    expect(await page.inputValue('#due')).toBe('this-week');
    await tabTo(page, '.app-caseload-filters button[type="submit"]');
    await Promise.all([page.waitForURL(/due=this-week/), page.keyboard.press('Enter')]);
    expect(await rows()).toEqual(['Ali Khan']);
    await tabTo(page, '#caseload-table tbody a');
    await Promise.all([page.waitForURL(/\/children\/due-tomorrow$/), page.keyboard.press('Enter')]);
    expect(await page.textContent('#journey-headline')).toContain('Waiting for a decision whether to assess — due 1 July 2025');
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
  });

  it('narrows the caseload to what is due in the next 7 days, then to one school', async () => {
    await signInWithPassword(page, app.baseUrl, 'cw-north');
    await page.selectOption('#due', 'this-week');
    await Promise.all([page.waitForURL(/due=this-week/), page.click('button:text("Apply filters")')]);
    expect(await rows()).toEqual(['Ali Khan']);
    expect((await page.locator('#caseload-table tbody tr td').nth(4).textContent())?.trim()).toBe('Due soon');
    await page.selectOption('#due', '');
    await page.fill('#school', 'north Primary');
    await Promise.all([page.waitForURL(/school=north/), page.click('button:text("Apply filters")')]);
    expect(await rows()).toEqual([NORTH_NAME]);
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
  });

  it('explains a filter it does not know in an error summary linked to the field', async () => {
    await signInWithPassword(page, app.baseUrl, 'cw-north');
    await page.goto(`${app.baseUrl}/caseload?due=next-year`);
    expect(await page.textContent('.govuk-error-summary')).toContain('due must be this-week or breached');
    expect(await page.getAttribute('.govuk-error-summary__list a', 'href')).toBe('#due');
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
  });

  it('lets a manager pick a caseworker in their areas and open their caseload, children shown without names', async () => {
    await signInWithPassword(page, app.baseUrl, 'manager-north');
    await page.goto(`${app.baseUrl}/caseload`);
    expect(await page.locator('#caseload-empty').count()).toBe(1);
    expect((await page.locator('#caseworker option').allTextContents()).map((t) => t.trim())).toEqual(['Your own caseload', 'Priya Shah (cw-north)']);
    await page.selectOption('#caseworker', 'cw-north');
    await Promise.all([page.waitForURL(/caseworker=cw-north/), page.click('button:text("Apply filters")')]);
    expect(await page.textContent('h1')).toBe('Caseload of Priya Shah');
    expect(await rows()).toEqual([`Child ${NORTH_CHILD.childId}`, 'Child due-tomorrow']);
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
    await page.screenshot({ path: join(ARTIFACTS, 'caseload-manager.png'), fullPage: true });
  });

  it('passes axe-core for an administrator, and tells the panel the caseload is not theirs', async () => {
    await signInWithPassword(page, app.baseUrl, 'admin-1');
    await page.goto(`${app.baseUrl}/caseload?caseworker=cw-north`);
    expect(await rows()).toEqual([NORTH_NAME, 'Ali Khan']);
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
    await page.screenshot({ path: join(ARTIFACTS, 'caseload-admin.png'), fullPage: true });
    await context.clearCookies();
    await signInWithPassword(page, app.baseUrl, 'panel-north');
    const refused = await page.goto(`${app.baseUrl}/caseload`);
    expect(refused?.status()).toBe(403);
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
    await page.screenshot({ path: join(ARTIFACTS, 'caseload-panel-refused.png'), fullPage: true });
  });
});
