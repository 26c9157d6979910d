import { expect } from '@jest/globals';
import type { Caseload } from '../../apps/api/src/web/caseload';
import { addAccounts, signInOverHttp } from '../support/accounts';
import { authAs } from '../support/auth';
import { recordEvent, request, type ErrorBody, type ValidationErrorBody } from '../support/http';
import { startTestApp, type TestApp } from '../support/test-app';
import { NORTH_CHILD, recordTwoAreas, SOUTH_CHILD, until } from '../support/two-areas';

const TODAY = '2025-06-30';

/*
 * GET /caseload for scripts: a caseworker's children with open clocks, most urgent first, from the read models
 * the worker projects. Besides one child per area (an annual review and an autism assessment running), cw-north
 * has a child whose decision to assess is overdue and one whose decision is due tomorrow.
 */
describe("a caseworker's caseload as JSON", () => {
  let app: TestApp;
  let cwNorth: Record<string, string>;

  const caseload = (query: string, headers: Record<string, string> = cwNorth) =>
    request<Caseload>(app.baseUrl, 'GET', `/caseload${query}`, { headers });

  beforeAll(async () => {
    app = await startTestApp({ clockToday: TODAY, withWorker: true });
    await recordTwoAreas(app);
    cwNorth = await authAs(app, 'caseworker', ['north'], 'cw-north');
    const requests = [
      { childId: 'overdue-decision', requestedOn: '2025-05-01', school: 'Hill Academy' },
      { childId: 'due-tomorrow', requestedOn: '2025-05-20', school: 'north Primary' },
    ];
    for (const { childId, requestedOn, school } of requests) {
      const registered = {
        type: 'ChildRegistered',
        occurredOn: '2025-04-01',
        data: { givenName: 'Ali', familyName: 'Khan', dateOfBirth: '2015-01-01', area: 'north', school, caseworker: 'cw-north' },
      };
      const requested = { type: 'EhcNeedsAssessmentRequested', occurredOn: requestedOn, data: { requestId: 'q1', requestedBy: 'parent' } };
      for (const event of [registered, requested]) expect((await recordEvent(app.baseUrl, childId, event, cwNorth)).status).toBe(201);
    }
    await until('the new children projected', async () => ((await caseload('')).body.total === 3 ? true : undefined));
  });
  afterAll(() => app.close());

  it("lists the caseworker's children most urgent first, each with its open clocks, next due date and status", async () => {
    const res = await caseload('');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ caseworker: 'cw-north', asOf: TODAY, page: 1, total: 3 });
    expect(res.body.items.map((c) => [c.childId, c.status, c.nextDueOn])).toEqual([
      [NORTH_CHILD.childId, 'breached', '2024-12-23'],
      ['overdue-decision', 'breached', '2025-06-12'],
      ['due-tomorrow', 'due-soon', '2025-07-01'],
    ]);
    expect(res.body.items[1]?.openClocks).toEqual([
      { clock: 'decision-to-assess', key: 'q1', dueOn: '2025-06-12', status: 'breached', daysOverdue: 18 },
      { clock: 'final-plan', key: 'q1', dueOn: '2025-09-18', status: 'running', daysOverdue: 0 },
    ]);
    expect(res.body.items[0]?.openClocks.map((c) => c.clock)).toEqual(['plan-decision', 'autism-assessment-start', 'annual-review']);
  });

  it('filters to what is overdue, what is due this week, one clock or one school', async () => {
    const ids = async (query: string) => (await caseload(query)).body.items.map((c) => c.childId);
    expect(await ids('?due=breached')).toEqual([NORTH_CHILD.childId, 'overdue-decision']);
    expect(await ids('?due=this-week')).toEqual(['due-tomorrow']);
    expect(await ids('?clock=annual-review')).toEqual([NORTH_CHILD.childId]);
    expect(await ids('?school=Hill%20Academy')).toEqual(['overdue-decision']);
  });

  it('pages the list, counting every child that matches', async () => {
    const res = await caseload('?pageSize=1&page=2');
    expect(res.body).toMatchObject({ page: 2, pageSize: 1, total: 3 });
    expect(res.body.items.map((c) => c.childId)).toEqual(['overdue-decision']);
  });

  it("lets a manager open a caseworker's caseload in the manager's areas only", async () => {
    const northManager = await authAs(app, 'manager', ['north'], 'manager-north');
    expect((await caseload('?caseworker=cw-north', northManager)).body.total).toBe(3);
    const southManager = await authAs(app, 'manager', ['south'], 'manager-south');
    expect((await caseload('?caseworker=cw-north', southManager)).body.total).toBe(0);
    expect((await caseload('?caseworker=cw-south', southManager)).body.items.map((c) => c.childId)).toEqual([SOUTH_CHILD.childId]);
  });

  it("lets a manager narrow the breaches and clocks due soon to one caseworker's children, as the dashboard asks", async () => {
    const northManager = await authAs(app, 'manager', ['north'], 'manager-north');
    const res = await request<{ items: { childId: string; caseworker: string }[] }>(
      app.baseUrl,
      'GET',
      '/clocks?caseworker=cw-north&status=breached,due-soon&pageSize=500',
      { headers: northManager },
    );
    expect(res.status).toBe(200);
    expect([...new Set(res.body.items.map((c) => c.childId))].sort()).toEqual(['due-tomorrow', NORTH_CHILD.childId, 'overdue-decision']);
    expect(new Set(res.body.items.map((c) => c.caseworker))).toEqual(new Set(['cw-north']));
  });

  it("refuses a caseworker another caseworker's caseload, and the panel any", async () => {
    const res = await request<ErrorBody>(app.baseUrl, 'GET', '/caseload?caseworker=cw-south', { headers: cwNorth });
    expect(res.status).toBe(403);
    const panel = await authAs(app, 'panel', ['north']);
    expect((await request(app.baseUrl, 'GET', '/caseload', { headers: panel })).status).toBe(403);
  });

  it('refuses a filter it does not know, naming it', async () => {
    const res = await request<ValidationErrorBody>(app.baseUrl, 'GET', '/caseload?due=next-year', { headers: cwNorth });
    expect(res.status).toBe(400);
    expect(res.body.details).toEqual([expect.objectContaining({ field: 'due' })]);
  });

  it('answers JSON to a script without a token with 401, and a browser with the way to sign in', async () => {
    expect((await request(app.baseUrl, 'GET', '/caseload', { headers: { Authorization: '', Accept: 'application/json' } })).status).toBe(401);
    const page = await fetch(`${app.baseUrl}/caseload`, { headers: { Accept: 'text/html' }, redirect: 'manual' });
    expect(page.status).toBe(303);
    expect(page.headers.get('location')).toBe('/sign-in?returnTo=%2Fcaseload');
  });

  it('writes each caseload read to the audit log with the children it named', async () => {
    await caseload('?due=breached');
    const audit = await request<{ items: { route: string; childIds?: string[] }[] }>(app.baseUrl, 'GET', '/audit?sub=cw-north&pageSize=100');
    expect(audit.body.items).toEqual(
      expect.arrayContaining([expect.objectContaining({ route: 'GET /caseload?due=breached', childIds: [NORTH_CHILD.childId, 'overdue-decision'] })]),
    );
  });
});

