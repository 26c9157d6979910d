import { expect } from '@jest/globals';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { addAccounts, signInWithPassword } from '../support/accounts';
import { seriousAccessibilityProblems } from '../support/axe';
import { launchChromium } from '../support/browser';
import { getJourney } from '../support/http';
import { startTestApp, type TestApp } from '../support/test-app';

/*
 * A caseworker registers a child and records a referral in headless Chromium, against the real API: the
 * registration form filled in, the referral form answered with the keyboard alone (Tab, typing, arrow keys,
 * Enter), check your answers, and the child's page confirming it. A step out of order shows in the error
 * summary, which takes the focus. Every form page is checked with axe-core and kept as a screenshot.
 */
const TODAY = '2025-06-30';
const ARTIFACTS = join(__dirname, '..', 'artifacts');

describe('recording a step in a browser', () => {
  let app: TestApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let problems: string[];

  beforeAll(async () => {
    app = await startTestApp({ clockToday: TODAY });
    await addAccounts(app, { sub: 'cw-north', name: 'Priya Shah', role: 'caseworker', areas: ['north'] });
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

  /** axe-core finds nothing serious on the page, which is kept as a screenshot. */
  const checked = async (name: string) => {
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
    await page.screenshot({ path: join(ARTIFACTS, `record-${name}.png`), fullPage: true });
  };
  const focusedId = () =>
    page.evaluate(() => (globalThis as unknown as { document: { activeElement: { id: string } | null } }).document.activeElement?.id ?? '');
  /** Presses Tab until the input with this id has the focus, as someone without a mouse would. */
  const tabTo = async (id: string) => {
    for (let presses = 0; presses < 40 && (await focusedId()) !== id; presses++) await page.keyboard.press('Tab');
    expect(await focusedId()).toBe(id);
  };

  it('registers a child, records a referral with the keyboard alone, checks the answers and sees it recorded', async () => {
    await signInWithPassword(page, app.baseUrl, 'cw-north');
    await page.goto(`${app.baseUrl}/children/new`);
    expect(await page.textContent('h1')).toBe('Register a child');
    await checked('register-form');
    const childId = await page.inputValue('#childId');
    await page.fill('#occurredOn-day', '2');
    await page.fill('#occurredOn-month', '6');
    await page.fill('#occurredOn-year', '2025');
    await page.fill('#givenName', 'Noor');
    await page.fill('#familyName', 'Haddad');
    await page.fill('#dateOfBirth-day', '9');
    await page.fill('#dateOfBirth-month', '11');
    await page.fill('#dateOfBirth-year', '2017');
    await page.fill('#school', 'Hill Academy');
    await Promise.all([page.waitForURL(`${app.baseUrl}/children/new`), page.click('button:text("Continue")')]);
    expect(await page.textContent('h1')).toBe('Check your answers before recording');
    expect(await page.textContent('#answers')).toContain('9 November 2017');
    await checked('register-check');
    await Promise.all([page.waitForURL(`${app.baseUrl}/children/${childId}?recorded=ChildRegistered`), page.click('#record')]);
    expect(await page.textContent('#recorded-banner')).toContain('Child registered');
    expect(await page.textContent('h1')).toContain('Noor Haddad');

    await page.click('#next-steps a:text("Referral received")');
    expect(await page.textContent('h1')).toBe('Record a referral');
    await checked('referral-form');
    await tabTo('occurredOn-day');
    await page.keyboard.type('12');
    await page.keyboard.press('Tab');
    await page.keyboard.type('6');
    await page.keyboard.press('Tab');
    await page.keyboard.type('2025');
    await page.keyboard.press('Tab'); // the referral reference, kept as suggested
    await page.keyboard.press('Tab'); // into the services
    expect(await focusedId()).toBe('service');
    await page.keyboard.press('Space'); // autism assessment
    await page.keyboard.press('Tab'); // into who made the referral
    await page.keyboard.press('ArrowDown'); // from "a parent or carer" to "the school"
    await tabTo('continue');
    await Promise.all([page.waitForEvent('load'), page.keyboard.press('Enter')]);
    expect(await page.textContent('h1')).toBe('Check your answers before recording');
    const answers = await page.textContent('#answers');
    for (const words of ['12 June 2025', 'Autism assessment', 'The school']) expect(answers).toContain(words);
    await checked('referral-check');
    await tabTo('record');
    await Promise.all([page.waitForURL(`${app.baseUrl}/children/${childId}?recorded=ReferralReceived`), page.keyboard.press('Enter')]);
    expect(await page.textContent('#recorded-banner')).toContain('Referral recorded');
    await checked('referral-recorded');

    const journey = (await getJourney(app.baseUrl, childId)).body;
    expect(journey.events.map((e) => [e.type, e.occurredOn, e.recordedBy])).toEqual([
      ['ChildRegistered', '2025-06-02', 'cw-north'],
      ['ReferralReceived', '2025-06-12', 'cw-north'],
    ]);
    expect(journey.events[1]?.data).toMatchObject({ service: 'autism-assessment', source: 'school' });
  });

  it('shows a step dated before the step it follows in the error summary, focused and linked to the date', async () => {
    await signInWithPassword(page, app.baseUrl, 'cw-north');
    await page.goto(`${app.baseUrl}/children/new`);
    const childId = await page.inputValue('#childId');
    for (const [id, value] of Object.entries({
      'occurredOn-day': '2',
      'occurredOn-month': '6',
      'occurredOn-year': '2025',
      givenName: 'Ravi',
      familyName: 'Patel',
      'dateOfBirth-day': '1',
      'dateOfBirth-month': '2',
      'dateOfBirth-year': '2016',
    }))
      await page.fill(`#${id}`, value);
    await page.click('button:text("Continue")');
    await Promise.all([page.waitForURL(/recorded=ChildRegistered/), page.click('#record')]);
    await page.goto(`${app.baseUrl}/children/${childId}/record/ReferralReceived`);
    await page.fill('#occurredOn-day', '20');
    await page.fill('#occurredOn-month', '6');
    await page.fill('#occurredOn-year', '2025');
    await page.check('#service'); // autism assessment
    await page.check('#source');
    await page.click('button:text("Continue")');
    await Promise.all([page.waitForURL(/recorded=ReferralReceived/), page.click('#record')]);

    await page.click('#next-steps a:text("Pre-assessment started")');
    await page.fill('#occurredOn-day', '1');
    await page.fill('#occurredOn-month', '6');
    await page.fill('#occurredOn-year', '2025');
    await page.click('button:text("Continue")');
    await page.waitForSelector('.govuk-error-summary');
    expect(await page.textContent('.govuk-error-summary')).toContain('before the referral was received (20 June 2025)');
    expect(await page.getAttribute('.govuk-error-summary__list a', 'href')).toBe('#occurredOn-day');
    expect(
      await page.evaluate(
        () => (globalThis as unknown as { document: { activeElement: { className: string } | null } }).document.activeElement?.className,
      ),
    ).toContain('govuk-error-summary');
    expect(await page.textContent('#occurredOn-error')).toContain('before the referral was received');
    await checked('error-summary');
    await page.click('.govuk-error-summary__list a');
    expect(await focusedId()).toBe('occurredOn-day');
  });

  it('changes the details and voids an entry from the history, the void page saying what it will change', async () => {
    await signInWithPassword(page, app.baseUrl, 'cw-north');
    await page.goto(`${app.baseUrl}/children/new`);
    const childId = await page.inputValue('#childId');
    for (const [id, value] of Object.entries({
      'occurredOn-day': '2',
      'occurredOn-month': '6',
      'occurredOn-year': '2025',
      givenName: 'Maya',
      familyName: 'Jones',
      'dateOfBirth-day': '3',
      'dateOfBirth-month': '4',
      'dateOfBirth-year': '2015',
      school: 'Oak School',
    }))
      await page.fill(`#${id}`, value);
    await page.click('button:text("Continue")');
    await Promise.all([page.waitForURL(/recorded=ChildRegistered/), page.click('#record')]);

    await page.click('#change-details');
    expect(await page.textContent('h1')).toBe("Change the child's details");
    expect(await page.inputValue('#school')).toBe('Oak School');
    await checked('details-form');
    await page.fill('#occurredOn-day', '10');
    await page.fill('#occurredOn-month', '6');
    await page.fill('#occurredOn-year', '2025');
    await page.fill('#school', 'Elm Academy');
    await page.check('#sex');
    await page.selectOption('#senNeeds-1', 'SEMH');
    await page.click('button:text("Continue")');
    expect(await page.textContent('#answers')).toContain('Primary need: Social, emotional and mental health');
    await Promise.all([page.waitForURL(/recorded=ChildDetailsChanged/), page.click('#record')]);
    expect(await page.textContent('#recorded-banner')).toContain('Details changed');
    expect(await page.textContent('#child-details')).toContain('Elm Academy');

    await page.click('#history-table a:text("Void")');
    expect(await page.textContent('h1')).toBe('Void an entry');
    expect(await page.textContent('#void-changes')).toContain('Elm Academy');
    await checked('void-form');
    await page.click('#void');
    expect(await page.textContent('.govuk-error-summary')).toContain('Enter why this entry is being voided');
    await checked('void-error');
    await page.fill('#reason', 'Recorded the wrong school');
    await Promise.all([page.waitForURL(`${app.baseUrl}/children/${childId}?recorded=EventVoided`), page.click('#void')]);
    expect(await page.textContent('#recorded-banner')).toContain('Entry voided');
    expect(await page.textContent('#child-details')).toContain('Oak School');
  });
});
