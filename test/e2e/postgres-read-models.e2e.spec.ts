import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import type { ClockItem, Page, WaitingTimesResult } from '@sj/read-models';
import type { ErasureResult } from '../../apps/api/src/erasure/erasure.service';
import type { HealthResponse } from '../../apps/api/src/health/health.controller';
import { recordEvent, request } from '../support/http';
import { createTestDatabase, type TestDatabase } from '../support/postgres-server';
import { startTestApp, type TestApp } from '../support/test-app';
import { until } from '../support/two-areas';

/*
 * Today is 2025-06-30. Kai (north) has an EHC request received 2024-10-01 and the decision to assess on
 * 2024-11-01, and nothing since (docs/domain-rules.md §4.1): plan-decision was due +16 weeks, 2025-01-21, and is
 * breached by 160 days (10 + 28 + 31 + 30 + 31 + 30); final-plan was due +20 weeks, 2025-02-18, breached by 132.
 * Lou (south) was referred for an autism assessment on 2025-03-03 and waits 119 days (31 + 30 + 31 + 27); the
 * assessment was due to start within 3 months, by 2025-06-03, so that clock is breached by 27 days.
 */
const TODAY = '2025-06-30';
const registered = (area: string, givenName: string, familyName: string) => ({
  type: 'ChildRegistered',
  occurredOn: '2024-09-02',
  data: { givenName, familyName, dateOfBirth: '2016-03-14', area, school: 'Oakfield Primary', caseworker: 'cw-7' },
});

describe('read models in PostgreSQL: workers project into it, every API process reads from it', () => {
  let database: TestDatabase;
  const folders: string[] = [];
  const apps: TestApp[] = [];
  let leader: TestApp;
  let api: TestApp;

  const start = async (withWorker: boolean): Promise<TestApp> => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sj-pg-read-models-'));
    folders.push(dataDir);
    // one queue prefix for all: processes of one deployment share their queues, as they share the database
    const app = await startTestApp({ dataDir, clockToday: TODAY, withWorker, env: { DATABASE_URL: database.url, QUEUE_PREFIX: database.name } });
    apps.push(app);
    return app;
  };
  const record = async (app: TestApp, childId: string, ...events: object[]): Promise<void> => {
    for (const event of events) expect((await recordEvent(app.baseUrl, childId, event)).status).toBe(201);
  };
  const caughtUp = (app: TestApp): Promise<HealthResponse> =>
    until('the read models to catch up with the log', async () => {
      const health = (await request<HealthResponse>(app.baseUrl, 'GET', '/health')).body;
      return health.projections.caughtUp === true && health.projections.checkpoint === health.projections.head ? health : undefined;
    });
  const breached = async (app: TestApp) =>
    (await request<Page<ClockItem>>(app.baseUrl, 'GET', '/clocks?status=breached')).body.items.map((c) => [
      c.childId,
      c.clock,
      c.daysOverdue,
      c.area,
    ]);
  const rmChildren = async (childId: string): Promise<unknown[]> => {
    const client = new Client({ connectionString: database.url });
    await client.connect();
    try {
      return (await client.query<Record<string, unknown>>('SELECT * FROM rm_children WHERE child_id = $1', [childId])).rows;
    } finally {
      await client.end();
    }
  };

  beforeAll(async () => {
    database = await createTestDatabase('read-models-e2e');
    leader = await start(true);
    api = await start(false);
  }, 60_000);
  afterAll(async () => {
    await Promise.all(apps.map((app) => app.close()));
    await database.drop();
    for (const folder of folders) rmSync(folder, { recursive: true, force: true });
  });

  it('answers on an API process without a worker what the worker projected from events recorded there', async () => {
    await record(
      api,
      'kai',
      registered('north', 'Kai', 'Marsh'),
      { type: 'EhcNeedsAssessmentRequested', occurredOn: '2024-10-01', data: { requestId: 'req-kai', requestedBy: 'parent' } },
      { type: 'DecisionToAssessMade', occurredOn: '2024-11-01', data: { requestId: 'req-kai', decision: 'assess' } },
    );
    await record(api, 'lou', registered('south', 'Lou', 'Field'), {
      type: 'ReferralReceived',
      occurredOn: '2025-03-03',
      data: { referralId: 'asd-1', service: 'autism-assessment', source: 'school' },
    });
    await caughtUp(api);

    expect(await breached(api)).toEqual([
      ['kai', 'plan-decision', 160, 'north'],
      ['kai', 'final-plan', 132, 'north'],
      ['lou', 'autism-assessment-start', 27, 'south'],
    ]);
    expect(await breached(leader)).toEqual(await breached(api));
    const waiting = (await request<WaitingTimesResult>(api.baseUrl, 'GET', '/waiting-times?service=autism-assessment')).body;
    expect(waiting.items.map((w) => [w.childId, w.area, w.daysWaited])).toEqual([['lou', 'south', 119]]);
  });

  it("keeps no child's name or date of birth in the PostgreSQL read models, and erasing the child changes no figure", async () => {
    const row = JSON.stringify(await rmChildren('lou'));
    expect(row).toContain('"area":"south"');
    expect(['Lou', 'Field', '2016-03-14'].filter((value) => row.includes(value))).toEqual([]);
    const before = await breached(api);

    const erased = await request<ErasureResult>(api.baseUrl, 'DELETE', '/children/lou/personal-data');
    expect(erased.body).toMatchObject({ childId: 'lou', alreadyErased: false });
    expect(await breached(api)).toEqual(before);
    // the worker projects the erased child again from a stream that no longer has a name
    await record(api, 'lou', { type: 'PreAssessmentStarted', occurredOn: '2025-04-01', data: { referralId: 'asd-1' } });
    await caughtUp(api);
    expect(await rmChildren('lou')).toEqual([expect.objectContaining({ child_id: 'lou', area: 'south', registered_on: '2024-09-02' })]);
  });

  it('lets a second worker stand by while the first projects, and take over when the first stops', async () => {
    const standBy = await start(true);
    await leader.close();

    await record(api, 'ray', registered('north', 'Ray', 'Stone'), {
      type: 'EhcNeedsAssessmentRequested',
      occurredOn: '2024-10-01',
      data: { requestId: 'req-ray', requestedBy: 'school' },
    });
    await caughtUp(api);

    // no decision by 2024-11-12 (+6 weeks): breached by 230 days as of today
    expect(await breached(standBy)).toContainEqual(['ray', 'decision-to-assess', 230, 'north']);
  });

  it('writes no read models, and no lock, to any working folder', () => {
    for (const folder of folders)
      expect(readdirSync(folder, { recursive: true }).filter((name) => String(name).startsWith('read-models'))).toEqual([]);
  });
});