/*
 * The child's page a caseworker works from, rendered on the server: read here as the HTML a browser receives,
 * with its markup taken out, so each story checks the words a person reads.
 */
describe("a child's page, server-rendered", () => {
  let app: TestApp;
  let cwNorth: Record<string, string>;

  /** The page's words (markup out, spaces collapsed) for a person signed in with a password. */
  const pageText = async (sub: string, path: string): Promise<{ status: number; text: string }> => {
    const { cookie } = await signInOverHttp(app.baseUrl, sub);
    const res = await fetch(`${app.baseUrl}${path}`, { headers: { cookie, accept: 'text/html' } });
    const text = (await res.text())
      .replace(/<[^>]+>/g, ' ')
      .replace(/&#39;/g, "'")
      .replace(/&amp;/g, '&')
      .replace(/\s+/g, ' ');
    return { status: res.status, text };
  };

  beforeAll(async () => {
    app = await startTestApp({ clockToday: TODAY, withWorker: true });
    await recordTwoAreas(app);
    await addAccounts(
      app,
      { sub: 'cw-north', name: 'Priya Shah', role: 'caseworker', areas: ['north'] },
      { sub: 'manager-north', name: 'Grace Okafor', role: 'manager', areas: ['north'] },
      { sub: 'panel-north', name: 'Tom Evans', role: 'panel', areas: ['north'] },
      { sub: 'admin-1', name: 'Sam Taylor', role: 'admin', areas: 'all' },
    );
    cwNorth = await authAs(app, 'caseworker', ['north'], 'cw-north');
    const events = [
      {
        type: 'ChildRegistered',
        occurredOn: '2025-04-01',
        data: { givenName: 'Ali', familyName: 'Khan', dateOfBirth: '2015-01-01', area: 'north', school: 'Hill Academy', caseworker: 'cw-north' },
      },
      { type: 'EhcNeedsAssessmentRequested', occurredOn: '2025-05-20', data: { requestId: 'q1', requestedBy: 'parent' } },
      {
        type: 'SuspensionRecorded',
        occurredOn: '2025-04-10',
        data: { suspensionId: 's1', school: 'Hill Academy', schoolDays: 1.5, reason: 'persistent-disruptive-behaviour' },
      },
      { type: 'SuspensionRecorded', occurredOn: '2025-05-12', data: { suspensionId: 's2', school: 'Hill Academy', schoolDays: 2, reason: 'damage' } },
    ];
    for (const event of events) expect((await recordEvent(app.baseUrl, 'ali', event, cwNorth)).status).toBe(201);
  });
  afterAll(() => app.close());

  it('says where the journey stands in words: what the child is waiting for and when it is due', async () => {
    const { status, text } = await pageText('cw-north', '/children/ali');
    expect(status).toBe(200);
    expect(text).toContain('Ali Khan');
    expect(text).toContain('Waiting for a decision whether to assess — due 1 July 2025 Due soon');
    expect(text).toContain('Also: Waiting for the final plan — due 7 October 2025');
    expect(text).toContain('Open now: EHC needs assessment: awaiting decision to assess');
  });

  it('counts the suspensions of this school year against the Area Inclusion Discussion threshold and the days limits', async () => {
    const two = (await pageText('cw-north', '/children/ali')).text;
    expect(two).toContain('2 of 3 suspensions this school year');
    expect(two).toContain('3.5 of 45 school days of suspension this school year');
    expect(two).toContain('3.5 of 15 school days this summer term');
    expect(two).toContain('12 May 2025 Hill Academy 2 Damage');
    const three = (await pageText('cw-north', `/children/${NORTH_CHILD.childId}`)).text;
    expect(three).toContain('3 suspensions this school year (the threshold is 3) Threshold reached');
    expect(three).toContain('Area Inclusion Discussion called for on 13 January 2025');
  });

  it('tells the history in plain English, with who recorded each entry and when, and who voided one and why', async () => {
    const recorded = await recordEvent(
      app.baseUrl,
      'ali',
      { type: 'ReferralReceived', occurredOn: '2025-06-02', data: { referralId: 'camhs-1', service: 'camhs', source: 'gp' } },
      cwNorth,
    );
    expect(
      (
        await recordEvent(
          app.baseUrl,
          'ali',
          { type: 'EventVoided', occurredOn: '2025-06-03', data: { eventId: recorded.body.eventId, reason: 'Wrong child' } },
          cwNorth,
        )
      ).status,
    ).toBe(201);
    const { text } = await pageText('cw-north', '/children/ali');
    expect(text).toMatch(
      /20 May 2025 EHC needs assessment requested by parent (Void this entry )?Priya Shah \d{1,2} \w+ \d{4} at \d{1,2}:\d{2}(am|pm)/,
    );
    expect(text).toMatch(
      /10 April 2025 Suspended from Hill Academy for 1\.5 school days \(persistent disruptive behaviour\) (Void this entry )?Priya Shah/,
    );
    expect(text).toMatch(/Referral for CAMHS received from GP Voided Voided by Priya Shah on \d{1,2} \w+ \d{4} at [\d:]+(am|pm): Wrong child/);
    expect(text).toContain('Child registered in north, at Hill Academy, with caseworker Priya Shah');
    // the timeline tells only what stands
    const timeline = text.slice(text.indexOf('Timeline'), text.indexOf('History'));
    expect(timeline).not.toContain('CAMHS');
  });

  it("keeps the child's name and date of birth from managers and the panel, and shows the panel only a child its alerts name", async () => {
    const manager = await pageText('manager-north', '/children/ali');
    expect(manager.status).toBe(200);
    expect(manager.text).not.toContain('Khan');
    expect(manager.text).toContain('Waiting for a decision whether to assess');
    const panel = await pageText('panel-north', `/children/${NORTH_CHILD.childId}`);
    expect(panel.status).toBe(200);
    expect(panel.text).not.toContain(NORTH_CHILD.familyName);
    expect(panel.text).toContain('3 suspensions this school year');
    expect(panel.text).not.toContain('What can be recorded next');
    expect((await pageText('panel-north', '/children/ali')).status).toBe(404);
  });

  it('shows an erased child as erased, with the journey still told', async () => {
    const admin = await authAs(app, 'admin', '*', 'admin-1');
    expect((await request(app.baseUrl, 'DELETE', `/children/${SOUTH_CHILD.childId}/personal-data`, { headers: admin })).status).toBe(200);
    const { text } = await pageText('admin-1', `/children/${SOUTH_CHILD.childId}`);
    expect(text).toContain(`Child ${SOUTH_CHILD.childId} Personal details erased`);
    expect(text).toContain('Name Erased');
    expect(text).not.toContain(SOUTH_CHILD.familyName);
    expect(text).toContain('Child registered (personal details since erased)');
  });
});
