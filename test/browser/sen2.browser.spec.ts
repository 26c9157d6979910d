import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from '@jest/globals';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { addAccounts, signInWithPassword } from '../support/accounts';
import { seriousAccessibilityProblems } from '../support/axe';
import { launchChromium } from '../support/browser';
import { recordSen2Children } from '../support/sen2-children';
import { storyPage } from '../support/story-page';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * The managers' SEN2 page in headless Chromium, over the seven children of test/support/sen2-children.ts: choose
 * the year, see the module counts beside last year's, the headline figures, the problem list linking to the
 * journey, and download the files. Each state of the page passes axe-core.
 */
const ARTIFACTS = join(__dirname, '..', 'artifacts');

describe('the SEN2 return page in a browser', () => {
  let app: TestApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const problems: string[] = [];

  const loaded = (p: Page) => p.waitForSelector('body[data-loaded="true"]', { timeout: 15_000 });
  const accessible = async (p: Page, what: string) =>
    expect({ page: what, problems: await seriousAccessibilityProblems(p) }).toEqual({ page: what, problems: [] });
  const cells = async (selector: string) => (await page.locator(selector).allTextContents()).map((text) => text.trim());

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    app = await startTestApp({ clockToday: '2026-01-20', env: { SEN2_LA_CODE: '933' } });
    await recordSen2Children(app);
    await addAccounts(
      app,
      { sub: 'manager-north', name: 'Grace Okafor', role: 'manager', areas: ['north'] },
      { sub: 'caseworker-north', name: 'Ali Khan', role: 'caseworker', areas: ['north'] },
    );
    browser = await launchChromium();
    ({ context, page } = await storyPage(browser, problems));
  }, 90_000);

  afterAll(async () => {
    await context.close();
    await browser.close();
    await app.close();
  });

  afterEach(() => {
    expect(problems).toEqual([]);
  });

  it("shows a manager their areas' return for 2025: counts beside 2024's, the figures, and the child with problems linking to the journey", async () => {
    await signInWithPassword(page, app.baseUrl, 'manager-north');
    await page.click('a[href="/dashboard/sen2"]');
    // the first ask starts building the return, and the page shows how far it has got until it asks again
    await page.waitForSelector('#building', { state: 'visible' });
    await accessible(page, 'the return being built');
    await loaded(page);
    expect(await page.inputValue('#year')).toBe('2025');
    expect(await cells('#modules-table tbody tr:first-child > *')).toEqual(['1 Person', '7', '2', '+5']);
    expect(await cells('#figures-table tbody tr:nth-child(3) > *')).toEqual(['New plans issued', '4', '']);
    expect(await page.textContent('#problems-table caption')).toBe('1 child with problems in the 2025 return');
    expect(await page.getAttribute('#problems-table tbody a', 'href')).toBe('/dashboard/children/sen2-no-sex?asOf=2026-01-15');
    expect(await page.textContent('#problems-table tbody')).toContain('Sex is missing');
    await accessible(page, 'the 2025 return and its problem list');
    await page.screenshot({ path: join(ARTIFACTS, 'sen2-return.png'), fullPage: true });
  });

  it('downloads the XML file DfE collects, named for the year', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#downloads a[href*="format=xml"]')]);
    expect(download.suggestedFilename()).toBe('sen2-2025.xml');
  });

  it('shows another year when chosen', async () => {
    await page.selectOption('#year', '2024');
    await Promise.all([page.waitForSelector('body[data-loaded="false"]', { state: 'attached' }), page.click('#filters button[type="submit"]')]);
    await loaded(page);
    expect(page.url()).toBe(`${app.baseUrl}/dashboard/sen2?year=2024`);
    expect(await cells('#modules-table thead th')).toEqual(['Module', '2024', '2023', 'Change']);
    await accessible(page, 'the 2024 return');
  });

  it('answers a caseworker with the way back, not the return', async () => {
    const { context: theirs, page: other } = await storyPage(browser, problems);
    try {
      await signInWithPassword(other, app.baseUrl, 'caseworker-north');
      const res = await other.goto(`${app.baseUrl}/dashboard/sen2`);
      expect(res?.status()).toBe(403);
      expect(await other.textContent('main')).toContain('The SEN2 return is for managers and administrators');
      await accessible(other, "the SEN2 page's answer to a caseworker");
    } finally {
      await theirs.close();
    }
  });
});
