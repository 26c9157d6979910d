import { expect } from '@jest/globals';
import type { AlertPage } from '@sj/alerts';
import type { ClockItem, Page, SuspensionsResult, TimelinessResult, WaitingTimesResult } from '@sj/read-models';
import { SignJWT } from 'jose';
import type { AuditEntry } from '../../apps/api/src/audit/audit-log';
import { authAs, tokenFor } from '../support/auth';
import { getJourney, recordEvent, request, type ErrorBody } from '../support/http';
import { startTestApp, type TestApp } from '../support/test-app';
import { NORTH_CHILD, recordTwoAreas, SOUTH_CHILD } from '../support/two-areas';

const TODAY = '2025-06-30';

/** What `GET /audit` answers. */
interface AuditPage {
  readonly items: AuditEntry[];
  readonly total: number;
  readonly page: number;
  readonly pageSize: number;
}

/*
 * Who may see and do what, over real HTTP with the worker's projections and alerts: a data set of one
 * child in north and one in south, recorded through the API by each area's caseworker.
 */
describe('sign-in, roles and areas', () => {
  let app: TestApp;
  let northManager: Record<string, string>;
  let northCaseworker: Record<string, string>;
  let northPanel: Record<string, string>;

  beforeAll(async () => {
    app = await startTestApp({ clockToday: TODAY, withWorker: true });
    await recordTwoAreas(app);
    northManager = await authAs(app, 'manager', ['north'], 'manager-north');
    northCaseworker = await authAs(app, 'caseworker', ['north'], 'cw-north');
    northPanel = await authAs(app, 'panel', ['north'], 'panel-north');
  }, 60_000);
  afterAll(async () => {
    await app.close();
  });

  describe('authentication', () => {
    it('answers 401 without a token, naming what to send, in the standard error shape', async () => {
      const res = await request(app.baseUrl, 'GET', '/clocks', { headers: { Authorization: '' } });
      expect(res.status).toBe(401);
      expect(res.body).toEqual({
        statusCode: 401,
        error: 'Unauthorized',
        message: expect.stringMatching(/Authorization: Bearer/),
        details: { code: 'TOKEN_MISSING' },
      });
      expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
    });

    it('answers 401 for a token signed with another secret, without saying how the signature failed', async () => {
      const forged = await new SignJWT({ role: 'admin', areas: '*' })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject('mallory')
        .setIssuer('send-journeys')
        .setAudience('send-journeys')
        .setExpirationTime('1h')
        .sign(new Uint8Array(32).fill(7));
      const res = await request<ErrorBody>(app.baseUrl, 'GET', '/clocks', { headers: { Authorization: `Bearer ${forged}` } });
      expect(res.status).toBe(401);
      expect(res.body.details).toEqual({ code: 'TOKEN_INVALID' });
      expect(res.body.message).not.toMatch(/signature/i);
    });

    it('answers 401 for an expired token, saying it expired', async () => {
      const expired = await tokenFor(app, { sub: 'alice', role: 'manager', areas: ['north'], expiresIn: '-2h' });
      const res = await request(app.baseUrl, 'GET', '/clocks', { headers: { Authorization: `Bearer ${expired}` } });
      expect(res.status).toBe(401);
      expect(res.body).toMatchObject({ details: { code: 'TOKEN_EXPIRED' }, message: expect.stringMatching(/expired/) });
    });

    it('keeps /health and the pages public', async () => {
      expect((await request(app.baseUrl, 'GET', '/health', { headers: { Authorization: '' } })).status).toBe(200);
      expect((await request(app.baseUrl, 'GET', '/dashboard', { headers: { Authorization: '' } })).status).toBe(200);
    });

    it('sends security headers and no CORS grant by default', async () => {
      const res = await request(app.baseUrl, 'GET', '/health', { headers: { Origin: 'https://evil.example' } });
      expect(res.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
    });
  });

  describe('roles', () => {
    it.each([
      ['a caseworker', 'caseworker', 'GET', '/clocks'],
      ['a panel member', 'panel', 'GET', '/reports/timeliness?year=2025'],
      ['a manager', 'manager', 'POST', `/children/${NORTH_CHILD.childId}/events`],
      ['a manager', 'manager', 'GET', '/audit'],
      ['a caseworker', 'caseworker', 'DELETE', `/children/${NORTH_CHILD.childId}/personal-data`],
    ] as const)("answers 403 when %s (%s) calls %s %s, another role's route", async (_who, role, method, path) => {
      const res = await request(app.baseUrl, method, path, {
        headers: await authAs(app, role, ['north']),
        ...(method === 'POST' ? { json: { type: 'CaseClosed', occurredOn: TODAY, data: { reason: 'moved away' } } } : {}),
      });
      expect(res.status).toBe(403);
      expect(res.body).toMatchObject({ statusCode: 403, error: 'Forbidden', details: { code: 'ROLE_NOT_ALLOWED' } });
    });
  });

  describe('areas', () => {
    it("shows a north manager no south child's clock, waiting referral, suspension or timeliness figure, in JSON or CSV", async () => {
      const clocks = await request<Page<ClockItem>>(app.baseUrl, 'GET', '/clocks?pageSize=500', { headers: northManager });
      expect(clocks.status).toBe(200);
      expect(clocks.body.items.length).toBeGreaterThan(0);
      expect(new Set(clocks.body.items.map((i) => i.area))).toEqual(new Set(['north']));
      const waits = await request<WaitingTimesResult>(app.baseUrl, 'GET', '/waiting-times?service=autism-assessment', { headers: northManager });
      expect(waits.body.items.map((i) => i.childId)).toEqual([NORTH_CHILD.childId]);
      expect(waits.body.summary.map((s) => s.area)).toEqual(['north']);
      const suspensions = await request<SuspensionsResult>(app.baseUrl, 'GET', '/suspensions?schoolYear=2024', { headers: northManager });
      expect(suspensions.body.items.map((i) => i.childId)).toEqual([NORTH_CHILD.childId]);
      const timeliness = await request<TimelinessResult>(app.baseUrl, 'GET', '/reports/timeliness?year=2025', { headers: northManager });
      const everywhere = await request<TimelinessResult>(app.baseUrl, 'GET', '/reports/timeliness?year=2025');
      const issued = (body: TimelinessResult) => JSON.stringify(body.months);
      expect(issued(timeliness.body)).not.toEqual(issued(everywhere.body));
      for (const path of ['/clocks?format=csv', '/waiting-times?format=csv', '/suspensions?schoolYear=2024&format=csv']) {
        const csv = await request<string>(app.baseUrl, 'GET', path, { headers: northManager });
        expect({ path, status: csv.status }).toEqual({ path, status: 200 });
        expect(csv.body).toContain(NORTH_CHILD.childId);
        expect(csv.body).not.toContain(SOUTH_CHILD.childId);
        expect(csv.body).not.toMatch(/\bsouth\b/);
      }
    });

    it('answers 403 to an explicit filter on a foreign area', async () => {
      const res = await request<ErrorBody>(app.baseUrl, 'GET', '/clocks?area=south', { headers: northManager });
      expect(res.status).toBe(403);
      expect(res.body.details).toEqual({ code: 'AREA_NOT_ALLOWED' });
    });

    it("shows a north manager managers:north alerts only; the panel its own area's", async () => {
      expect((await request(app.baseUrl, 'GET', '/alerts?recipient=managers:south', { headers: northManager })).status).toBe(403);
      expect((await request(app.baseUrl, 'GET', '/alerts?recipient=panel:south', { headers: northPanel })).status).toBe(403);
      const inbox = await request<AlertPage>(app.baseUrl, 'GET', '/alerts?recipient=panel:north', { headers: northPanel });
      expect(inbox.status).toBe(200);
      expect(inbox.body.items.map((a) => a.childId)).toEqual([NORTH_CHILD.childId]);
      const southAlert = (await request<AlertPage>(app.baseUrl, 'GET', '/alerts?recipient=panel:south')).body.items[0].alertId;
      expect((await request(app.baseUrl, 'POST', `/alerts/${encodeURIComponent(southAlert)}/acknowledge`, { headers: northPanel })).status).toBe(404);
    });

    it("answers 404 to a north caseworker for a south child's journey, and for recording into it", async () => {
      const journey = await getJourney<ErrorBody>(app.baseUrl, SOUTH_CHILD.childId, undefined, northCaseworker);
      expect(journey.status).toBe(404);
      expect(journey.body.details).toMatchObject({ code: 'CHILD_NOT_REGISTERED' });
      const record = await recordEvent(
        app.baseUrl,
        SOUTH_CHILD.childId,
        { type: 'CaseClosed', occurredOn: TODAY, data: { reason: 'moved away' } },
        northCaseworker,
      );
      expect(record.status).toBe(404);
      expect((await getJourney(app.baseUrl, NORTH_CHILD.childId, undefined, northCaseworker)).status).toBe(200);
    });

    it('lets a caseworker register a child only in their own areas', async () => {
      const event = (area: string) => ({
        type: 'ChildRegistered',
        occurredOn: TODAY,
        data: { givenName: 'Kit', familyName: 'Example', dateOfBirth: '2018-01-02', area },
      });
      const foreign = await recordEvent<ErrorBody>(app.baseUrl, 'new-child', event('south'), northCaseworker);
      expect(foreign.status).toBe(403);
      expect(foreign.body.details).toEqual({ code: 'AREA_NOT_ALLOWED' });
      expect((await recordEvent(app.baseUrl, 'new-child', event('north'), northCaseworker)).status).toBe(201);
    });

    it('lets the panel open the journeys its alerts name, and no other', async () => {
      expect((await getJourney(app.baseUrl, NORTH_CHILD.childId, undefined, northPanel)).status).toBe(200);
      expect((await getJourney(app.baseUrl, 'new-child', undefined, northPanel)).status).toBe(404);
      expect((await getJourney(app.baseUrl, SOUTH_CHILD.childId, undefined, northPanel)).status).toBe(404);
    });
  });

  describe('the audit of reads', () => {
    it("records each journey read with the caller's subject, and the children of each table read", async () => {
      const reader = await authAs(app, 'caseworker', ['north'], 'cw-auditee');
      expect((await getJourney(app.baseUrl, NORTH_CHILD.childId, undefined, reader)).status).toBe(200);
      const auditor = await authAs(app, 'manager', ['north'], 'manager-auditee');
      expect((await request(app.baseUrl, 'GET', '/suspensions?schoolYear=2024&format=csv', { headers: auditor })).status).toBe(200);

      const journeyReads = await request<AuditPage>(app.baseUrl, 'GET', `/audit?sub=cw-auditee&childId=${NORTH_CHILD.childId}`);
      expect(journeyReads.status).toBe(200);
      expect(journeyReads.body.items).toEqual([
        expect.objectContaining({
          sub: 'cw-auditee',
          roles: ['caseworker'],
          action: 'read',
          route: `GET /children/${NORTH_CHILD.childId}/journey`,
          childIds: [NORTH_CHILD.childId],
        }),
      ]);
      const tableReads = await request<AuditPage>(app.baseUrl, 'GET', '/audit?sub=manager-auditee');
      expect(tableReads.body.items).toEqual([
        expect.objectContaining({ route: 'GET /suspensions?schoolYear=2024&format=csv', childCount: 1, childIds: [NORTH_CHILD.childId] }),
      ]);
      expect((await request<AuditPage>(app.baseUrl, 'GET', `/audit?childId=${SOUTH_CHILD.childId}&sub=manager-auditee`)).body.total).toBe(0);
    });
  });
});
