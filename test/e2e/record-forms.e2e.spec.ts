import { randomUUID } from 'node:crypto';
import { expect } from '@jest/globals';
import { addDays, JOURNEY_EVENT_SCHEMA_VERSIONS, type JourneyEvent } from '@sj/domain';
import { encodeJourneyEvent, journeyStreamId, type EventStore } from '@sj/event-store';
import { JourneyStateCache } from '../../apps/api/src/journey/journey-state-cache';
import { EVENT_FORMS } from '../../apps/api/src/web/forms/event-forms';
import { EVENT_STORE } from '../../apps/shared/src/tokens';
import { addAccounts, signInOverHttp, type SessionCookie } from '../support/accounts';
import { authAs } from '../support/auth';
import { getJourney, recordEvent, type JourneyResponse } from '../support/http';
import { startTestApp, type TestApp } from '../support/test-app';

/*
 * A caseworker records a child's journey through the server-rendered forms, as a browser without JavaScript
 * would: plain form posts with the session cookie and the page's CSRF token. Each story checks the outcome
 * through the API's own journey, so a form that only looked right would fail.
 */
const TODAY = '2025-06-30';

const ACCOUNTS = [
  { sub: 'cw-north', name: 'Priya Shah', role: 'caseworker', areas: ['north'] },
  { sub: 'cw-south', name: 'Ola Bello', role: 'caseworker', areas: ['south'] },
  { sub: 'manager-north', name: 'Grace Okafor', role: 'manager', areas: ['north'] },
] as const;

interface PageAnswer {
  readonly status: number;
  readonly html: string;
  readonly location: string | null;
}

/** The value of a form input (hidden or text) on a page, as the browser would send it back. */
function inputValue(html: string, name: string): string {
  const value = new RegExp(`name="${name}"[^>]*value="([^"]*)"`).exec(html)?.[1];
  if (value === undefined) throw new Error(`no input named ${name} on the page`);
  return value;
}

/** Every input on a page with its attributes (the markup may spread a tag over several lines). */
function inputs(html: string): Record<string, string>[] {
  return [...html.matchAll(/<input\b([^>]*)>/g)].map((tag) =>
    Object.fromEntries([...(tag.at(1) ?? '').matchAll(/([a-z-]+)(?:="([^"]*)")?/g)].map((a) => [a.at(1) ?? '', a.at(2) ?? ''])),
  );
}

/** The value of the radio chosen in a group, if any. */
const checkedRadio = (html: string, name: string) => inputs(html).find((i) => i.name === name && i.type === 'radio' && 'checked' in i);

/** The error summary's links: where each points and what it says. */
function errorSummary(html: string): { href: string; text: string }[] {
  const summary = /<div class="govuk-error-summary"[\s\S]*?<\/ul>/.exec(html)?.[0] ?? '';
  return [...summary.matchAll(/<a href="([^"]+)">([^<]*)<\/a>/g)].map((m) => ({
    href: m.at(1) ?? '',
    text: (m.at(2) ?? '').replace(/&quot;/g, '"'),
  }));
}

const dateParts = (name: string, day: string, month: string, year: string) => ({
  [`${name}-day`]: day,
  [`${name}-month`]: month,
  [`${name}-year`]: year,
});

