import { expect } from '@jest/globals';
import type { Caseload } from '../../apps/api/src/web/caseload';
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
