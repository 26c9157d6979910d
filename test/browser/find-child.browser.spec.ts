import { expect } from '@jest/globals';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { addAccounts, signInWithPassword } from '../support/accounts';
import { authAs } from '../support/auth';
import { seriousAccessibilityProblems } from '../support/axe';
import { launchChromium } from '../support/browser';
import { recordEvent } from '../support/http';
import { startTestApp, type TestApp } from '../support/test-app';
import { NORTH_CHILD, recordTwoAreas, SOUTH_CHILD, until } from '../support/two-areas';

/*
 * A caseworker finds a child in headless Chromium, against the real API and worker: from the navigation to the
 * search, the children found and the child's page; an empty search explained in the error summary; pages of
 * children followed with JavaScript switched off. Every page is checked with axe-core and kept as a screenshot.
 */
const TODAY = '2025-06-30';
const ARTIFACTS = join(__dirname, '..', 'artifacts');
const ACCOUNTS = [{ sub: 'cw-north', name: 'Priya Shah', role: 'caseworker', areas: ['north'] }] as const;
const OKOROS = ['Ada', 'Bola', 'Chidi'];

describe('finding a child, in a browser', () => {
  let app: TestApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let problems: string[];

  beforeAll(async () => {
    app = await startTestApp({ clockToday: TODAY, withWorker: true });
    await recordTwoAreas(app);
    const cwNorth = await authAs(app, 'caseworker', ['north'], 'cw-north');
    for (const [i, givenName] of OKOROS.entries()) {
      const data = {
        givenName,
        familyName: 'Okoro',
        dateOfBirth: `2016-0${String(i + 1)}-15`,
        area: 'north',
        school: 'Hill Academy',
        caseworker: 'cw-north',
      };
      expect(
        (await recordEvent(app.baseUrl, `okoro-${String(i + 1)}`, { type: 'ChildRegistered', occurredOn: '2025-04-01', data }, cwNorth)).status,
      ).toBe(201);
    }
    await until('the children indexed', async () => {
      const res = await fetch(`${app.baseUrl}/children?search=okoro`, { headers: cwNorth });
      return ((await res.json()) as { total: number }).total === 3 ? true : undefined;
    });
    await addAccounts(app, ...ACCOUNTS);
    browser = await launchChromium();
  }, 90_000);

  afterAll(async () => {
    await browser.close();
    await app.close();
  });

  const open = async (javaScriptEnabled: boolean): Promise<void> => {
    problems = [];
    // axe-core is injected as a script, which the pages' strict CSP would (rightly) refuse
    context = await browser.newContext({ viewport: { width: 1280, height: 900 }, bypassCSP: true, javaScriptEnabled });
    page = await context.newPage();
    page.setDefaultTimeout(10_000);
    page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
    await signInWithPassword(page, app.baseUrl, 'cw-north');
  };

  afterEach(async () => {
    await context.close();
    expect(problems).toEqual([]);
  });

  const namesFound = async () => (await page.locator('#children-found tbody tr td:first-child a').allTextContents()).map((text) => text.trim());

  it('takes a caseworker from the navigation to the child they typed the name of, and on to their page', async () => {
    await open(true);
    await Promise.all([page.waitForURL(/\/children$/), page.click('.govuk-service-navigation__link:text("Find a child")')]);
    expect(await page.textContent('h1')).toBe('Find a child');
    expect((await page.textContent('label[for="search"]'))?.trim()).toBe('Name, NHS number, UPN or child ID');
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
    await page.screenshot({ path: join(ARTIFACTS, 'find-child-caseworker.png'), fullPage: true });

    await page.fill('#search', `${NORTH_CHILD.familyName.toUpperCase()} robin`);
    await Promise.all([page.waitForURL(/search=/), page.click('button:text("Search")')]);
    expect(await namesFound()).toEqual([`Robin ${NORTH_CHILD.familyName}`]);
    expect(await page.textContent('#children-found caption')).toContain('1 child found');
    expect(await page.locator('#children-found tbody tr').first().textContent()).toContain('north');
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
    await page.screenshot({ path: join(ARTIFACTS, 'find-child-found.png'), fullPage: true });

    await Promise.all([page.waitForURL(new RegExp(`/children/${NORTH_CHILD.childId}$`)), page.click(`a:text("Robin ${NORTH_CHILD.familyName}")`)]);
    expect(await page.textContent('h1')).toContain(NORTH_CHILD.familyName);
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
  });

  it('says no child matches for a child of another area, and explains an empty search against the box', async () => {
    await open(true);
    await page.goto(`${app.baseUrl}/children?search=${SOUTH_CHILD.familyName}`);
    expect((await page.textContent('#no-children'))?.trim()).toBe(`No children match “${SOUTH_CHILD.familyName}” in your areas.`);
    await Promise.all([page.waitForURL(/\/children\/new$/), page.click('#register-child a')]);
    expect(await page.textContent('h1')).toContain('Register');
    await page.goBack();

    await page.fill('#search', '');
    const [answer] = await Promise.all([page.waitForResponse(/\/children\?search=$/), page.click('button:text("Search")')]);
    expect(answer.status()).toBe(400);
    expect((await page.textContent('.govuk-error-summary__list a'))?.trim()).toBe('Enter a name, NHS number, UPN or child ID to search for');
    expect(await page.getAttribute('.govuk-error-summary__list a', 'href')).toBe('#search');
    expect((await page.textContent('#search-error'))?.trim()).toBe('Error: Enter a name, NHS number, UPN or child ID to search for');
    expect(await page.title()).toMatch(/^Error: Find a child/);
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
    await page.screenshot({ path: join(ARTIFACTS, 'find-child-error.png'), fullPage: true });
  });

  it('searches and pages through the children found with JavaScript switched off', async () => {
    await open(false);
    await page.goto(`${app.baseUrl}/children`);
    await page.fill('#search', 'okoro');
    await Promise.all([page.waitForURL(/search=okoro/), page.click('button:text("Search")')]);
    expect(await namesFound()).toEqual(OKOROS.map((given) => `${given} Okoro`));

    await page.goto(`${app.baseUrl}/children?search=okoro&pageSize=1`);
    expect(await namesFound()).toEqual(['Ada Okoro']);
    expect(await page.getAttribute('.govuk-pagination__item--current a', 'aria-current')).toBe('page');
    await Promise.all([page.waitForURL(/page=2/), page.click('a[rel="next"]')]);
    expect(await namesFound()).toEqual(['Bola Okoro']);
    expect(await page.inputValue('#search')).toBe('okoro');
  });

  it('shows pages of children with the GOV.UK pagination, accessible', async () => {
    await open(true);
    await page.goto(`${app.baseUrl}/children?search=okoro&pageSize=1&page=2`);
    expect(await namesFound()).toEqual(['Bola Okoro']);
    expect((await page.locator('.govuk-pagination__list a').allTextContents()).map((text) => text.trim())).toEqual(['1', '2', '3']);
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
    await page.screenshot({ path: join(ARTIFACTS, 'find-child-page-2.png'), fullPage: true });
  });
});
