import { expect } from '@jest/globals';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { addAccounts, signInWithPassword } from '../support/accounts';
import { seriousAccessibilityProblems } from '../support/axe';
import { launchChromium } from '../support/browser';
import { storyPage } from '../support/story-page';
import { startTestApp, type TestApp } from '../support/test-app';
import { NORTH_CHILD, recordTwoAreas } from '../support/two-areas';

/*
 * A child's page in headless Chromium, signed in as each role that may open it, against the real API and worker:
 * the journey in words, clocks, suspensions against the thresholds and the history with who recorded each entry.
 * Every view passes axe-core and is kept as a screenshot.
 */
const TODAY = '2025-06-30';
const ARTIFACTS = join(__dirname, '..', 'artifacts');
const ACCOUNTS = [
  { sub: 'cw-north', name: 'Priya Shah', role: 'caseworker', areas: ['north'] },
  { sub: 'panel-north', name: 'Tom Evans', role: 'panel', areas: ['north'] },
  { sub: 'manager-north', name: 'Grace Okafor', role: 'manager', areas: ['north'] },
  { sub: 'admin-1', name: 'Sam Taylor', role: 'admin', areas: 'all' },
] as const;

describe("a child's page, in a browser, for every role", () => {
  let app: TestApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let problems: string[];

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    app = await startTestApp({ clockToday: TODAY, withWorker: true });
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
    ({ context, page } = await storyPage(browser, problems));
  });

  afterEach(async () => {
    await context.close();
    expect(problems).toEqual([]);
  });

  const open = async (sub: string): Promise<void> => {
    await signInWithPassword(page, app.baseUrl, sub);
    const res = await page.goto(`${app.baseUrl}/children/${NORTH_CHILD.childId}`);
    expect(res?.status()).toBe(200);
  };
  const cells = async (row: ReturnType<Page['locator']>) => (await row.locator('td').allTextContents()).map((t) => t.replace(/\s+/g, ' ').trim());

  it('shows the caseworker who the child is, where the journey stands, every clock, the suspensions and who recorded what', async () => {
    await open('cw-north');
    expect(await page.textContent('h1')).toContain(`Robin ${NORTH_CHILD.familyName}`);
    expect(await page.textContent('#journey-headline')).toContain(
      'Waiting for a decision whether to issue a plan — due 23 December 2024 (189 days overdue)',
    );
    expect(await page.textContent('#child-details')).toContain('14 March 2016');
    expect(await page.textContent('#child-details')).toContain('Priya Shah');
    const planDecision = page.locator('#clocks-table tr', { hasText: 'Decision whether to issue a plan' });
    expect(await cells(planDecision)).toEqual(['Decision whether to issue a plan', '2 September 2024', '23 December 2024', 'Overdue', 'Still open']);
    expect(await page.textContent('#suspension-count')).toContain('3 suspensions this school year');
    expect(await page.locator('#next-steps li').allTextContents()).toEqual(
      expect.arrayContaining(['Pre-assessment started (for asd-1)', 'Suspension recorded']),
    );
    const registered = await cells(page.locator('#history-table tbody tr').first());
    expect(registered.slice(0, 3)).toEqual([
      '2 September 2024',
      'Child registered in north, at north Primary, with caseworker Priya Shah',
      'Priya Shah',
    ]);
    expect(registered[3]).toMatch(/^\d{1,2} \w+ \d{4} at \d{1,2}:\d{2}(am|pm)$/);
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
    await page.screenshot({ path: join(ARTIFACTS, 'child-caseworker.png'), fullPage: true });
  });

  it("shows the panel the journey and the suspensions of a child its alert names, without the child's name or the steps to record", async () => {
    await open('panel-north');
    expect(await page.textContent('h1')).toContain(`Child ${NORTH_CHILD.childId}`);
    expect(await page.textContent('main')).not.toContain(NORTH_CHILD.familyName);
    expect(await page.textContent('#suspension-trigger')).toBe('Area Inclusion Discussion called for on 13 January 2025');
    expect(await page.locator('#next-step').count()).toBe(0);
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
    await page.screenshot({ path: join(ARTIFACTS, 'child-panel.png'), fullPage: true });
  });

  it("shows a manager the child's clocks without the child's name, and a child of another area as not found", async () => {
    await open('manager-north');
    expect(await page.textContent('h1')).toContain(`Child ${NORTH_CHILD.childId}`);
    expect(await page.textContent('main')).not.toContain(NORTH_CHILD.familyName);
    expect(await page.locator('#clocks-table tbody tr').count()).toBeGreaterThan(0);
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
    await page.screenshot({ path: join(ARTIFACTS, 'child-manager.png'), fullPage: true });
    const elsewhere = await page.goto(`${app.baseUrl}/children/south-child`);
    expect(elsewhere?.status()).toBe(404);
    expect(await page.textContent('#not-found')).toBe('No child south-child is registered in your areas.');
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
  });

  it('draws the journey on a timeline in words for every role, accessible to each', async () => {
    for (const { sub } of ACCOUNTS) {
      await context.clearCookies();
      await signInWithPassword(page, app.baseUrl, sub);
      await page.goto(`${app.baseUrl}/dashboard/children/${NORTH_CHILD.childId}`);
      await page.waitForSelector('body[data-loaded="true"]', { timeout: 15_000 });
      expect(await page.locator('#events-table tbody tr td:nth-child(3)').first().textContent()).toBe('Child registered');
      expect(await page.getAttribute('#child-page', 'href')).toBe(`/children/${NORTH_CHILD.childId}`);
      const named = (await page.textContent('h1'))?.includes(NORTH_CHILD.familyName) ?? false;
      expect({ sub, named }).toEqual({ sub, named: sub === 'cw-north' || sub === 'admin-1' });
      expect({ sub, problems: await seriousAccessibilityProblems(page) }).toEqual({ sub, problems: [] });
      await page.screenshot({ path: join(ARTIFACTS, `journey-timeline-${sub}.png`), fullPage: true });
    }
  });

  it('shows an administrator the whole page, names included', async () => {
    await open('admin-1');
    expect(await page.textContent('h1')).toContain(`Robin ${NORTH_CHILD.familyName}`);
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
    await page.screenshot({ path: join(ARTIFACTS, 'child-admin.png'), fullPage: true });
  });
});
