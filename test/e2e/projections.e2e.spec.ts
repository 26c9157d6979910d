import { SqliteEventStore } from '@sj/event-store';
import {
  ProjectionRunner,
  SqliteReadModelStore,
  type ClockItem,
  type Page,
  type ReadModelStore,
  type SuspensionsResult,
  type TimelinessResult,
} from '@sj/read-models';
import { join } from 'node:path';
import { readModelProjections } from '../../apps/worker/src/projections/read-model-projections';
import { recordEvent, request } from '../support/http';
import { startTestApp, type TestApp } from '../support/test-app';

/*
 * Today is 2025-06-30. Three EHC requests received 2024-10-01, so (docs/domain-rules.md §4.1) plan-decision is due
 * +16 weeks = 2025-01-21 and final-plan +20 weeks = 2025-02-18.
 *   late:     no draft, no plan → plan-decision breached by 160 days (10 + 28 + 31 + 30 + 31 + 30),
 *             final-plan breached by 132 days (10 + 31 + 30 + 31 + 30).
 *   on-time:  final plan 2025-02-01 → met.
 *   excepted: exception recorded 2024-12-01 → plan-decision and final-plan excepted, never breached.
 * Suspensions in school year 2024: 16 Sep (2 days), 4 Nov (1), 20 Jan (3, later rescinded), 3 Feb (1) →
 * three counted, 4 days, autumn 2 / 3 days, spring 1 / 1 day; the trigger is the third counted, 3 Feb.
 */
const TODAY = '2025-06-30';
const child = (area: string, school = 'Oakfield Primary') => ({
  type: 'ChildRegistered',
  occurredOn: '2024-09-02',
  data: { givenName: 'Sam', familyName: 'Example', dateOfBirth: '2018-10-10', area, school, caseworker: 'cw-7' },
});
const requestAndAssess = (requestId: string) => [
  { type: 'EhcNeedsAssessmentRequested', occurredOn: '2024-10-01', data: { requestId, requestedBy: 'parent' } },
  { type: 'DecisionToAssessMade', occurredOn: '2024-11-01', data: { requestId, decision: 'assess' } },
];
const suspension = (suspensionId: string, occurredOn: string, schoolDays: number) => ({
  type: 'SuspensionRecorded',
  occurredOn,
  data: { suspensionId, school: 'Oakfield Primary', schoolDays, reason: 'persistent-disruptive-behaviour' },
});

