import { expect } from '@jest/globals';
import { loadDemoCaseload } from '@sj/demo';
import { SqliteEventStore } from '@sj/event-store';
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../../apps/api/src/identity/demo-accounts';
import { DEMO_SEED } from '../../apps/worker/src/demo/load-demo';
import { addAccounts } from '../support/accounts';
import { seriousAccessibilityProblems } from '../support/axe';
import { launchChromium } from '../support/browser';
import { pollUntil, storyPage } from '../support/story-page';
import { startTestApp, type TestApp } from '../support/test-app';

/*
 * A caseworker's day in headless Chromium, against the real API and worker over the demo caseload, through the
 * pages alone: Priya Shah (the demo caseworker) signs in to her caseload, finds one of her children by name,
 * registers a new child and records the child's autism referral through to the initial appointment, a request
 * for an EHC needs assessment through to the final plan (one decision first dated before the request, refused
 * against the date), and three suspensions. The inclusion panel, signed in beside her, sees the Area Inclusion
 * Discussion alert; she voids one suspension. After every step the child's page shows the journey in words, the
 * clocks and the suspension count as they now stand. Every kind of page passes axe-core and each step is kept as
 * a screenshot. Where the worker has to catch up (the search index, the caseload, the inbox), the page is
 * reloaded until it shows the change.
 */
const TODAY = '2025-06-30';
const DEMO_CHILDREN = 300;
const ARTIFACTS = join(__dirname, '..', 'artifacts');
/** How long the worker may take to show a change on a loaded machine. */
const WORKER_CATCH_UP_MS = 90_000;
/** How long one page action may take on a loaded machine. */
const ACTION_MS = 30_000;

const demoAccount = (role: string) => {
  const account = DEMO_ACCOUNTS.find((a) => a.role === role);
  if (account === undefined) throw new Error(`the demo has no ${role}`);
  return account;
};
const CASEWORKER = demoAccount('caseworker');
const PANEL = demoAccount('panel');
const NEW_CHILD = { givenName: 'Elsie', familyName: 'Marchbank', school: 'Oakfield Primary' } as const;
const REASON = 'Recorded twice: the school sent the same suspension again';
const NEW_CHILD_NAME = `${NEW_CHILD.givenName} ${NEW_CHILD.familyName}`;

/** One field answered: a date (YYYY-MM-DD, in its day, month and year boxes), a radio, a select or text. */
type Answer =
  | { readonly date: string; readonly question: string }
  | { readonly radio: string; readonly question: string }
  | { readonly select: string; readonly question: string }
  | { readonly text: string; readonly question: string };

