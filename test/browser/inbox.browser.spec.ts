import { expect } from '@jest/globals';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { addAccounts, signInWithPassword } from '../support/accounts';
import { authAs } from '../support/auth';
import { seriousAccessibilityProblems } from '../support/axe';
import { launchChromium } from '../support/browser';
import { storyPage, tabTo } from '../support/story-page';
import { recordEvent, request } from '../support/http';
import { startTestApp, type TestApp } from '../support/test-app';
import { NORTH_CHILD, recordTwoAreas, until } from '../support/two-areas';

/*
 * The inbox in headless Chromium against the real API and worker. In north, one child has three suspensions this
 * school year (an open Area Inclusion Discussion alert to the panel) and another had three until one was voided
 * (the alert withdrawn). The panel acknowledges by keyboard alone and finds the alert under Acknowledged with who
 * acted and when; every role's inbox passes axe-core and is kept as a screenshot.
 */
const TODAY = '2025-06-30';
const ARTIFACTS = join(__dirname, '..', 'artifacts');
const WITHDRAWN_CHILD = 'voided-third';

describe('the inbox, in a browser', () => {
  let app: TestApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let problems: string[];

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    app = await startTestApp({ clockToday: TODAY, withWorker: true });
    await recordTwoAreas(app);
    await addAccounts(
      app,
      { sub: 'cw-north', name: 'Priya Shah', role: 'caseworker', areas: ['north'] },
      { sub: 'panel-north', name: 'Tom Evans', role: 'panel', areas: ['north'] },
      { sub: 'manager-north', name: 'Grace Okafor', role: 'manager', areas: ['north'] },
      { sub: 'admin-1', name: 'Sam Taylor', role: 'admin', areas: 'all' },
    );
    const cwNorth = await authAs(app, 'caseworker', ['north'], 'cw-north');
    const registered = {
      type: 'ChildRegistered',
      occurredOn: '2024-09-02',
      data: { givenName: 'Sam', familyName: 'Voided', dateOfBirth: '2014-02-02', area: 'north', school: 'Hill Academy', caseworker: 'cw-north' },
    };
    expect((await recordEvent(app.baseUrl, WITHDRAWN_CHILD, registered, cwNorth)).status).toBe(201);
    const third: string[] = [];
    for (const [i, occurredOn] of ['2024-10-01', '2024-11-01', '2024-12-02'].entries()) {
      const data = { suspensionId: `s${i + 1}`, school: 'Hill Academy', schoolDays: 1, reason: 'damage' };
      const res = await recordEvent(app.baseUrl, WITHDRAWN_CHILD, { type: 'SuspensionRecorded', occurredOn, data }, cwNorth);
      expect(res.status).toBe(201);
      third.push(res.body.eventId);
    }
    await until('the third suspension alerts the panel', async () => {
      const open = await request<{ items: { childId: string }[] }>(app.baseUrl, 'GET', '/alerts?recipient=panel:north&status=open&pageSize=500');
      return open.body.items.some((a) => a.childId === WITHDRAWN_CHILD) ? true : undefined;
    });
    const voided = { type: 'EventVoided', occurredOn: '2024-12-03', data: { eventId: third[2] ?? '', reason: 'Recorded for the wrong child' } };
    expect((await recordEvent(app.baseUrl, WITHDRAWN_CHILD, voided, cwNorth)).status).toBe(201);
    await until('the alert withdrawn', async () => {
      const gone = await request<{ items: { childId: string }[] }>(app.baseUrl, 'GET', '/alerts?recipient=panel:north&status=withdrawn&pageSize=500');
      return gone.body.items.some((a) => a.childId === WITHDRAWN_CHILD) ? true : undefined;
    });
    browser = await launchChromium();
  }, 120_000);

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

  const loaded = () => page.waitForSelector('body[data-loaded="true"]', { timeout: 15_000 });
  const row = (childId: string) => page.locator('#alerts-table tbody tr', { hasText: `Child ${childId}` });

  it('lets the panel acknowledge an alert by keyboard alone, moving focus to what changed, then find it under Acknowledged', async () => {
    await signInWithPassword(page, app.baseUrl, 'panel-north');
    expect(page.url()).toBe(`${app.baseUrl}/inbox`);
    await loaded();
    expect(await page.getAttribute('#status-tabs a[aria-current="page"]', 'data-status')).toBe('open');
    const open = row(NORTH_CHILD.childId);
    expect(await open.locator('td').nth(3).textContent()).toBe('3 (threshold of 3 reached)');
    expect(await open.locator('td').nth(2).textContent()).toBe('Threshold of 3 suspensions reached on 13 January 2025');
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
    await page.screenshot({ path: join(ARTIFACTS, 'inbox-panel-open.png'), fullPage: true });

    await tabTo(page, `#alerts-table button[aria-label$="child ${NORTH_CHILD.childId}"]`);
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-acknowledged]:focus');
    expect(await page.textContent('[data-acknowledged]:focus')).toMatch(
      /^Acknowledged by you \(Tom Evans\) on \d{1,2} \w+ \d{4} at \d{1,2}:\d{2}(am|pm)$/,
    );
    expect(await page.textContent('#status')).toBe(`Acknowledged the alert for child ${NORTH_CHILD.childId}. It now shows under Acknowledged.`);
    expect(await seriousAccessibilityProblems(page)).toEqual([]);

    await tabTo(page, '#status-tabs a[data-status="acknowledged"]');
    await Promise.all([page.waitForURL(/status=acknowledged/), page.keyboard.press('Enter')]);
    await loaded();
    expect(await row(NORTH_CHILD.childId).locator('[data-state]').textContent()).toMatch(/^Acknowledged by you \(Tom Evans\) on /);
    expect(await page.locator('#alerts-table button').count()).toBe(0);
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
    await page.screenshot({ path: join(ARTIFACTS, 'inbox-panel-acknowledged.png'), fullPage: true });
  });

  it('shows a withdrawn alert with when and why, and the suspensions that still count', async () => {
    await signInWithPassword(page, app.baseUrl, 'panel-north');
    await page.goto(`${app.baseUrl}/inbox?status=withdrawn`);
    await loaded();
    const withdrawn = row(WITHDRAWN_CHILD);
    expect(await withdrawn.locator('[data-state]').textContent()).toMatch(/^Withdrawn on \d{1,2} \w+ \d{4} at [\d:]+(am|pm): .+/);
    expect(await withdrawn.locator('td').nth(3).textContent()).toBe('2 of 3');
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
    await page.screenshot({ path: join(ARTIFACTS, 'inbox-panel-withdrawn.png'), fullPage: true });
  });

  it("passes axe-core in a caseworker's, a manager's and an administrator's inbox, children named for those who work with them", async () => {
    for (const [sub, path, shot] of [
      ['cw-north', '/inbox', 'inbox-caseworker'],
      ['manager-north', '/inbox', 'inbox-manager'],
      ['admin-1', '/inbox?recipient=panel:north&status=withdrawn', 'inbox-admin'],
    ] as const) {
      await context.clearCookies();
      await signInWithPassword(page, app.baseUrl, sub);
      await page.goto(`${app.baseUrl}${path}`);
      await loaded();
      expect({ sub, problems: await seriousAccessibilityProblems(page) }).toEqual({ sub, problems: [] });
      await page.screenshot({ path: join(ARTIFACTS, `${shot}.png`), fullPage: true });
    }
    expect(await page.locator('#alerts-table tbody a').first().textContent()).toBe('Sam Voided');
  });
});
