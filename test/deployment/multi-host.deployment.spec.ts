import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { loadConfig, type AppConfig } from '@sj/config';
import { JOURNEY_EVENT_SCHEMA_VERSIONS, type JourneyEvent } from '@sj/domain';
import { encodeJourneyEvent, journeyStreamId, type NewEvent } from '@sj/event-store';
import type { StoredAlert, AlertPage } from '@sj/alerts';
import { tryPostgresProjectionLock, type ClockItem, type Page } from '@sj/read-models';
import { startWebhookReceiver, type WebhookReceiver } from '../../libs/alerts/src/testing/alert-peers';
import { dumpReadModels } from '../../libs/read-models/src/testing/read-model-fixture';
import type { ErasureResult } from '../../apps/api/src/erasure/erasure.service';
import type { HealthResponse } from '../../apps/api/src/health/health.controller';
import { openEventStore } from '../../apps/shared/src/event-store.lifecycle';
import { killAllAppProcesses, startAppProcess, untilLogged, untilProcess, type AppProcess } from '../support/app-process';
import { authAs } from '../support/auth';
import { getJourney, recordEvent, request, type EventBody } from '../support/http';
import { createTestDatabase, type TestDatabase } from '../support/postgres-server';
import { freePort } from '../support/redis-server';
import { requiredEnv } from '../support/env';
import { until } from '../support/two-areas';

/*
 * The production shape of several hosts, on one machine, as real processes started from the sources:
 * `npm run migrate`, two API processes and two workers, each with a working folder of its own (empty, and left
 * empty), all given one PostgreSQL database and one Redis. Today is 2025-06-30 in every process.
 */
const TODAY = '2025-06-30';
const PANEL_WEBHOOK_SECRET = 'panel-west-shared-secret';
/**
 * Children (1,300 events) written while no worker runs: the new leader then catches up in batches of at most 500 events,
 * one transaction each, and is killed after the first has committed.
 */
const BACKLOG_CHILDREN = 300;

type Headers = Record<string, string>;

const registered = (area: string, givenName: string, familyName: string): EventBody => ({
  type: 'ChildRegistered',
  occurredOn: '2024-09-02',
  data: { givenName, familyName, dateOfBirth: '2016-03-14', area, school: `${area} Primary`, caseworker: `cw-${area}` },
});
const ehcRequest = (requestId: string): EventBody[] => [
  { type: 'EhcNeedsAssessmentRequested', occurredOn: '2024-10-01', data: { requestId, requestedBy: 'parent' } },
  { type: 'DecisionToAssessMade', occurredOn: '2024-11-01', data: { requestId, decision: 'assess' } },
];
const autismReferral = (referralId: string): EventBody => ({
  type: 'ReferralReceived',
  occurredOn: '2025-03-03',
  data: { referralId, service: 'autism-assessment', source: 'school' },
});
const suspension = (suspensionId: string, occurredOn: string, area: string): EventBody => ({
  type: 'SuspensionRecorded',
  occurredOn,
  data: { suspensionId, school: `${area} Primary`, schoolDays: 1, reason: 'persistent-disruptive-behaviour' },
});

/**
 * A child of the backlog: registered, an EHC request assessed, an autism referral, and for every third child its
 * assessment started, as the API would encode them.
 */
const backlogChild = (i: number): NewEvent[] => {
  const area = i % 2 === 0 ? 'north' : 'south';
  const events: JourneyEvent[] = [
    {
      type: 'ChildRegistered',
      occurredOn: '2024-09-02',
      data: { givenName: 'Kid', familyName: `Number${i}`, dateOfBirth: '2016-03-14', area, school: `${area} Primary`, caseworker: `cw-${area}` },
    },
    { type: 'EhcNeedsAssessmentRequested', occurredOn: '2024-10-01', data: { requestId: `req-${i}`, requestedBy: 'parent' } },
    { type: 'DecisionToAssessMade', occurredOn: '2024-11-01', data: { requestId: `req-${i}`, decision: 'assess' } },
    { type: 'ReferralReceived', occurredOn: '2025-03-03', data: { referralId: `asd-${i}`, service: 'autism-assessment', source: 'school' } },
    ...(i % 3 === 0 ? [{ type: 'PreAssessmentStarted', occurredOn: '2025-04-01', data: { referralId: `asd-${i}` } } as const] : []),
  ];
  return events.map((event) =>
    encodeJourneyEvent(event, {
      eventId: randomUUID(),
      recordedAt: `${TODAY}T09:00:00.000Z`,
      recordedBy: 'deployment-test',
      correlationId: `backlog-${i}`,
      schemaVersion: JOURNEY_EVENT_SCHEMA_VERSIONS[event.type],
    }),
  );
};

