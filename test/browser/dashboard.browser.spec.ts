import { loadDemoCaseload } from '@sj/demo';
import { SqliteEventStore } from '@sj/event-store';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { addAccounts, signInWithPassword, TEST_PASSWORD } from '../support/accounts';
import { seriousAccessibilityProblems } from '../support/axe';
import { launchChromium } from '../support/browser';
import { recordEvent, request } from '../support/http';
import { startTestApp, type TestApp } from '../support/test-app';

/*
 * The pages in real headless Chromium against the real API and worker (projections and alerts) in one
 * process, over a 300-child demo caseload on a fixed day. One extra child, recorded through the API,
 * gets three suspensions in school year 2024 (so the alert consumer raises an Area Inclusion Discussion
 * for panel:north) and a fourth that is then voided (struck through on the timeline page).
 */
const TODAY = '2025-06-30';

/**
 * What the chart test reads in the page of a chart's figure, its table, its canvas and its Chart.js instance (typed
 * here: the tests compile without the DOM library, which would declare browser globals for the server code too).
 */
interface PageElement {
  readonly id: string;
  readonly tagName: string;
  readonly textContent: string | null;
  readonly ownerDocument: { getElementById(id: string): PageElement | null; createElement(tag: 'canvas'): ChartCanvas };
  getAttribute(name: string): string | null;
  querySelector(selector: string): PageElement | null;
  querySelectorAll(selector: string): { readonly length: number };
}
interface ChartCanvas {
  dataset: Record<string, string | undefined>;
  getAttribute(name: string): string | null;
  width: number;
  height: number;
  toDataURL(): string;
  getContext(kind: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } };
}
interface ChartInstance {
  currentDevicePixelRatio: number;
  chartArea: { left: number; top: number; right: number; bottom: number };
  data: { datasets: { label: string; data: (number | null)[]; reference?: boolean }[] };
}
const ARTIFACTS = join(__dirname, '..', 'artifacts');
const CHILD = 'browser-child';
const ALERT = `aid:${CHILD}:2024`;
const CHARTS = ['waits-histogram', 'waits-trend', 'timeliness-chart', 'clocks-chart', 'triggers-chart'];

