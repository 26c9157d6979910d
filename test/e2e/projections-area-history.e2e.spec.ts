import { SqliteEventStore } from '@sj/event-store';
import {
  ProjectionRunner,
  SqliteReadModelStore,
  type ClockItem,
  type Page,
  type ReadModelStore,
  type SuspensionsResult,
  type TimelinessResult,
  type WaitingTimesResult,
} from '@sj/read-models';
import { join } from 'node:path';
import { readModelProjections } from '../../apps/worker/src/projections/read-model-projections';
import { authAs } from '../support/auth';
import { recordEvent, request } from '../support/http';
import { startTestApp, type TestApp } from '../support/test-app';

/*
 * Mo lived in north and moved to south on 2024-06-10; the caseworker typed the move in last (docs/domain-rules.md §6:
 * it takes effect on its date). Today is 2024-08-31.
 *   EHC request 2024-01-10: decision-to-assess due 2024-02-21, made 2024-03-01 (9 days late, in north);
 *     plan-decision due 2024-05-01, draft 2024-06-20 (50 days late, in south); final-plan due 2024-05-29,
 *     issued 2024-07-15 (47 days late, in south; 187 days after the request, so not within 20 weeks).
 *   Autism referral 2024-03-01, due 2024-06-01, never seen: 91 days overdue today (in south, where Mo is now),
 *     waiting 96 days on 2024-06-05 (in north).
 *   Suspensions in school year 2023: 2024-04-10 (2 days) and 2024-05-01 (1 day) in north; 2024-06-20 (3 days,
 *     the third: the trigger) in south.
 * Managers see their own areas only: the north manager sees north's share of Mo's figures, the south manager south's.
 */
const TODAY = '2024-08-31';
const MO = [
  {
    type: 'ChildRegistered',
    occurredOn: '2024-01-02',
    data: { givenName: 'Mo', familyName: 'Farah', dateOfBirth: '2016-05-01', area: 'north', school: 'Oak Primary', caseworker: 'cw-1' },
  },
  { type: 'EhcNeedsAssessmentRequested', occurredOn: '2024-01-10', data: { requestId: 'req-1', requestedBy: 'parent' } },
  { type: 'ReferralReceived', occurredOn: '2024-03-01', data: { referralId: 'asd-1', service: 'autism-assessment', source: 'school' } },
  { type: 'DecisionToAssessMade', occurredOn: '2024-03-01', data: { requestId: 'req-1', decision: 'assess' } },
  { type: 'SuspensionRecorded', occurredOn: '2024-04-10', data: { suspensionId: 's1', school: 'Oak Primary', schoolDays: 2, reason: 'damage' } },
  { type: 'SuspensionRecorded', occurredOn: '2024-05-01', data: { suspensionId: 's2', school: 'Oak Primary', schoolDays: 1, reason: 'damage' } },
  { type: 'DraftPlanIssued', occurredOn: '2024-06-20', data: { requestId: 'req-1' } },
  { type: 'SuspensionRecorded', occurredOn: '2024-06-20', data: { suspensionId: 's3', school: 'Oak Primary', schoolDays: 3, reason: 'damage' } },
  { type: 'FinalPlanIssued', occurredOn: '2024-07-15', data: { requestId: 'req-1', placement: 'Oak Primary with support' } },
  { type: 'ChildDetailsChanged', occurredOn: '2024-06-10', data: { area: 'south' } },
];