describe('the several-hosts shape as real processes: one PostgreSQL, one Redis, two API processes, two workers', () => {
  let database: TestDatabase;
  let tokenConfig: AppConfig;
  /** The west panel's webhook: where the leading worker delivers its alerts. */
  let panelWebhook: WebhookReceiver;
  const folders: string[] = [];
  const apis: { process: AppProcess; baseUrl: string }[] = [];
  const workers: AppProcess[] = [];
  let admin: Headers;

  const environment = (dataDir: string, extra: Record<string, string> = {}): Record<string, string> => ({
    DATABASE_URL: database.url,
    EVENT_STORE: 'postgres',
    REDIS_URL: requiredEnv('TEST_REDIS_URL'),
    // one deployment: its processes share their queues as they share the database
    QUEUE_PREFIX: database.name,
    DATA_DIR: dataDir,
    CLOCK_TODAY: TODAY,
    LOG_LEVEL: 'info',
    // the backlog below is recorded from one address faster than a person would
    RATE_LIMIT_PER_MINUTE: '1000000',
    ALERT_CHANNELS: JSON.stringify({ 'panel:west': { webhook: { url: panelWebhook.url, secret: PANEL_WEBHOOK_SECRET } } }),
    ALERT_RELAY_POLL_MS: '200',
    ...extra,
  });
  const folder = (): string => {
    const dir = mkdtempSync(join(tmpdir(), 'sj-multi-host-'));
    folders.push(dir);
    return dir;
  };
  const startApi = async (name: string): Promise<{ process: AppProcess; baseUrl: string }> => {
    const port = await freePort();
    const app = startAppProcess(name, 'api', environment(folder(), { PORT: String(port) }));
    const baseUrl = `http://127.0.0.1:${port}`;
    await untilProcess(app, 'to answer GET /health', async () => {
      const health = await fetch(`${baseUrl}/health`).catch(() => undefined);
      return health?.status === 200 ? true : undefined;
    });
    const api = { process: app, baseUrl };
    apis.push(api);
    return api;
  };
  const startWorker = (name: string): AppProcess => {
    const worker = startAppProcess(name, 'worker', environment(folder()));
    workers.push(worker);
    return worker;
  };
  const leads = (worker: AppProcess): boolean => worker.logLines.some((line) => line.leader === true);
  const standsBy = (worker: AppProcess): boolean => worker.logLines.some((line) => line.msg === 'another worker leads; standing by');
  const untilOneLeadsAndOneStandsBy = (a: AppProcess, b: AppProcess): Promise<true> =>
    untilProcess(a, `${a.name} or ${b.name} to lead and the other to stand by`, async () => {
      if (b.exited) throw new Error(`${b.name} ended (${String(await b.ended)})\n--- last output of ${b.name} ---\n${b.output()}`);
      return (leads(a) && standsBy(b)) || (leads(b) && standsBy(a)) ? true : undefined;
    });

  const sql = async <T>(text: string, params: unknown[] = []): Promise<T[]> => {
    const client = new Client({ connectionString: database.url });
    await client.connect();
    try {
      return (await client.query(text, params)).rows as T[];
    } finally {
      await client.end();
    }
  };
  /** Watches the read models' checkpoint closely (a batch of a few events takes milliseconds) and kills the worker once it moves. */
  const killAtFirstCommit = async (worker: AppProcess, projectedBefore: number): Promise<void> => {
    const client = new Client({ connectionString: database.url });
    await client.connect();
    try {
      await untilProcess(worker, 'to commit its first batch of the backlog', async () => {
        for (let look = 0; look < 200; look += 1) {
          const { rows } = await client.query<{ n: string }>('SELECT events_projected AS n FROM projection_checkpoint');
          if (Number(rows[0]?.n ?? 0) > projectedBefore) return true;
        }
        return undefined;
      });
      await worker.kill('SIGKILL');
    } finally {
      await client.end();
    }
  };
  const record = async (baseUrl: string, childId: string, events: readonly EventBody[], headers: Headers = admin): Promise<void> => {
    for (const event of events) {
      const res = await recordEvent(baseUrl, childId, event, headers);
      if (res.status !== 201) throw new Error(`recording ${event.type} for ${childId} at ${baseUrl}: ${res.status} ${JSON.stringify(res.body)}`);
    }
  };
  const get = async <T>(baseUrl: string, path: string, headers: Headers = admin): Promise<T> => {
    const res = await request<T>(baseUrl, 'GET', path, { headers });
    if (res.status !== 200) throw new Error(`GET ${path} at ${baseUrl}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  /** Both API processes report the read models level with the log. */
  const caughtUp = async (): Promise<void> => {
    for (const { baseUrl } of apis)
      await until(
        `the read models to catch up with the log (GET ${baseUrl}/health)`,
        async () => {
          const { projections } = await get<HealthResponse>(baseUrl, '/health');
          return projections.caughtUp === true && projections.checkpoint === projections.head ? true : undefined;
        },
        60_000,
      );
  };
  /** What managers see: every query's answer, as JSON, the same through whichever API answers. */
  const managersView = async (baseUrl: string): Promise<Record<string, unknown>> => ({
    clocks: await get(baseUrl, '/clocks?pageSize=500'),
    clocksPage2: await get(baseUrl, '/clocks?pageSize=500&page=2'),
    waiting: await get(baseUrl, '/waiting-times?service=autism-assessment&pageSize=500'),
    suspensions: await get(baseUrl, '/suspensions?schoolYear=2024'),
    timeliness: await get(baseUrl, '/reports/timeliness?year=2025'),
  });

  beforeAll(async () => {
    database = await createTestDatabase('multi-host');
    panelWebhook = await startWebhookReceiver(PANEL_WEBHOOK_SECRET);
    tokenConfig = loadConfig({ DATABASE_URL: database.url, DATA_DIR: folder() });

    // the deployment's first step, then every process at once, as an orchestrator starts them
    const migrate = startAppProcess('migrate', 'migrate', environment(folder()));
    expect({ migrate: await migrate.ended, output: migrate.output() }).toMatchObject({ migrate: 0 });
    const first = startWorker('worker-1');
    const second = startWorker('worker-2');
    await Promise.all([startApi('api-1'), startApi('api-2')]);
    await untilOneLeadsAndOneStandsBy(first, second);
    admin = await authAs({ config: tokenConfig }, 'admin', '*', 'deployment-admin');
  }, 120_000);

  afterAll(async () => {
    await killAllAppProcesses();
    await panelWebhook.close();
    await database.drop();
    for (const dir of folders) rmSync(dir, { recursive: true, force: true });
  }, 30_000);

  it('reads back through each API process what was recorded through the other: journeys at once, managers’ queries once projected', async () => {
    const [one, two] = apis;
    // one admin token, minted with the signing secret both processes read from the database, for both
    await record(one.baseUrl, 'ada', [registered('north', 'Ada', 'Marsh'), ...ehcRequest('req-ada')]);
    await record(two.baseUrl, 'ben', [registered('south', 'Ben', 'Field'), autismReferral('asd-ben')]);

    const adaOnTwo = await getJourney(two.baseUrl, 'ada', undefined, admin);
    const benOnOne = await getJourney(one.baseUrl, 'ben', undefined, admin);
    expect([adaOnTwo.status, adaOnTwo.body.child?.familyName, adaOnTwo.body.events.map((e) => e.type)]).toEqual([
      200,
      'Marsh',
      ['ChildRegistered', 'EhcNeedsAssessmentRequested', 'DecisionToAssessMade'],
    ]);
    expect([benOnOne.status, benOnOne.body.child?.familyName, benOnOne.body.events.map((e) => e.type)]).toEqual([
      200,
      'Field',
      ['ChildRegistered', 'ReferralReceived'],
    ]);
    expect((await getJourney(one.baseUrl, 'ada', undefined, admin)).body).toEqual(adaOnTwo.body);

    await caughtUp();
    // plan-decision was due 16 weeks after the request (2025-01-21), final-plan after 20 (2025-02-18): both breached
    const breachedOn = async (baseUrl: string) =>
      (await get<Page<ClockItem>>(baseUrl, '/clocks?status=breached')).items.map((c) => [c.childId, c.clock, c.daysOverdue]);
    expect(await breachedOn(two.baseUrl)).toEqual([
      ['ada', 'plan-decision', 160],
      ['ada', 'final-plan', 132],
      ['ben', 'autism-assessment-start', 27],
    ]);
    expect(await breachedOn(one.baseUrl)).toEqual(await breachedOn(two.baseUrl));
    expect(await managersView(one.baseUrl)).toEqual(await managersView(two.baseUrl));
  }, 60_000);

  it('raises one Area Inclusion Discussion alert for three suspensions recorded through both APIs, though two workers run', async () => {
    const [one, two] = apis;
    await record(one.baseUrl, 'cal', [registered('west', 'Cal', 'Brook'), suspension('s1', '2024-10-07', 'west')]);
    await record(two.baseUrl, 'cal', [suspension('s2', '2024-11-11', 'west')]);
    await record(one.baseUrl, 'cal', [suspension('s3', '2025-01-13', 'west')]);

    const panel = await authAs({ config: tokenConfig }, 'panel', ['west'], 'panel-west');
    const inbox = (baseUrl: string) => get<AlertPage>(baseUrl, '/alerts?recipient=panel:west&status=all', panel);
    await until('the alert to reach the panel', async () => ((await inbox(two.baseUrl)).total > 0 ? true : undefined), 60_000);
    // the alert consumer has read every event recorded so far: nothing more is on its way
    const { head } = (await get<HealthResponse>(one.baseUrl, '/health')).projections;
    await until(
      'the alert consumer to reach the head of the log',
      async () => {
        const [checkpoint] = await sql<{ position: string | null }>('SELECT position FROM alert_consumer_checkpoint');
        return checkpoint.position === head ? true : undefined;
      },
      60_000,
    );

    const alertIds = new Set<string>();
    for (const { baseUrl } of apis) {
      const page = await inbox(baseUrl);
      expect(page.items.map((a: StoredAlert) => [a.rule, a.childId, a.area, a.status])).toEqual([
        ['area-inclusion-discussion', 'cal', 'west', 'open'],
      ]);
      alertIds.add(page.items[0].alertId);
    }
    expect(alertIds.size).toBe(1);
    // delivered once: the outbox emptied into the queue, the queue drained, and the panel's webhook called once
    await until(
      'the alert to be delivered and the queue to drain',
      async () => {
        const unqueued = await sql('SELECT 1 FROM alert_notices WHERE queued_at IS NULL');
        const queue = (await get<HealthResponse>(one.baseUrl, '/health')).queues.alerts;
        const drained = queue !== null && queue.waiting + queue.active + queue.delayed === 0;
        return unqueued.length === 0 && drained && panelWebhook.received.length > 0 ? true : undefined;
      },
      60_000,
    );
    expect(panelWebhook.received.map((r) => [r.body.alertId, r.body.notice, r.signatureValid])).toEqual([[[...alertIds][0], 'raised', true]]);
    expect(workers.map((w) => [w.name, w.exited, leads(w) || standsBy(w)])).toEqual([
      ['worker-1', false, true],
      ['worker-2', false, true],
    ]);
  }, 60_000);

  it('shows an erasure made through one API on the other: the name is gone from the journey and every manager query', async () => {
    const [one, two] = apis;
    expect((await getJourney(two.baseUrl, 'ben', undefined, admin)).body.child).toMatchObject({ familyName: 'Field', erased: false });

    const erased = await request<ErasureResult>(one.baseUrl, 'DELETE', '/children/ben/personal-data', { headers: admin });
    expect([erased.status, erased.body.alreadyErased]).toEqual([200, false]);

    const journey = await getJourney(two.baseUrl, 'ben', undefined, admin);
    expect(journey.body.child).toMatchObject({ givenName: null, familyName: null, dateOfBirth: null, erased: true, area: 'south' });
    expect(JSON.stringify(journey.body)).not.toContain('Field');
    expect(JSON.stringify(await managersView(two.baseUrl))).not.toContain('Field');
    const again = await request<ErasureResult>(two.baseUrl, 'DELETE', '/children/ben/personal-data', { headers: admin });
    expect([again.status, again.body.alreadyErased]).toEqual([200, true]);
  });

  it('when the projecting worker is killed part-way through a backlog, the standby takes over, and the read models then equal a full rebuild', async () => {
    const [one, two] = apis;
    const projected = async (): Promise<number> =>
      Number((await sql<{ n: string }>('SELECT events_projected AS n FROM projection_checkpoint'))[0]?.n ?? 0);
    await caughtUp();
    const before = await projected();

    // the workers stop (SIGTERM, as at a release) and a backlog builds up meanwhile
    const stopped = workers.splice(0);
    await Promise.all(stopped.map((worker) => worker.stop()));
    expect(await Promise.all(stopped.map(async (worker) => [worker.name, await worker.ended]))).toEqual(stopped.map((w) => [w.name, 0]));
    // held as `npm run projections:rebuild` holds it until both new workers are up, so the leader starts on the whole backlog
    const writerLock = await tryPostgresProjectionLock(database.url, 'the deployment test');
    if (writerLock === undefined) throw new Error('could not take the read-model writer lock: does a stopped worker still hold it?');
    let backlog = 0;
    try {
      // straight into the log through the event store the API writes with (personal data encrypted, a key per child):
      // over HTTP this many events take a minute on a loaded machine
      const log = await openEventStore(tokenConfig);
      try {
        for (let i = 0; i < BACKLOG_CHILDREN; i += 1) {
          const events = backlogChild(i);
          await log.append(journeyStreamId(`kid-${String(i).padStart(3, '0')}`), events, 'no-stream');
          backlog += events.length;
        }
      } finally {
        await log.close();
      }
      expect(await projected()).toBe(before);

      const third = startWorker('worker-3');
      const fourth = startWorker('worker-4');
      await untilOneLeadsAndOneStandsBy(third, fourth);
    } finally {
      writerLock.release();
    }
    const [holder] = await sql<{ name: string }>(
      `SELECT a.application_name AS name FROM pg_locks l JOIN pg_stat_activity a USING (pid)
       WHERE l.locktype = 'advisory' AND l.granted AND a.application_name LIKE 'send-journeys leader: worker %'`,
    );
    const leader = workers.find((w) => holder.name.includes(`(pid ${w.pid} `));
    const standby = workers.find((w) => w !== leader);
    if (leader === undefined || standby === undefined) throw new Error(`no worker process holds the leader lock (holder: ${holder.name})`);

    // SIGKILL as soon as the leader's first batch of the backlog has committed, with the rest still to project
    await killAtFirstCommit(leader, before);
    const whenKilled = await projected();
    const killedPartWay = { projectedWhenKilled: whenKilled - before, backlog, partWay: whenKilled > before && whenKilled < before + backlog };
    expect(killedPartWay).toEqual({ ...killedPartWay, partWay: true });

    await untilLogged(standby, 'that it leads', (line) => line.leader === true);
    await caughtUp();
    expect(await projected()).toBeGreaterThanOrEqual(before + backlog);
    const readModels = (): Promise<Record<string, unknown[]>> => dumpReadModels({ rows: (text) => sql(text) });
    const incremental = await readModels();
    // every child registered is in the read models: none lost behind the checkpoint the killed worker left
    const [registeredChildren] = await sql<{ n: string }>("SELECT count(*) AS n FROM events WHERE type = 'ChildRegistered'");
    expect(incremental.rm_children).toHaveLength(Number(registeredChildren.n));
    const answers = await managersView(one.baseUrl);
    expect(await managersView(two.baseUrl)).toEqual(answers);

    // `npm run projections:rebuild` refuses while a worker holds the read models: every worker stops first
    await standby.stop();
    const rebuild = startAppProcess('projections:rebuild', 'rebuild', environment(folder()));
    expect({ rebuild: await rebuild.ended, output: rebuild.output() }).toMatchObject({ rebuild: 0 });

    expect(await readModels()).toEqual(incremental);
    expect(await managersView(one.baseUrl)).toEqual(answers);
  }, 120_000);

  it('wrote nothing to any process’s working folder', () => {
    for (const dir of folders) expect([dir, readdirSync(dir)]).toEqual([dir, []]);
  });
});