describe("managers' queries over projected read models (real HTTP, SQLite, in-process projection runner)", () => {
  let app: TestApp;
  let store: SqliteEventStore;
  let readModels: ReadModelStore;
  let runner: ProjectionRunner;

  async function record(childId: string, ...events: object[]): Promise<void> {
    for (const event of events) {
      const res = await recordEvent(app.baseUrl, childId, event);
      expect(res.status).toBe(201);
    }
  }

  async function projected(): Promise<void> {
    const head = await store.headPosition();
    const deadline = Date.now() + 10_000;
    while ((await readModels.readCheckpoint()).position !== head) {
      if (Date.now() > deadline) throw new Error('the projection runner did not catch up');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  beforeAll(async () => {
    app = await startTestApp({ clockToday: TODAY });
    // before the worker has written anything, the queries answer empty, not 500
    const early = await request(app.baseUrl, 'GET', '/clocks');
    expect(early).toMatchObject({ status: 200, body: { items: [], total: 0, asOf: TODAY } });

    store = new SqliteEventStore(join(app.dataDir, 'events.sqlite'), { pollIntervalMs: 10 });
    readModels = SqliteReadModelStore.open(join(app.dataDir, 'read-models.sqlite'));
    runner = new ProjectionRunner(store, readModels, readModelProjections(app.config), { flushDelayMs: 5 });
    await runner.start();

    await record('late', child('taunton'), ...requestAndAssess('req-late'));
    await record(
      'on-time',
      child('taunton'),
      ...requestAndAssess('req-ok'),
      { type: 'DraftPlanIssued', occurredOn: '2025-01-10', data: { requestId: 'req-ok' } },
      { type: 'FinalPlanIssued', occurredOn: '2025-02-01', data: { requestId: 'req-ok', placement: 'Oakfield Primary' } },
    );
    await record('excepted', child('yeovil'), ...requestAndAssess('req-ex'), {
      type: 'TimescaleExceptionRecorded',
      occurredOn: '2024-12-01',
      data: { requestId: 'req-ex', exception: 'exceptional-personal-circumstances' },
    });
    await record(
      'suspended',
      child('taunton'),
      suspension('s1', '2024-09-16', 2),
      suspension('s2', '2024-11-04', 1),
      suspension('s3', '2025-01-20', 3),
      suspension('s4', '2025-02-03', 1),
      { type: 'SuspensionRescinded', occurredOn: '2025-02-10', data: { suspensionId: 's3' } },
    );
    await projected();
  });

  afterAll(async () => {
    await runner.stop();
    await readModels.close();
    await store.close();
    await app.close();
  });

  it('GET /clocks?status=breached lists the late request, most overdue first', async () => {
    const res = await request<Page<ClockItem>>(app.baseUrl, 'GET', `/clocks?status=breached&asOf=${TODAY}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ page: 1, pageSize: 50, total: 2, asOf: TODAY });
    expect(res.body.items).toEqual([
      {
        childId: 'late',
        area: 'taunton',
        school: 'Oakfield Primary',
        caseworker: 'cw-7',
        clock: 'plan-decision',
        key: 'req-late',
        startedOn: '2024-10-01',
        dueOn: '2025-01-21',
        stoppedOn: null,
        status: 'breached',
        daysOverdue: 160,
        requestId: 'req-late',
      },
      {
        childId: 'late',
        area: 'taunton',
        school: 'Oakfield Primary',
        caseworker: 'cw-7',
        clock: 'final-plan',
        key: 'req-late',
        startedOn: '2024-10-01',
        dueOn: '2025-02-18',
        stoppedOn: null,
        status: 'breached',
        daysOverdue: 132,
        requestId: 'req-late',
      },
    ]);
  });

  it('the 20-week clocks: one breached, one met, one excepted; none breached before the due date', async () => {
    const res = await request<Page<ClockItem>>(app.baseUrl, 'GET', `/clocks?clock=final-plan&asOf=${TODAY}`);
    expect(res.body.items.map((c) => [c.childId, c.status]).sort()).toEqual([
      ['excepted', 'excepted'],
      ['late', 'breached'],
      ['on-time', 'met'],
    ]);
    const before = await request<Page<ClockItem>>(app.baseUrl, 'GET', '/clocks?clock=final-plan&status=breached,due-soon&asOf=2025-02-10');
    expect(before.body.items.map((c) => [c.childId, c.status])).toEqual([['late', 'due-soon']]);
    const yeovil = await request<Page<ClockItem>>(app.baseUrl, 'GET', `/clocks?area=yeovil&status=excepted&asOf=${TODAY}`);
    expect(yeovil.body.items.map((c) => c.clock).sort()).toEqual(['final-plan', 'plan-decision']);
  });

  it('GET /suspensions?schoolYear=2024: three counted suspensions (the rescinded one left out) and the trigger', async () => {
    const res = await request<SuspensionsResult>(app.baseUrl, 'GET', `/suspensions?schoolYear=2024&asOf=${TODAY}`);
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([
      {
        childId: 'suspended',
        area: 'taunton',
        school: 'Oakfield Primary',
        schoolYear: 2024,
        suspensionCount: 3,
        suspensionDays: 4,
        terms: { autumn: { count: 2, days: 3 }, spring: { count: 1, days: 1 }, summer: { count: 0, days: 0 } },
        overTermLimit: false,
        overYearLimit: false,
        triggeredOn: '2025-02-03',
        permanentExclusions: 0,
      },
    ]);
    expect(res.body.totals).toEqual({
      childrenSuspended: 1,
      suspensions: 3,
      suspensionDays: 4,
      triggers: 1,
      overTermLimit: 0,
      overYearLimit: 0,
      permanentExclusions: 0,
    });
    // as of a past date, exactly what had happened by then: on 19 Jan two suspensions and no trigger; on 2 Feb the
    // 20 Jan suspension (rescinded only on 10 Feb) still counts and was the third
    const beforeTrigger = await request<SuspensionsResult>(app.baseUrl, 'GET', '/suspensions?schoolYear=2024&triggered=true&asOf=2025-01-19');
    expect(beforeTrigger.body.total).toBe(0);
    const triggeredEarlier = await request<SuspensionsResult>(app.baseUrl, 'GET', '/suspensions?schoolYear=2024&triggered=true&asOf=2025-02-02');
    expect(triggeredEarlier.body.items).toMatchObject([{ childId: 'suspended', suspensionCount: 3, suspensionDays: 6, triggeredOn: '2025-01-20' }]);
  });

  it('GET /reports/timeliness?year=2025: one plan issued in February, within 20 weeks', async () => {
    const res = await request<TimelinessResult>(app.baseUrl, 'GET', '/reports/timeliness?year=2025');
    expect(res.status).toBe(200);
    expect(res.body.months[1]).toMatchObject({ month: '2025-02', issued: 1, within20Weeks: 1, percent: 100 });
  });

  it('answers CSV with a filename, the whole filtered table', async () => {
    const res = await request(app.baseUrl, 'GET', `/clocks?status=breached&asOf=${TODAY}&format=csv&pageSize=1`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="clocks-${TODAY}.csv"`);
    expect([res.headers.get('x-total-rows'), res.headers.get('x-exported-rows')]).toEqual(['2', '2']);
    const lines = String(res.body).trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'childId,area,school,caseworker,clock,key,startedOn,dueOn,stoppedOn,status,daysOverdue,requestId,referralId,adviceId,exception,flags,closedOn',
    );
    expect(lines.slice(1)).toEqual([
      'late,taunton,Oakfield Primary,cw-7,plan-decision,req-late,2024-10-01,2025-01-21,,breached,160,req-late,,,,,',
      'late,taunton,Oakfield Primary,cw-7,final-plan,req-late,2024-10-01,2025-02-18,,breached,132,req-late,,,,,',
    ]);
  });

  it.each([
    ['/clocks?status=overdue', 'status', 'status must be one of running, due-soon, breached, met, met-late, excepted, closed'],
    ['/clocks?colour=red', 'colour', 'colour is not an accepted query parameter'],
    ['/clocks?asOf=2025-02-30', 'asOf', 'asOf must be a real date in YYYY-MM-DD format'],
    ['/clocks?pageSize=501', 'pageSize', 'pageSize must be a whole number from 1 to 500'],
    ['/clocks?page=0', 'page', 'page must be a whole number from 1'],
    ['/waiting-times?service=dentistry', 'service', 'service must be one of autism-assessment'],
    ['/suspensions?schoolYear=24', 'schoolYear', 'schoolYear must be a 4-digit year'],
    ['/reports/timeliness?year=twenty', 'year', 'year must be a 4-digit calendar year'],
  ])('GET %s is a 400 naming %s', async (path, field, message) => {
    const res = await request<{ message: string; details: unknown[] }>(app.baseUrl, 'GET', path);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
    expect(res.body.message).toContain(message);
    expect(res.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
  });
});