async function until<T>(what: string, probe: () => Promise<T | undefined>, ms = 20_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const suspension = (suspensionId: string, occurredOn: string) => ({
  type: 'SuspensionRecorded',
  occurredOn,
  data: { suspensionId, school: 'North Primary 1', schoolDays: 1, reason: 'persistent-disruptive-behaviour' },
});

describe('the dashboard, a journey timeline and the inbox in a browser', () => {
  let dataDir: string;
  let app: TestApp;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];
  /** What beforeAll has started, stopped last-first by afterAll even when a later start failed. */
  const started: (() => Promise<void>)[] = [];

  const loaded = (p: Page) => p.waitForSelector('body[data-loaded="true"]', { timeout: 15_000 });
  const shot = (name: string) => page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    dataDir = mkdtempSync(join(tmpdir(), 'sj-browser-'));
    const store = new SqliteEventStore(join(dataDir, 'events.sqlite'));
    await loadDemoCaseload(store, { seed: 7, children: 300, today: TODAY, recordedAt: () => new Date(`${TODAY}T08:00:00Z`) });
    await store.close();

    app = await startTestApp({ dataDir, clockToday: TODAY, withWorker: true });
    started.push(() => app.close());
    await addAccounts(
      app,
      { sub: 'admin-1', name: 'Sam Taylor', role: 'admin', areas: 'all' },
      { sub: 'manager-north', name: 'Grace Okafor', role: 'manager', areas: ['north'] },
      { sub: 'panel-chair', name: 'Tom Evans', role: 'panel', areas: ['north'] },
      { sub: 'cw-north-1', name: 'Priya Shah', role: 'caseworker', areas: ['north'] },
    );
    const events = [
      {
        type: 'ChildRegistered',
        occurredOn: '2024-09-02',
        data: {
          givenName: 'Robin',
          familyName: 'Browser',
          dateOfBirth: '2013-10-10',
          area: 'north',
          school: 'North Primary 1',
          caseworker: 'cw-north-1',
        },
      },
      suspension('s1', '2024-10-07'),
      suspension('s2', '2024-11-11'),
      suspension('s3', '2025-01-13'),
    ];
    for (const event of events) expect((await recordEvent(app.baseUrl, CHILD, event)).status).toBe(201);
    const fourth = await recordEvent(app.baseUrl, CHILD, suspension('s4', '2025-02-03'));
    const voided = await recordEvent(app.baseUrl, CHILD, {
      type: 'EventVoided',
      occurredOn: '2025-02-04',
      data: { eventId: fourth.body.eventId, reason: 'Recorded twice' },
    });
    expect(voided.status).toBe(201);

    await until('projections to catch up', async () =>
      (await request<{ projections: { caughtUp: boolean } }>(app.baseUrl, 'GET', '/health')).body.projections.caughtUp ? true : undefined,
    );
    await until('the alert consumer to raise the panel alert', async () => {
      const inbox = await request<{ items: { alertId: string }[] }>(app.baseUrl, 'GET', '/alerts?recipient=panel:north&status=open&pageSize=500');
      return inbox.body.items.some((a) => a.alertId === ALERT) ? true : undefined;
    });

    browser = await launchChromium();
    started.push(() => browser.close());
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    // fail a step with Playwright's own message rather than jest's test timeout
    page.setDefaultTimeout(10_000);
    // the pages must run under their CSP with no script error and no failed request
    page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
    page.on('console', (msg) => {
      if (msg.type() === 'error') problems.push(`console: ${msg.text()}`);
    });
  }, 90_000);

  afterAll(async () => {
    for (const stop of started.reverse()) await stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  afterEach(() => {
    expect(problems).toEqual([]);
  });

  it('draws every chart from the API, beside its table and CSV link', async () => {
    // an admin's home page is the dashboard
    await signInWithPassword(page, app.baseUrl, 'admin-1');
    expect(page.url()).toBe(`${app.baseUrl}/dashboard`);
    await loaded(page);
    for (const id of CHARTS) {
      const drawn = await page.$eval(`#${id}`, (figure: PageElement) => {
        const canvas = figure.querySelector('canvas[data-rendered="true"]') as unknown as ChartCanvas | null;
        // the Chart.js instance behind the canvas: its largest plotted value (reference lines left out)
        const chart = canvas
          ? (globalThis as unknown as { Chart: { getChart(c: unknown): ChartInstance | undefined } }).Chart.getChart(canvas)
          : undefined;
        const largest = Math.max(0, ...(chart?.data.datasets ?? []).filter((d) => !d.reference).flatMap((d) => d.data.map((v) => v ?? 0)));
        // pixels actually painted in the plot area in a saturated colour (bars, lines, points; not grey axes or grid)
        let coloured = 0;
        if (canvas && chart) {
          const ratio = chart.currentDevicePixelRatio;
          const { left, top, right, bottom } = chart.chartArea;
          const { data } = canvas.getContext('2d').getImageData(left * ratio, top * ratio, (right - left) * ratio, (bottom - top) * ratio);
          for (let i = 0; i < data.length; i += 4) {
            if (data[i + 3] > 0 && Math.max(data[i], data[i + 1], data[i + 2]) - Math.min(data[i], data[i + 1], data[i + 2]) > 60) coloured += 1;
          }
        }
        const tableId = figure.querySelector('figcaption a')?.getAttribute('href')?.slice(1) ?? '';
        const table = figure.ownerDocument.getElementById(tableId);
        return {
          points: Number(canvas?.dataset.points ?? 0),
          largest,
          coloured,
          // its PNG against a blank canvas of the same size: a drawn chart encodes to more
          encoded: canvas ? canvas.toDataURL().length : 0,
          blank: canvas
            ? Object.assign(figure.ownerDocument.createElement('canvas'), { width: canvas.width, height: canvas.height }).toDataURL().length
            : 0,
          labelledBy: canvas?.getAttribute('aria-labelledby'),
          captionId: figure.querySelector('figcaption')?.id,
          caption: figure.querySelector('figcaption')?.textContent ?? '',
          table: table?.tagName,
          csvOrRows: table?.querySelectorAll('tbody tr').length ?? 0,
        };
      });
      expect({ id, hasPoints: drawn.points > 0, hasData: drawn.largest > 0, table: drawn.table }).toEqual({
        id,
        hasPoints: true,
        hasData: true,
        table: 'TABLE',
      });
      expect({ id, painted: drawn.coloured > 50 }).toEqual({ id, painted: true });
      expect(drawn.encoded).toBeGreaterThan(drawn.blank);
      expect(drawn.labelledBy).toBe(drawn.captionId);
      expect(drawn.caption).toMatch(/\d/);
      expect(drawn.csvOrRows).toBeGreaterThan(0);
      await page.locator(`#${id}`).screenshot({ path: join(ARTIFACTS, `chart-${id}.png`) });
    }
    // the 20-week chart shows plans both with and without exceptions
    expect(
      await page.$$eval('#timeliness-chart canvas', ([c]) =>
        (globalThis as unknown as { Chart: { getChart(c: unknown): ChartInstance | undefined } }).Chart.getChart(c)?.data.datasets.map(
          (d) => d.label,
        ),
      ),
    ).toEqual(['All new plans (including exceptions)', 'Excluding plans with an exception']);
    const csvLinks = await Promise.all((await page.locator('a[data-csv]').all()).map((link) => link.getAttribute('href')));
    expect(csvLinks).toEqual(expect.arrayContaining(['/clocks?status=breached%2Cdue-soon&format=csv', '/reports/timeliness?year=2025&format=csv']));
    expect(await page.textContent('#status')).toBe('Showing all areas as of 30 June 2025.');
    await shot('dashboard-all-areas');
  });

  it('changes the figures when an area is chosen, and keeps the filter in the URL', async () => {
    const before = await page.textContent('#clocks-figures');
    const waitsBefore = await page.textContent('#waits-figures');
    await page.fill('#area', 'north');
    await page.click('#filters button[type="submit"]');
    await loaded(page);
    expect(problems).toEqual([]);
    expect(await page.textContent('#status')).toBe('Showing area north as of 30 June 2025.');
    expect(page.url()).toBe(`${app.baseUrl}/dashboard?area=north&asOf=${TODAY}`);
    expect(await page.textContent('#clocks-figures')).not.toBe(before);
    expect(await page.textContent('#waits-figures')).not.toBe(waitsBefore);
    const areas = [...new Set(await page.locator('#breaches-table tbody tr td:nth-child(2)').allTextContents())];
    expect(areas).toEqual(['north']);
    // a month whose plans were all late shows a 0% sliver, not the empty gap of a month with none
    await page.locator('#timeliness-chart').screenshot({ path: join(ARTIFACTS, 'chart-timeliness-chart-north.png') });
    await shot('dashboard-north');
  });

  it("opens a child's journey timeline from a breach row", async () => {
    const first = page.locator('#breaches-table tbody a').first();
    const childId = await first.textContent();
    await first.click();
    await loaded(page);
    expect(page.url()).toBe(`${app.baseUrl}/dashboard/children/${childId}?asOf=${TODAY}`);
    const svg = page.locator('#journey-timeline svg');
    const timeline = {
      rendered: await svg.getAttribute('data-rendered'),
      clocks: Number(await svg.getAttribute('data-clocks')),
      bars: await svg.locator('.clock-bar.breached').count(),
    };
    expect(timeline.rendered).toBe('true');
    expect(timeline.clocks).toBeGreaterThan(0);
    expect(timeline.bars).toBeGreaterThan(0);
    await shot('journey-from-breach');
  });

  it('strikes through a voided event', async () => {
    await page.goto(`${app.baseUrl}/dashboard/children/${CHILD}`);
    await loaded(page);
    expect(
      await page
        .locator('#events-table tbody tr', { has: page.locator('del') })
        .locator('td:nth-child(3)')
        .allTextContents(),
    ).toEqual(['Suspension recorded']);
    expect(await page.locator('#journey-timeline .event-dot.voided').count()).toBe(1);
    await shot('journey-voided-event');
  });

  it('sends a newcomer to sign in, then back to the dashboard with the figures for their areas', async () => {
    const fresh = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    try {
      await fresh.goto(`${app.baseUrl}/dashboard`);
      expect(fresh.url()).toBe(`${app.baseUrl}/sign-in?returnTo=%2Fdashboard`);
      await fresh.fill('#username', 'manager-north');
      await fresh.fill('#password', TEST_PASSWORD);
      await fresh.click('#sign-in button[type="submit"]');
      await fresh.waitForSelector('#clocks-chart canvas[data-rendered="true"]');
      expect(fresh.url()).toBe(`${app.baseUrl}/dashboard`);
      expect(await fresh.textContent('#signed-in-name')).toBe('Grace Okafor');
      expect(await fresh.textContent('#status')).toBe('Showing your areas (north) as of 30 June 2025.');
      expect(await fresh.isHidden('#error')).toBe(true);
    } finally {
      await fresh.close();
    }
  });

  it('narrows the figures to a caseworker and a clock, says which areas and filters they cover, pages the long tables, and passes axe-core for every role', async () => {
    // axe-core is injected as a script, which the pages' strict CSP would (rightly) refuse
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, bypassCSP: true });
    const admin = await context.newPage();
    admin.setDefaultTimeout(10_000);
    admin.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
    try {
      await signInWithPassword(admin, app.baseUrl, 'admin-1');
      await loaded(admin);
      expect(await admin.textContent('#status')).toBe('Showing all areas as of 30 June 2025.');
      const range = admin.locator('#waits-longest-table-pages [role="status"]');
      expect(await range.textContent()).toMatch(/^Rows 1 to 10 of \d+$/);
      const firstRows = await admin.locator('#waits-longest-table tbody tr').allTextContents();
      await admin.click('#waits-longest-table-pages button:text("Next")');
      expect(await range.textContent()).toMatch(/^Rows 11 to \d+ of \d+$/);
      expect(await admin.locator('#waits-longest-table tbody tr').allTextContents()).not.toEqual(firstRows);
      expect(await seriousAccessibilityProblems(admin)).toEqual([]);

      // the clock and caseworker of the most overdue breach, chosen as a manager would from the lists
      const breach = admin.locator('#breaches-table tbody tr').first();
      const clockName = (await breach.locator('td').nth(1).textContent()) ?? '';
      const caseworker = (await breach.locator('td').nth(5).textContent()) ?? '';
      await admin.selectOption('#clock', { label: clockName });
      await admin.fill('#caseworker', caseworker);
      await admin.click('#filters button[type="submit"]');
      await loaded(admin);
      expect(admin.url()).toMatch(new RegExp(`/dashboard\\?caseworker=${caseworker}&clock=[a-z-]+&asOf=${TODAY}$`));
      expect(await admin.textContent('#status')).toBe(
        `Showing all areas, caseworker ${caseworker}, clock "${clockName}" among the breaches as of 30 June 2025.`,
      );
      expect([...new Set(await admin.locator('#breaches-table tbody tr td:nth-child(3)').allTextContents())]).toEqual([clockName]);
      expect([...new Set(await admin.locator('#breaches-table tbody tr td:nth-child(7)').allTextContents())]).toEqual([caseworker]);
      expect(await seriousAccessibilityProblems(admin)).toEqual([]);
      await admin.screenshot({ path: join(ARTIFACTS, 'dashboard-filtered.png'), fullPage: true });

      // a manager's dashboard, and the refusal a caseworker and the panel meet, pass axe-core too
      for (const [sub, status] of [
        ['manager-north', 200],
        ['cw-north-1', 403],
        ['panel-chair', 403],
      ] as const) {
        await context.clearCookies();
        await signInWithPassword(admin, app.baseUrl, sub);
        const res = await admin.goto(`${app.baseUrl}/dashboard`);
        expect({ sub, status: res?.status() }).toEqual({ sub, status });
        if (status === 200) await loaded(admin);
        expect({ sub, problems: await seriousAccessibilityProblems(admin) }).toEqual({ sub, problems: [] });
        await admin.screenshot({ path: join(ARTIFACTS, `dashboard-${sub}.png`), fullPage: true });
      }
    } finally {
      await context.close();
    }
  });

  it("acknowledges an alert from the panel's inbox as the signed-in person", async () => {
    await page.context().clearCookies();
    await signInWithPassword(page, app.baseUrl, 'panel-chair');
    // the panel's home is its inbox, opened on its own area with nothing to type
    expect(page.url()).toBe(`${app.baseUrl}/inbox`);
    await loaded(page);
    expect(await page.inputValue('#recipient')).toBe('panel:north');
    expect(await page.textContent('#signed-in-name')).toBe('Tom Evans');
    await shot('inbox-before-acknowledging');
    const row = page.locator('#alerts-table tbody tr', { hasText: CHILD });
    await row.getByRole('button', { name: /Acknowledge/ }).click();
    await page.waitForSelector(`[data-acknowledged="${ALERT}"]`);
    expect(await row.textContent()).toMatch(/Acknowledged by you \(Tom Evans\) on \d{1,2} \w+ \d{4} at \d{1,2}:\d{2}(am|pm)/);
    const acknowledged = await request<{ items: { alertId: string; acknowledgedBy: string }[] }>(
      app.baseUrl,
      'GET',
      '/alerts?recipient=panel:north&status=acknowledged&pageSize=500',
    );
    expect(acknowledged.body.items.find((a) => a.alertId === ALERT)).toMatchObject({ acknowledgedBy: 'panel-chair' });
    await shot('inbox-acknowledged');
  });
});