describe("a caseworker's day, in a browser", () => {
  let dataDir: string;
  let app: TestApp;
  let browser: Browser;
  /** What beforeAll has started, stopped last-first by afterAll even when a later start failed. */
  const started: (() => Promise<void>)[] = [];
  const problems: string[] = [];
  /** Kinds of page already checked with axe-core: each distinct page once. */
  const checkedPages = new Set<string>();
  let shots = 0;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    // screenshots from an earlier run (which may have taken more steps) would pass for this run's
    for (const old of readdirSync(ARTIFACTS).filter((name) => name.startsWith('caseworker-day-'))) rmSync(join(ARTIFACTS, old));
    dataDir = mkdtempSync(join(tmpdir(), 'sj-day-'));
    const store = new SqliteEventStore(join(dataDir, 'events.sqlite'));
    await loadDemoCaseload(store, { seed: DEMO_SEED, children: DEMO_CHILDREN, today: TODAY, recordedAt: () => new Date(`${TODAY}T08:00:00Z`) });
    await store.close();
    app = await startTestApp({ dataDir, clockToday: TODAY, withWorker: true });
    started.push(() => app.close());
    await addAccounts(app, ...DEMO_ACCOUNTS.map((a) => ({ ...a, password: DEMO_PASSWORD })));
    browser = await launchChromium();
    started.push(() => browser.close());
  }, 180_000);

  afterAll(async () => {
    for (const stop of started.reverse()) await stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** A browser of its own for one person, whose script errors and failed requests fail the story. */
  const newPerson = async (): Promise<Page> => {
    const { context, page } = await storyPage(browser, problems);
    started.push(() => context.close());
    page.setDefaultTimeout(ACTION_MS);
    page.setDefaultNavigationTimeout(ACTION_MS);
    return page;
  };

  /** A named part of the day: a failure says which part it was in. */
  const step = async (name: string, body: () => Promise<void>): Promise<void> => {
    try {
      await body();
    } catch (error) {
      throw new Error(`In "${name}": ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
  };

  /** The page as it is now kept as a screenshot, and (the first time this kind of page is seen) checked with axe-core. */
  const look = async (page: Page, kind: string, shot: string): Promise<void> => {
    if (!checkedPages.has(kind)) {
      checkedPages.add(kind);
      expect({ page: kind, problems: await seriousAccessibilityProblems(page) }).toEqual({ page: kind, problems: [] });
    }
    shots += 1;
    await page.screenshot({ path: join(ARTIFACTS, `caseworker-day-${String(shots).padStart(2, '0')}-${shot}.png`), fullPage: true });
  };

  const heading = (page: Page) => page.getByRole('heading', { level: 1 });
  const text = async (locator: Locator): Promise<string> => ((await locator.textContent()) ?? '').replace(/\s+/g, ' ').trim();

  /** Clicks something that opens another page, and waits for that page. */
  const follow = async (page: Page, target: Locator, url: RegExp | string): Promise<void> => {
    await Promise.all([page.waitForURL(url, { waitUntil: 'load' }), target.click()]);
  };

  /** Opens `url` and reloads it until `shows` finds what the worker has still to catch up with. */
  const reloadUntil = async (page: Page, url: string, what: string, shows: () => Promise<boolean>): Promise<void> => {
    await page.goto(url);
    await pollUntil(
      `${url} showing ${what}`,
      async () => {
        if (await shows()) return true;
        await page.reload();
        return false;
      },
      WORKER_CATCH_UP_MS,
    );
  };

  /** From the service's address to the sign-in page, the person's demo account, and the page their role lands on. */
  const signIn = async (page: Page, user: string, lands: string): Promise<void> => {
    await page.goto(app.baseUrl);
    await heading(page).filter({ hasText: 'Sign in' }).waitFor();
    await look(page, 'sign in', `sign-in-${user}`);
    await page.getByLabel('User name').fill(user);
    await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
    await follow(page, page.getByRole('button', { name: 'Sign in' }), `${app.baseUrl}${lands}`);
  };

  const answer = async (page: Page, a: Answer): Promise<void> => {
    if ('date' in a) {
      const [year = '', month = '', day = ''] = a.date.split('-');
      const group = page.getByRole('group', { name: a.question });
      await group.getByLabel('Day').fill(String(Number(day)));
      await group.getByLabel('Month').fill(String(Number(month)));
      await group.getByLabel('Year').fill(year);
    } else if ('radio' in a) {
      await page.getByRole('group', { name: a.question }).getByLabel(a.radio, { exact: true }).check();
    } else if ('select' in a) {
      await page.getByLabel(a.question, { exact: true }).selectOption({ label: a.select });
    } else {
      await page.getByLabel(a.question, { exact: true }).fill(a.text);
    }
  };

  const continueToCheck = async (page: Page): Promise<void> => {
    await page.getByRole('button', { name: 'Continue' }).click();
    await heading(page).filter({ hasText: 'Check your answers before recording' }).waitFor();
  };

  /** Check your answers, then Record: back on the child's page with the success banner. */
  const recordChecked = async (page: Page, type: string, banner: string): Promise<void> => {
    await follow(page, page.getByRole('button', { name: 'Record', exact: true }), new RegExp(`recorded=${type}$`));
    expect(await text(page.getByRole('alert').filter({ hasText: 'Success' }))).toBe(`Success ${banner}`);
  };

  /** From the child's page: the step as the next-steps list offers it, answered, checked and recorded. */
  const recordStep = async (
    page: Page,
    step: { link: string; type: string; title: string; banner: string; answers: readonly Answer[]; shot: string },
  ): Promise<void> => {
    const offered = page.getByRole('list', { name: 'Record the next step' });
    await follow(page, offered.getByRole('link', { name: step.link, exact: true }), new RegExp(`/record/${step.type}$`));
    expect(await text(heading(page))).toBe(step.title);
    for (const a of step.answers) await answer(page, a);
    await look(page, `form ${step.type}`, `${step.shot}-form`);
    await continueToCheck(page);
    await look(page, `check ${step.type}`, `${step.shot}-check`);
    await recordChecked(page, step.type, step.banner);
  };

  /** What the child's page says now: the journey in words, each clock's status and end, the suspension count. */
  const childPage = async (page: Page) => {
    const clocks: Record<string, string> = {};
    for (const row of await page.locator('#clocks-table tbody tr').all()) {
      const [clock = '', , due = '', status = '', ended = ''] = (await row.locator('td').allTextContents()).map((t) => t.replace(/\s+/g, ' ').trim());
      clocks[clock] = `due ${due}: ${status}${ended === 'Still open' ? '' : `, ${ended}`}`;
    }
    return {
      inWords: await text(page.locator('#journey-headline')),
      clocks,
      suspensions: await text(page.locator('#suspension-count')),
    };
  };

  it('registers a child and records their journey from referral to final plan, three suspensions and a void, seeing each change', async () => {
    const caseworker = await newPerson();
    let childId = '';
    const childUrl = () => `${app.baseUrl}/children/${childId}`;

    await step('sign in as the demo caseworker', async () => {
      await signIn(caseworker, CASEWORKER.sub, '/caseload');
    });

    let demoChild = '';
    await step('open My caseload', async () => {
      const rows = caseworker.locator('#caseload-table tbody tr');
      await reloadUntil(caseworker, `${app.baseUrl}/caseload`, 'the demo children', async () => (await rows.count()) > 0);
      expect(await text(heading(caseworker))).toBe('My caseload');
      demoChild = await text(rows.first().getByRole('link'));
      expect(demoChild).toMatch(/^\S+ \S+/);
      await look(caseworker, 'caseload', 'caseload');
    });

    await step('find a child by name and open their page', async () => {
      await follow(caseworker, caseworker.getByRole('link', { name: 'Find a child' }), /\/children$/);
      await caseworker.getByLabel('Name, NHS number, UPN or child ID').fill(demoChild.toLowerCase());
      await follow(caseworker, caseworker.getByRole('button', { name: 'Search' }), /search=/);
      const found = caseworker.locator('#children-found').getByRole('link', { name: demoChild, exact: true });
      expect(await found.count()).toBeGreaterThan(0);
      await look(caseworker, 'find a child', 'find-child');
      await follow(caseworker, found.first(), /\/children\/[^/?]+$/);
      expect(await text(heading(caseworker))).toBe(demoChild);
      await look(caseworker, 'child', 'demo-child');
    });

    await step('search for the new child, find nobody, and register her', async () => {
      await follow(caseworker, caseworker.getByRole('link', { name: 'Find a child' }), /\/children$/);
      await caseworker.getByLabel('Name, NHS number, UPN or child ID').fill(NEW_CHILD_NAME);
      await follow(caseworker, caseworker.getByRole('button', { name: 'Search' }), /search=/);
      expect(await text(caseworker.locator('#no-children'))).toBe(`No children match “${NEW_CHILD_NAME}” in your areas.`);
      await look(caseworker, 'find a child, nobody found', 'find-nobody');
      await follow(caseworker, caseworker.getByRole('link', { name: 'Register a new child' }), `${app.baseUrl}/children/new`);
      expect(await text(heading(caseworker))).toBe('Register a child');
      childId = await caseworker.getByLabel('Child id').inputValue();
      expect(childId).not.toBe('');
      for (const a of [
        { question: 'Date the child was registered', date: '2025-01-06' },
        { question: 'First name', text: NEW_CHILD.givenName },
        { question: 'Last name', text: NEW_CHILD.familyName },
        { question: 'Date of birth', date: '2016-03-14' },
        { question: 'School or setting (optional)', text: NEW_CHILD.school },
      ])
        await answer(caseworker, a);
      expect(await caseworker.getByLabel('Area', { exact: true }).inputValue()).toBe('north');
      expect(await caseworker.getByLabel('Caseworker (optional)').inputValue()).toBe(CASEWORKER.sub);
      await look(caseworker, 'form ChildRegistered', 'register-form');
      await continueToCheck(caseworker);
      expect(await text(caseworker.locator('#answers'))).toContain('14 March 2016');
      await look(caseworker, 'check ChildRegistered', 'register-check');
      await recordChecked(caseworker, 'ChildRegistered', 'Child registered');
      expect(caseworker.url()).toBe(`${childUrl()}?recorded=ChildRegistered`);
      expect(await text(heading(caseworker))).toBe(NEW_CHILD_NAME);
      expect(await childPage(caseworker)).toEqual({
        inWords: 'Nothing is waiting: no clock is running.',
        clocks: {},
        suspensions: '0 of 3 suspensions this school year',
      });
      await look(caseworker, 'child', 'registered');
    });

    await step('find the new child by name once the search has indexed it', async () => {
      const found = caseworker.locator('#children-found').getByRole('link', { name: NEW_CHILD_NAME, exact: true });
      await reloadUntil(
        caseworker,
        `${app.baseUrl}/children?search=${encodeURIComponent(NEW_CHILD.familyName)}`,
        NEW_CHILD_NAME,
        async () => (await found.count()) === 1,
      );
      await look(caseworker, 'find a child', 'find-new-child');
      await follow(caseworker, found, childUrl());
    });

    await step('record the autism referral', async () => {
      await recordStep(caseworker, {
        link: 'Referral received',
        type: 'ReferralReceived',
        title: 'Record a referral',
        banner: 'Referral recorded',
        answers: [
          { question: 'Date the referral was received', date: '2025-01-13' },
          { question: 'Which service is the referral to?', radio: 'Autism assessment' },
          { question: 'Who made the referral?', radio: 'The school' },
        ],
        shot: 'referral',
      });
      expect(await childPage(caseworker)).toEqual({
        inWords: 'Waiting for the autism assessment to start — due 13 April 2025 (78 days overdue) Overdue',
        clocks: { 'Autism assessment started': 'due 13 April 2025: Overdue' },
        suspensions: '0 of 3 suspensions this school year',
      });
      await look(caseworker, 'child', 'referral-recorded');
    });

    await step('record pre-assessment and the multi-disciplinary triage', async () => {
      await recordStep(caseworker, {
        link: 'Pre-assessment started',
        type: 'PreAssessmentStarted',
        title: 'Record that pre-assessment started',
        banner: 'Pre-assessment start recorded',
        answers: [{ question: 'Date pre-assessment started', date: '2025-01-20' }],
        shot: 'pre-assessment',
      });
      await recordStep(caseworker, {
        link: 'Pre-assessment information received',
        type: 'PreAssessmentInformationReceived',
        title: 'Record pre-assessment information received',
        banner: 'Pre-assessment information recorded',
        answers: [
          { question: 'Date the information was received', date: '2025-02-03' },
          { question: 'Who sent the information?', radio: 'The school' },
        ],
        shot: 'pre-assessment-information',
      });
      await recordStep(caseworker, {
        link: 'Multi-disciplinary triage completed',
        type: 'MdtTriageCompleted',
        title: 'Record the multi-disciplinary triage',
        banner: 'Triage recorded',
        answers: [
          { question: 'Date the triage was completed', date: '2025-02-17' },
          { question: 'What did the triage decide?', radio: 'Accepted for assessment' },
        ],
        shot: 'triage',
      });
      expect((await childPage(caseworker)).clocks).toEqual({ 'Autism assessment started': 'due 13 April 2025: Overdue' });
    });

    await step('record the initial appointment: the autism clock is met', async () => {
      await recordStep(caseworker, {
        link: 'Initial appointment held',
        type: 'InitialAppointmentHeld',
        title: 'Record the initial appointment',
        banner: 'Initial appointment recorded',
        answers: [{ question: 'Date of the appointment', date: '2025-03-24' }],
        shot: 'initial-appointment',
      });
      expect(await childPage(caseworker)).toEqual({
        inWords: 'Nothing is waiting: no clock is running.',
        clocks: { 'Autism assessment started': 'due 13 April 2025: Done in time, Done on 24 March 2025' },
        suspensions: '0 of 3 suspensions this school year',
      });
      expect(await text(caseworker.locator('#waits-table tbody tr'))).toContain('Seen on 24 March 2025, after 70 days');
      await look(caseworker, 'child', 'initial-appointment-recorded');
    });

    await step('record a request for an EHC needs assessment: the 6-week and 20-week clocks start', async () => {
      await recordStep(caseworker, {
        link: 'EHC needs assessment requested',
        type: 'EhcNeedsAssessmentRequested',
        title: 'Record a request for an EHC needs assessment',
        banner: 'Request for an EHC needs assessment recorded',
        answers: [
          { question: 'Date the request was received', date: '2025-03-31' },
          { question: 'Who made the request?', radio: 'A parent or carer' },
        ],
        shot: 'ehc-request',
      });
      const now = await childPage(caseworker);
      expect(now.inWords).toBe('Waiting for a decision whether to assess — due 12 May 2025 (49 days overdue) Overdue');
      expect(now.clocks).toMatchObject({
        'Decision whether to assess': 'due 12 May 2025: Overdue',
        'Final plan issued (20 weeks)': 'due 18 August 2025: On track',
      });
      await look(caseworker, 'child', 'ehc-request-recorded');
    });

    await step('a decision dated before the request is refused against the date, in the error summary', async () => {
      const offered = caseworker.getByRole('list', { name: 'Record the next step' });
      await follow(
        caseworker,
        offered.getByRole('link', { name: 'Decision whether to assess made', exact: true }),
        /\/record\/DecisionToAssessMade$/,
      );
      await answer(caseworker, { question: 'Date the decision was made', date: '2025-03-28' });
      await answer(caseworker, { question: 'Will the council carry out an EHC needs assessment?', radio: 'Yes, the council will assess' });
      const [refused] = await Promise.all([
        caseworker.waitForResponse((res) => res.request().method() === 'POST' && res.url().endsWith('/record/DecisionToAssessMade')),
        caseworker.getByRole('button', { name: 'Continue' }).click(),
      ]);
      expect(refused.status()).toBe(422);
      const summary = caseworker.locator('.govuk-error-summary');
      await summary.waitFor();
      const link = summary.getByRole('link');
      expect(await link.count()).toBe(1);
      expect(await link.getAttribute('href')).toBe('#occurredOn-day');
      const message = await text(link);
      expect(message).toContain('31 March 2025');
      expect(await text(caseworker.locator('#occurredOn-error'))).toBe(`Error: ${message}`);
      expect(await caseworker.title()).toMatch(/^Error: /);
      await look(caseworker, 'form with an error', 'decision-refused');
      await link.click();
      expect(
        await caseworker.evaluate(() => (globalThis as unknown as { document: { activeElement: { id: string } | null } }).document.activeElement?.id),
      ).toBe('occurredOn-day');
    });

    await step('record the decision to assess, correctly dated: the 6-week clock is met', async () => {
      await answer(caseworker, { question: 'Date the decision was made', date: '2025-05-06' });
      await continueToCheck(caseworker);
      await look(caseworker, 'check DecisionToAssessMade', 'decision-check');
      await recordChecked(caseworker, 'DecisionToAssessMade', 'Decision whether to assess recorded');
      const now = await childPage(caseworker);
      expect(now.inWords).toBe('Waiting for a decision whether to issue a plan — due 21 July 2025 On track');
      expect(now.clocks).toMatchObject({
        'Decision whether to assess': 'due 12 May 2025: Done in time, Done on 6 May 2025',
        'Decision whether to issue a plan': 'due 21 July 2025: On track',
        'Final plan issued (20 weeks)': 'due 18 August 2025: On track',
      });
      await look(caseworker, 'child', 'decision-recorded');
    });

    await step('record the draft plan', async () => {
      await recordStep(caseworker, {
        link: 'Draft plan issued',
        type: 'DraftPlanIssued',
        title: 'Record the draft plan',
        banner: 'Draft plan recorded',
        answers: [{ question: 'Date the draft plan was issued', date: '2025-06-02' }],
        shot: 'draft-plan',
      });
      const now = await childPage(caseworker);
      expect(now.inWords).toBe('Waiting for the final plan — due 18 August 2025 On track');
      expect(now.clocks).toMatchObject({
        'Decision whether to issue a plan': 'due 21 July 2025: Done in time, Done on 2 June 2025',
        'Final plan issued (20 weeks)': 'due 18 August 2025: On track',
      });
    });

    await step('record the final plan: the 20-week clock is met and the annual review clock starts', async () => {
      await recordStep(caseworker, {
        link: 'Final plan issued',
        type: 'FinalPlanIssued',
        title: 'Record the final plan',
        banner: 'Final plan recorded',
        answers: [{ question: 'Date the final plan was issued', date: '2025-06-23' }],
        shot: 'final-plan',
      });
      const now = await childPage(caseworker);
      expect(now.inWords).toBe('Waiting for the annual review meeting — due 22 June 2026 On track');
      expect(now.clocks).toMatchObject({
        'Final plan issued (20 weeks)': 'due 18 August 2025: Done in time, Done on 23 June 2025',
        'Annual review meeting': 'due 22 June 2026: On track',
      });
      await look(caseworker, 'child', 'final-plan-recorded');
    });

    await step('record three suspensions: the count reaches the Area Inclusion Discussion threshold', async () => {
      // the third reaches the threshold: the count says so in words of its own, flagged "Threshold reached"
      const counts = [
        /^1 of 3 suspensions this school year$/,
        /^2 of 3 suspensions this school year$/,
        /^3 suspensions this school year\b.*Threshold reached$/,
      ];
      for (const [i, firstDay] of ['2025-06-24', '2025-06-25', '2025-06-27'].entries()) {
        await recordStep(caseworker, {
          link: 'Suspension recorded',
          type: 'SuspensionRecorded',
          title: 'Record a suspension',
          banner: 'Suspension recorded',
          answers: [
            { question: 'Date the suspension started', date: firstDay },
            { question: 'How many school days?', text: '1' },
            { question: 'Reason for the suspension', select: 'Persistent disruptive behaviour' },
          ],
          shot: `suspension-${String(i + 1)}`,
        });
        expect((await childPage(caseworker)).suspensions).toMatch(counts[i] ?? /never/);
      }
      expect(await text(caseworker.locator('#suspension-trigger'))).toBe('Area Inclusion Discussion called for on 27 June 2025');
      expect(await caseworker.locator('#suspensions-table tbody tr').count()).toBe(3);
      await look(caseworker, 'child', 'three-suspensions');
    });

    await step('the panel, signed in beside the caseworker, sees the Area Inclusion Discussion alert in its inbox', async () => {
      const panel = await newPerson();
      await signIn(panel, PANEL.sub, '/inbox');
      const alert = panel.locator('#alerts-table tbody tr').filter({ hasText: `Child ${childId}` });
      await reloadUntil(panel, `${app.baseUrl}/inbox`, `the alert for child ${childId}`, async () => {
        await panel.waitForSelector('body[data-loaded="true"]', { timeout: ACTION_MS });
        return (await alert.count()) === 1;
      });
      const row = await text(alert);
      expect(row).toContain('Area Inclusion Discussion');
      expect(row).toContain('Threshold of 3 suspensions reached on 27 June 2025');
      expect(row).toContain('3 (threshold of 3 reached)');
      expect(row).not.toContain(NEW_CHILD.familyName);
      await look(panel, 'inbox', 'panel-inbox');
    });

    await step('void the second suspension with a reason: the count falls to 2 of 3', async () => {
      await caseworker.goto(childUrl());
      const second = caseworker.locator('#history-table tbody tr').filter({ hasText: 'Suspended from' }).filter({ hasText: '25 June 2025' });
      await follow(caseworker, second.getByRole('link', { name: 'Void this entry' }), /\/void\//);
      expect(await text(heading(caseworker))).toBe('Void an entry');
      expect(await text(caseworker.locator('#void-changes tbody'))).toBe(
        'Suspensions in school year 2024 to 2025 3 (3 school days) 2 (2 school days)',
      );
      await look(caseworker, 'void', 'void-form');
      await caseworker.getByLabel('Why is this entry being voided?').fill(REASON);
      await follow(caseworker, caseworker.getByRole('button', { name: 'Void this entry' }), `${childUrl()}?recorded=EventVoided`);
      expect(await text(caseworker.getByRole('alert').filter({ hasText: 'Success' }))).toBe('Success Entry voided');
      expect((await childPage(caseworker)).suspensions).toBe('2 of 3 suspensions this school year');
      expect(await caseworker.locator('#suspension-trigger').count()).toBe(0);
      expect(await caseworker.locator('#suspensions-table tbody tr').count()).toBe(2);
      const recordedBy = await caseworker.locator('#history-table tbody tr td:nth-child(3)').allTextContents();
      // the registration, five steps of the referral, four of the EHC request, three suspensions and the void: all hers
      expect(recordedBy.map((name) => name.trim())).toEqual(Array.from({ length: 14 }, () => CASEWORKER.name));
      expect(await text(second)).toMatch(
        new RegExp(`Voided by ${CASEWORKER.name} on \\d{1,2} \\w+ \\d{4} at [\\d:]+[ap]m: ${REASON} ${CASEWORKER.name} `),
      );
      await look(caseworker, 'child', 'suspension-voided');
    });

    await step('the new child is on My caseload, with the annual review due', async () => {
      const row = caseworker.locator('#caseload-table tbody tr').filter({ hasText: NEW_CHILD_NAME });
      await reloadUntil(
        caseworker,
        `${app.baseUrl}/caseload?school=${encodeURIComponent(NEW_CHILD.school)}`,
        NEW_CHILD_NAME,
        async () => (await row.count()) === 1,
      );
      expect(await text(row)).toContain('Annual review meeting, due 22 June 2026');
      await look(caseworker, 'caseload', 'caseload-at-the-end');
    });

    expect(problems).toEqual([]);
  }, 600_000);
});