describe('recording a journey through the forms, without JavaScript', () => {
  let app: TestApp;
  let cw: SessionCookie;

  const get = async (path: string, session: SessionCookie = cw): Promise<PageAnswer> => {
    const res = await fetch(`${app.baseUrl}${path}`, { headers: { cookie: session.cookie }, redirect: 'manual' });
    return { status: res.status, html: await res.text(), location: res.headers.get('location') };
  };
  const post = async (
    path: string,
    fields: Record<string, string>,
    session: SessionCookie = cw,
    csrfToken = session.csrfToken,
  ): Promise<PageAnswer> => {
    const res = await fetch(`${app.baseUrl}${path}`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie: session.cookie, 'content-type': 'application/x-www-form-urlencoded', origin: app.baseUrl },
      body: new URLSearchParams({ csrfToken, ...fields }).toString(),
    });
    return { status: res.status, html: await res.text(), location: res.headers.get('location') };
  };
  const journeyOf = async (childId: string): Promise<JourneyResponse> => (await getJourney(app.baseUrl, childId)).body;

  /** A child registered through the API, ready for the forms to record the next step. */
  const registered = async (childId: string, area = 'north'): Promise<void> => {
    const auth = await authAs(app, 'caseworker', [area], `cw-${area}`);
    const res = await recordEvent(
      app.baseUrl,
      childId,
      {
        type: 'ChildRegistered',
        occurredOn: '2025-03-03',
        data: { givenName: 'Ada', familyName: 'Lovelace', dateOfBirth: '2016-03-14', area, school: 'Oakfield Primary', caseworker: `cw-${area}` },
      },
      auth,
    );
    expect(res.status).toBe(201);
  };

  /** Opens a step's form, answers it, checks the answers and records: the last page's answer. */
  const recordThroughForm = async (childId: string, type: string, answers: Record<string, string>): Promise<PageAnswer> => {
    const form = await get(`/children/${childId}/record/${type}`);
    expect(form.status).toBe(200);
    const eventId = inputValue(form.html, 'eventId');
    const checked = await post(`/children/${childId}/record/${type}`, { eventId, ...answers, step: 'check' });
    expect(checked.status).toBe(200);
    return post(`/children/${childId}/record/${type}`, { eventId, ...answers, step: 'record' });
  };

  beforeAll(async () => {
    app = await startTestApp({ clockToday: TODAY });
    await addAccounts(app, ...ACCOUNTS);
    cw = await signInOverHttp(app.baseUrl, 'cw-north');
  });
  afterAll(() => app.close());

  it('records a referral: the form asks its questions in words, check your answers shows them, and the child page says it is recorded', async () => {
    await registered('ada');
    const form = await get('/children/ada/record/ReferralReceived');
    expect(form.html).toContain('Record a referral');
    expect(form.html).toContain('Date the referral was received');
    expect(form.html).toContain('Autism assessment');
    expect(form.html).toContain('A parent or carer');
    expect(checkedRadio(form.html, 'service')).toBeUndefined();
    const eventId = inputValue(form.html, 'eventId');
    const referralId = inputValue(form.html, 'referralId');
    expect(referralId).toMatch(/^ref-[0-9a-z]{6}$/);

    const answers = { referralId, ...dateParts('occurredOn', '12', '3', '2025'), service: 'autism-assessment', source: 'school' };
    const check = await post('/children/ada/record/ReferralReceived', { eventId, ...answers, step: 'check' });
    expect(check.status).toBe(200);
    expect(check.html).toContain('Check your answers before recording');
    for (const words of ['12 March 2025', 'Autism assessment', 'The school', referralId]) expect(check.html).toContain(words);
    expect(check.html).toContain('name="change" value="service"');
    expect((await journeyOf('ada')).events.map((e) => e.type)).toEqual(['ChildRegistered']);

    const recorded = await post('/children/ada/record/ReferralReceived', { eventId, ...answers, step: 'record' });
    expect(recorded.status).toBe(303);
    expect(recorded.location).toBe('/children/ada?recorded=ReferralReceived');
    const child = await get(recorded.location ?? '');
    expect(child.html).toContain('govuk-notification-banner--success');
    expect(child.html).toContain('Referral recorded');

    const referral = (await journeyOf('ada')).events.find((e) => e.type === 'ReferralReceived');
    expect(referral).toMatchObject({
      eventId,
      occurredOn: '2025-03-12',
      recordedBy: 'cw-north',
      data: { referralId, service: 'autism-assessment', source: 'school' },
    });
  });

  it("lists on the child's page only the steps the order rules allow now, each linked to its form", async () => {
    await registered('bea');
    const before = await get('/children/bea');
    expect(before.html).toContain('href="/children/bea/record/ReferralReceived"');
    expect(before.html).not.toContain('href="/children/bea/record/PreAssessmentStarted"');
    await recordEvent(app.baseUrl, 'bea', {
      type: 'ReferralReceived',
      occurredOn: '2025-04-01',
      data: { referralId: 'r1', service: 'autism-assessment', source: 'gp' },
    });
    const after = await get('/children/bea');
    expect(after.html).toContain('href="/children/bea/record/PreAssessmentStarted"');
    const form = await get('/children/bea/record/PreAssessmentStarted');
    // the one open referral is offered, and chosen, as a radio in words
    expect(checkedRadio(form.html, 'referralId')?.value).toBe('r1');
    expect(form.html).toContain('Referral r1: Autism assessment, received 1 April 2025');
  });

  it('has a form for every step a caseworker records, each asking the date first and no field by its slug', async () => {
    await registered('lou');
    for (const form of Object.values(EVENT_FORMS).filter((f) => f.type !== 'ChildRegistered')) {
      const page = await get(`/children/lou/record/${form.type}`);
      expect([form.type, page.status]).toEqual([form.type, 200]);
      expect(page.html).toContain(`<h1 class="govuk-heading-l">${form.title.replace(/'/g, '&#39;')}</h1>`);
      expect(page.html).toContain('id="occurredOn-day"');
      for (const field of form.fields) expect(page.html).not.toContain(`>${field.name}<`);
    }
    expect((await get('/children/lou/record/NoSuchStep')).status).toBe(404);
  });

  it('returns from check your answers to the question whose "Change" was pressed, with every answer kept', async () => {
    await registered('cai');
    const form = await get('/children/cai/record/ReferralReceived');
    const answers = {
      eventId: inputValue(form.html, 'eventId'),
      referralId: 'ref-cai',
      ...dateParts('occurredOn', '2', '4', '2025'),
      service: 'camhs',
      source: 'gp',
    };
    const back = await post('/children/cai/record/ReferralReceived', { ...answers, change: 'source' });
    expect(back.status).toBe(200);
    expect(back.html).toContain('Record a referral');
    expect(checkedRadio(back.html, 'source')).toMatchObject({ id: 'source-3', value: 'gp', autofocus: '' });
    expect(inputValue(back.html, 'occurredOn-day')).toBe('2');
    expect(inputValue(back.html, 'eventId')).toBe(answers.eventId);
  });

  it('shows an order rule the step breaks (a 422) in the error summary, linked to the date it is about, and records nothing', async () => {
    await registered('dev');
    await recordEvent(app.baseUrl, 'dev', {
      type: 'ReferralReceived',
      occurredOn: '2025-04-10',
      data: { referralId: 'r1', service: 'autism-assessment', source: 'gp' },
    });
    const form = await get('/children/dev/record/PreAssessmentStarted');
    const answers = { eventId: inputValue(form.html, 'eventId'), referralId: 'r1', ...dateParts('occurredOn', '1', '4', '2025') };
    const refused = await post('/children/dev/record/PreAssessmentStarted', { ...answers, step: 'check' });
    expect(refused.status).toBe(422);
    expect(refused.html).toContain('<title>Error: Record that pre-assessment started');
    expect(errorSummary(refused.html)).toEqual([
      {
        href: '#occurredOn-day',
        text: 'Pre-assessment started is dated 1 April 2025, before the referral was received (10 April 2025). A step cannot be dated before the step it follows: check both dates.',
      },
    ]);
    expect(refused.html).toContain('id="occurredOn-error"');
    // a refusal that appears only when recording is shown the same way
    const atRecord = await post('/children/dev/record/PreAssessmentStarted', { ...answers, step: 'record' });
    expect(atRecord.status).toBe(422);
    expect(errorSummary(atRecord.html)[0]?.href).toBe('#occurredOn-day');
    expect((await journeyOf('dev')).events.map((e) => e.type)).toEqual(['ChildRegistered', 'ReferralReceived']);
  });

  it('shows an impossible date (31 February), a 400 from the API’s own rules, against the date, keeping what was typed', async () => {
    await registered('eve');
    const form = await get('/children/eve/record/ReferralReceived');
    const refused = await post('/children/eve/record/ReferralReceived', {
      eventId: inputValue(form.html, 'eventId'),
      referralId: 'ref-eve',
      ...dateParts('occurredOn', '31', '2', '2025'),
      source: 'gp',
      step: 'check',
    });
    expect(refused.status).toBe(400);
    expect(errorSummary(refused.html)).toEqual([
      { href: '#occurredOn-day', text: 'Date the referral was received must be a real date' },
      { href: '#service', text: 'Select an answer to “Which service is the referral to?”' },
    ]);
    expect(inputValue(refused.html, 'occurredOn-day')).toBe('31');
    expect(refused.html).toContain('govuk-input--error');
  });

  it("says an answer's rule in the API's words after the question, e.g. a suspension of 50 school days", async () => {
    await registered('kit');
    const form = await get('/children/kit/record/SuspensionRecorded');
    expect(inputValue(form.html, 'school')).toBe('Oakfield Primary');
    const refused = await post('/children/kit/record/SuspensionRecorded', {
      eventId: inputValue(form.html, 'eventId'),
      ...dateParts('occurredOn', '3', '6', '2025'),
      suspensionId: 'sus-1',
      school: 'Oakfield Primary',
      schoolDays: '50',
      reason: 'bullying',
      step: 'check',
    });
    expect(refused.status).toBe(400);
    expect(errorSummary(refused.html)).toEqual([
      {
        href: '#schoolDays',
        text: 'The answer to “How many school days?” must be a number of school days from 0.5 to 45, in half days (e.g. 1, 2.5)',
      },
    ]);
  });

  it('records once when the same form is submitted twice (the form carries its event id)', async () => {
    await registered('fin');
    const answers = { referralId: 'ref-fin', ...dateParts('occurredOn', '5', '5', '2025'), service: 'portage', source: 'health-visitor' };
    const form = await get('/children/fin/record/ReferralReceived');
    const eventId = inputValue(form.html, 'eventId');
    const first = await post('/children/fin/record/ReferralReceived', { eventId, ...answers, step: 'record' });
    const second = await post('/children/fin/record/ReferralReceived', { eventId, ...answers, step: 'record' });
    expect([first.status, second.status]).toEqual([303, 303]);
    expect((await journeyOf('fin')).events.filter((e) => e.type === 'ReferralReceived')).toHaveLength(1);
  });

  it('finding 1: answers a form from the journey the API holds in memory, so a long history is read once, not on every page', async () => {
    // 300 entries written as another process of the service would, unseen by this one
    const history: JourneyEvent[] = [
      {
        type: 'ChildRegistered',
        occurredOn: '2024-09-02',
        data: { givenName: 'Ada', familyName: 'Long', dateOfBirth: '2016-03-14', area: 'north', school: 'School 0', caseworker: 'cw-north' },
      },
      ...Array.from({ length: 299 }, (_, i): JourneyEvent => ({
        type: 'ChildDetailsChanged',
        occurredOn: addDays('2024-09-02', i + 1),
        data: { school: `School ${i + 1}` },
      })),
    ];
    const eventIds = history.map(() => randomUUID());
    const stream = journeyStreamId('long-history');
    await app.nest.get<EventStore>(EVENT_STORE).append(
      stream,
      history.map((event, i) =>
        encodeJourneyEvent(event, {
          eventId: eventIds[i] ?? '',
          recordedAt: `${TODAY}T09:00:00.000Z`,
          recordedBy: 'cw-north',
          correlationId: 'elsewhere',
          schemaVersion: JOURNEY_EVENT_SCHEMA_VERSIONS[event.type],
        }),
      ),
      'no-stream',
    );
    const journeys = app.nest.get(JourneyStateCache);
    const held = journeys.size;

    const voidPage = await get(`/children/long-history/void/${eventIds[150] ?? ''}`);

    expect(voidPage.status).toBe(200);
    expect(voidPage.html).toContain('School 150');
    // the page folded the history into the API's own journeys, which recording and every later page advance
    expect(journeys.size).toBe(held + 1);
    expect((await journeys.current(stream)).revision).toBe(299);
    const form = await get('/children/long-history/record/ChildDetailsChanged');
    expect(form.status).toBe(200);
    expect(inputValue(form.html, 'school')).toBe('School 299');
    const recorded = await recordThroughForm('long-history', 'ReferralReceived', {
      referralId: 'ref-long',
      ...dateParts('occurredOn', '30', '6', '2025'),
      service: 'camhs',
      source: 'school',
    });
    expect(recorded.status).toBe(303);
    expect((await journeyOf('long-history')).events).toHaveLength(301);
  });

  it('voids an entry with a reason, first showing it in words and what voiding it will undo', async () => {
    await registered('gus');
    await recordThroughForm('gus', 'EhcNeedsAssessmentRequested', {
      requestId: 'q1',
      ...dateParts('occurredOn', '2', '6', '2025'),
      requestedBy: 'parent',
    });
    const request = (await journeyOf('gus')).events.find((e) => e.type === 'EhcNeedsAssessmentRequested');
    const child = await get('/children/gus');
    expect(child.html).toContain(`href="/children/gus/void/${request?.eventId ?? ''}"`);

    const page = await get(`/children/gus/void/${request?.eventId ?? ''}`);
    expect(page.status).toBe(200);
    expect(page.html).toContain('EHC needs assessment requested');
    expect(page.html).toContain('2 June 2025');
    expect(page.html).toContain('A parent or carer');
    // who recorded it, by name as the child's history says, not by user id
    expect(/Recorded by<\/dt>\s*<dd[^>]*>\s*([^<]*?)\s*<\/dd>/.exec(page.html)?.[1]).toBe('Priya Shah');
    const changes = /<table class="govuk-table" id="void-changes">[\s\S]*?<\/table>/.exec(page.html)?.[0] ?? '';
    expect(changes).toContain('Decision whether to assess (q1)');
    expect(changes).toContain('Due soon, due 14 July 2025');
    expect(changes).toContain('No clock');

    const voidEventId = inputValue(page.html, 'voidEventId');
    const noReason = await post(`/children/gus/void/${request?.eventId ?? ''}`, { voidEventId, reason: ' ' });
    expect(noReason.status).toBe(400);
    expect(errorSummary(noReason.html)).toEqual([{ href: '#reason', text: 'Enter why this entry is being voided' }]);

    const voided = await post(`/children/gus/void/${request?.eventId ?? ''}`, { voidEventId, reason: 'Recorded for the wrong child' });
    expect(voided.status).toBe(303);
    expect(voided.location).toBe('/children/gus?recorded=EventVoided');
    expect((await get(voided.location ?? '')).html).toContain('Entry voided');
    const journey = await journeyOf('gus');
    expect(journey.events.find((e) => e.eventId === request?.eventId)).toMatchObject({ voided: true, voidReason: 'Recorded for the wrong child' });
    expect(journey.clocks).toEqual([]);
  });

  it('registers a new child from /children/new with the id suggested, then opens their page', async () => {
    const form = await get('/children/new');
    expect(form.status).toBe(200);
    const childId = inputValue(form.html, 'childId');
    expect(childId).toMatch(/^child-[0-9a-z]{6}$/);
    expect(inputValue(form.html, 'caseworker')).toBe('cw-north');
    const answers = {
      eventId: inputValue(form.html, 'eventId'),
      childId,
      ...dateParts('occurredOn', '1', '6', '2025'),
      givenName: 'Noor',
      familyName: 'Haddad',
      ...dateParts('dateOfBirth', '9', '11', '2017'),
      area: 'north',
      nhsNumber: '943 476 5919',
      upn: '',
      school: 'Hill Academy',
      caseworker: 'cw-north',
    };
    const check = await post('/children/new', { ...answers, step: 'check' });
    expect(check.status).toBe(200);
    for (const words of ['Noor', 'Haddad', '9 November 2017', '1 June 2025', 'Hill Academy']) expect(check.html).toContain(words);
    const recorded = await post('/children/new', { ...answers, step: 'record' });
    expect(recorded.status).toBe(303);
    expect(recorded.location).toBe(`/children/${childId}?recorded=ChildRegistered`);
    expect((await get(recorded.location ?? '')).html).toContain('Child registered');
    expect((await journeyOf(childId)).child).toMatchObject({
      givenName: 'Noor',
      familyName: 'Haddad',
      dateOfBirth: '2017-11-09',
      area: 'north',
      nhsNumber: '9434765919',
      school: 'Hill Academy',
      caseworker: 'cw-north',
    });

    const taken = await post('/children/new', { ...answers, eventId: '6f1f8d3e-2f7a-4e55-9a53-0d3b1f7c9a10', step: 'check' });
    expect(taken.status).toBe(422);
    expect(errorSummary(taken.html)).toEqual([{ href: '#childId', text: 'A child is already registered with this child id. Choose another.' }]);
  });

  it('changes details, recording only what changed, including the SEN2 fields', async () => {
    await registered('hal');
    const form = await get('/children/hal/record/ChildDetailsChanged');
    expect(inputValue(form.html, 'school')).toBe('Oakfield Primary');
    const answers = {
      eventId: inputValue(form.html, 'eventId'),
      ...dateParts('occurredOn', '20', '6', '2025'),
      school: 'Oakfield Primary',
      area: 'north',
      caseworker: 'cw-north',
      sex: 'female',
      ethnicity: 'WBRI',
      postcode: 'ta1  1aa',
      'senNeeds-1': 'ASD',
      'senNeeds-2': 'SLCN',
      'senNeeds-3': '',
    };
    const check = await post('/children/hal/record/ChildDetailsChanged', { ...answers, step: 'check' });
    for (const words of ['Female', 'White: British', 'Primary need: Autism; Secondary need: Speech, language and communication needs'])
      expect(check.html).toContain(words);
    expect((await post('/children/hal/record/ChildDetailsChanged', { ...answers, step: 'record' })).status).toBe(303);
    const change = (await journeyOf('hal')).events.find((e) => e.type === 'ChildDetailsChanged');
    expect(change?.data).toEqual({ sex: 'female', ethnicity: 'WBRI', postcode: 'TA1 1AA', senNeeds: ['ASD', 'SLCN'] });

    // the form now shows the postcode as stored; sent back as it is, nothing differs from what is recorded
    const unchanged = await post('/children/hal/record/ChildDetailsChanged', {
      ...answers,
      postcode: 'TA1 1AA',
      eventId: '0b8c8a52-58a4-4c8e-a3a4-3a3e0e2b7f11',
      step: 'check',
    });
    expect(unchanged.status).toBe(400);
    expect(errorSummary(unchanged.html)).toEqual([
      { href: '#school', text: 'Change at least one detail: every answer is the same as what is recorded now' },
    ]);
  });

  it('explains answers the API refuses taken together (a placement given both a URN and a setting) against the first of them', async () => {
    await registered('jon');
    const form = await get('/children/jon/record/PlacementNamed');
    const refused = await post('/children/jon/record/PlacementNamed', {
      eventId: inputValue(form.html, 'eventId'),
      ...dateParts('occurredOn', '1', '6', '2025'),
      placementId: 'plc-1',
      urn: '123456',
      setting: 'EHE',
      ...dateParts('startedOn', '1', '9', '2025'),
      rank: '1',
      step: 'check',
    });
    expect(refused.status).toBe(400);
    expect(errorSummary(refused.html)).toEqual([{ href: '#urn', text: 'Give only one of a URN, a UKPRN or a kind of setting' }]);
  });

  it('refuses a post without the page’s CSRF token, a manager, and a child of another area, recording nothing', async () => {
    await registered('ivy');
    const form = await get('/children/ivy/record/ReferralReceived');
    const answers = {
      eventId: inputValue(form.html, 'eventId'),
      referralId: 'r9',
      ...dateParts('occurredOn', '1', '6', '2025'),
      service: 'camhs',
      source: 'gp',
    };
    const forged = await post('/children/ivy/record/ReferralReceived', { ...answers, step: 'record' }, cw, 'not-the-token');
    expect(forged.status).toBe(403);
    expect(forged.html).toContain('The form had expired');

    const manager = await signInOverHttp(app.baseUrl, 'manager-north');
    expect((await get('/children/ivy/record/ReferralReceived', manager)).status).toBe(403);
    expect((await post('/children/ivy/record/ReferralReceived', { ...answers, step: 'record' }, manager)).status).toBe(403);

    const south = await signInOverHttp(app.baseUrl, 'cw-south');
    expect((await get('/children/ivy/record/ReferralReceived', south)).status).toBe(404);
    // registering a child id taken in another area says only that the id cannot be used
    const register = await get('/children/new', south);
    const taken = await post(
      '/children/new',
      {
        eventId: inputValue(register.html, 'eventId'),
        childId: 'ivy',
        ...dateParts('occurredOn', '1', '6', '2025'),
        givenName: 'Ivy',
        familyName: 'Other',
        ...dateParts('dateOfBirth', '1', '1', '2016'),
        area: 'south',
        step: 'check',
      },
      south,
    );
    expect(errorSummary(taken.html)).toEqual([{ href: '#childId', text: 'This child id cannot be used. Choose another.' }]);
    expect((await journeyOf('ivy')).events.map((e) => e.type)).toEqual(['ChildRegistered']);
  });

  it('sends someone who is not signed in to sign in first, and back to the form', async () => {
    const res = await fetch(`${app.baseUrl}/children/new`, { redirect: 'manual' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/sign-in?returnTo=%2Fchildren%2Fnew');
  });
});