describe("managers' figures over HTTP follow the child's area history (real HTTP, SQLite, in-process projection runner)", () => {
  let app: TestApp;
  let store: SqliteEventStore;
  let readModels: ReadModelStore;
  let runner: ProjectionRunner;
  let north: Record<string, string>;
  let south: Record<string, string>;

  const get = async <T>(path: string, as: Record<string, string>): Promise<T> => {
    const res = await request<T>(app.baseUrl, 'GET', path, { headers: as });
    expect(res.status).toBe(200);
    return res.body;
  };
  const clocks = async (path: string, as: Record<string, string>) =>
    (await get<Page<ClockItem>>(path, as)).items.map((c) => [c.clock, c.status, c.daysOverdue, c.area]);

  beforeAll(async () => {
    app = await startTestApp({ clockToday: TODAY });
    store = new SqliteEventStore(join(app.dataDir, 'events.sqlite'), { pollIntervalMs: 10 });
    readModels = SqliteReadModelStore.open(join(app.dataDir, 'read-models.sqlite'));
    runner = new ProjectionRunner(store, readModels, readModelProjections(app.config), { flushDelayMs: 5 });
    await runner.start();
    for (const event of MO) {
      const res = await recordEvent(app.baseUrl, 'mo', event);
      expect(res.status).toBe(201);
    }
    const head = await store.headPosition();
    const deadline = Date.now() + 10_000;
    while ((await readModels.readCheckpoint()).position !== head) {
      if (Date.now() > deadline) throw new Error('the projection runner did not catch up');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    north = await authAs(app, 'manager', ['north'], 'manager-north');
    south = await authAs(app, 'manager', ['south'], 'manager-south');
  });

  afterAll(async () => {
    await runner.stop();
    await readModels.close();
    await store.close();
    await app.close();
  });

  it("GET /clocks?overdue=true: the late decision made while Mo lived in north is north's, the rest south's", async () => {
    expect(await clocks('/clocks?overdue=true', north)).toEqual([['decision-to-assess', 'met-late', 9, 'north']]);
    expect(await clocks('/clocks?overdue=true', south)).toEqual([
      ['autism-assessment-start', 'breached', 91, 'south'],
      ['plan-decision', 'met-late', 50, 'south'],
      ['final-plan', 'met-late', 47, 'south'],
    ]);
  });

  it("GET /clocks as of a day before the move: every open clock was north's, though the move was typed in before asking", async () => {
    expect(await clocks('/clocks?status=breached&asOf=2024-06-05', north)).toEqual([
      ['plan-decision', 'breached', 35, 'north'],
      ['final-plan', 'breached', 7, 'north'],
      ['autism-assessment-start', 'breached', 4, 'north'],
    ]);
    expect(await clocks('/clocks?asOf=2024-06-05', south)).toEqual([]);
  });

  it('GET /clocks?overdue=true&format=csv exports the whole overdue table of the area', async () => {
    const res = await request<string>(app.baseUrl, 'GET', '/clocks?overdue=true&format=csv', { headers: south });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-total-rows')).toBe('3');
    expect(res.body.trimEnd().split('\r\n').slice(1)).toEqual([
      'mo,south,Oak Primary,cw-1,autism-assessment-start,asd-1,2024-03-01,2024-06-01,,breached,91,,asd-1,,,,',
      'mo,south,Oak Primary,cw-1,plan-decision,req-1,2024-01-10,2024-05-01,2024-06-20,met-late,50,req-1,,,,,',
      'mo,south,Oak Primary,cw-1,final-plan,req-1,2024-01-10,2024-05-29,2024-07-15,met-late,47,req-1,,,,,',
    ]);
  });

  it('GET /waiting-times: the wait open on asOf is in the area Mo was in that day', async () => {
    const before = await get<WaitingTimesResult>('/waiting-times?asOf=2024-06-05', north);
    expect(before.summary).toEqual([{ area: 'north', service: 'autism-assessment', waiting: 1, median: 96, p90: 96, longest: 96 }]);
    expect((await get<WaitingTimesResult>('/waiting-times', north)).total).toBe(0);
    expect((await get<WaitingTimesResult>('/waiting-times', south)).items.map((w) => [w.referralId, w.area, w.daysWaited])).toEqual([
      ['asd-1', 'south', 183],
    ]);
  });

  it('GET /suspensions: each suspension in the area of its date, the trigger with the third', async () => {
    const inNorth = await get<SuspensionsResult>('/suspensions?schoolYear=2023', north);
    expect(inNorth.items).toMatchObject([{ childId: 'mo', area: 'north', suspensionCount: 2, suspensionDays: 3, triggeredOn: null }]);
    const inSouth = await get<SuspensionsResult>('/suspensions?schoolYear=2023&triggered=true', south);
    expect(inSouth.items).toMatchObject([{ childId: 'mo', area: 'south', suspensionCount: 1, suspensionDays: 3, triggeredOn: '2024-06-20' }]);
  });

  it('GET /reports/timeliness: the plan counts in the area of its issue date', async () => {
    expect((await get<TimelinessResult>('/reports/timeliness?year=2024', north)).total.issued).toBe(0);
    expect((await get<TimelinessResult>('/reports/timeliness?year=2024', south)).months[6]).toMatchObject({
      month: '2024-07',
      issued: 1,
      within20Weeks: 0,
    });
  });

  it("GET /clocks?overdue=maybe is a 400 naming overdue, and an area outside the caller's is a 403", async () => {
    const bad = await request<{ message: string; details: unknown[] }>(app.baseUrl, 'GET', '/clocks?overdue=maybe', { headers: north });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('overdue must be true or false');
    expect(bad.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'overdue' })]));
    expect((await request(app.baseUrl, 'GET', '/clocks?overdue=true&area=south', { headers: north })).status).toBe(403);
  });
});
