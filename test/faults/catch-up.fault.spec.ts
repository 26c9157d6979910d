import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { alertsDatabaseFile } from '@sj/alerts';
import { loadDemoCaseload } from '@sj/demo';
import { SqliteEventStore } from '@sj/event-store';
import type { HealthResponse } from '../../apps/api/src/health/health.controller';
import { killAllAppProcesses, startAppProcess, untilProcess, type AppProcess } from '../support/app-process';
import { requiredEnv } from '../support/env';
import { request } from '../support/http';
import { freePort } from '../support/redis-server';

const TODAY = '2026-11-30';
/** A seeded synthetic caseload of some thousands of events: long enough that reading it takes the consumers a while. */
const CHILDREN = 400;

/**
 * Finding 1 of the load-and-faults review, its start-up and /health half: over a long log with the alert store
 * removed, `npm start` did not listen for minutes (the catch-up held the event loop), and /health said
 * `caughtUp: true, lag: 0` while the alert consumer stood half-way. Real processes over a real SQLite log.
 */
describe('/health lag covers every consumer, and start-up never waits on a long catch-up', () => {
  let dataDir: string;
  let head: number;
  let app: AppProcess | undefined;

  const env = async (): Promise<{ readonly PORT: string } & Record<string, string>> => ({
    PORT: String(await freePort()),
    DATA_DIR: dataDir,
    REDIS_URL: requiredEnv('TEST_REDIS_URL'),
    QUEUE_PREFIX: `catch-up-${process.pid}`,
    CLOCK_TODAY: TODAY,
    LOG_LEVEL: 'info',
  });
  const health = async (running: AppProcess, port: string): Promise<HealthResponse> =>
    untilProcess(running, '/health to answer', () =>
      request<HealthResponse>(`http://127.0.0.1:${port}`, 'GET', '/health').then(
        (res) => res.body,
        () => undefined,
      ),
    );

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'sj-catch-up-'));
    const store = new SqliteEventStore(join(dataDir, 'events.sqlite'));
    try {
      const loaded = await loadDemoCaseload(store, { seed: 7, children: CHILDREN, today: TODAY, recordedAt: () => new Date(`${TODAY}T09:00:00Z`) });
      head = loaded.events;
    } finally {
      await store.close();
    }
  }, 120_000);

  afterEach(async () => {
    await app?.stop();
    app = undefined;
  });

  afterAll(async () => {
    await killAllAppProcesses();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('finding 1: an API over a log no consumer has read yet says each consumer is behind by the whole log, and not caught up', async () => {
    const settings = await env();
    app = startAppProcess('api', 'api', settings);
    const answer = await health(app, settings.PORT);
    expect(answer.projections).toMatchObject({
      head: String(head),
      lag: head,
      caughtUp: false,
      consumers: { readModels: { checkpoint: null, lag: head, caughtUp: false }, alerts: { checkpoint: null, lag: head, caughtUp: false } },
    });
  });

  it('finding 1: npm start over that log, its alert store removed, answers /health while its consumers catch up in the background, and says caught up only once every consumer is', async () => {
    rmSync(alertsDatabaseFile(dataDir), { force: true });
    const settings = await env();
    const port = settings.PORT;
    app = startAppProcess('npm start', 'all', settings);
    const first = await health(app, port);
    // the process listened before its consumers had read the log: they were still behind when it first answered
    expect(first.projections.caughtUp).toBe(false);
    expect(first.projections.lag).toBeGreaterThan(0);
    const behind = [first.projections.consumers.readModels, first.projections.consumers.alerts].filter((consumer) => consumer.caughtUp === false);
    expect(behind.length).toBeGreaterThan(0);

    const running = app;
    const caughtUp = await untilProcess(
      running,
      'every consumer to catch up',
      () =>
        request<HealthResponse>(`http://127.0.0.1:${port}`, 'GET', '/health').then((res) =>
          res.body.projections.caughtUp === true ? res.body : undefined,
        ),
      180_000,
    );
    expect(caughtUp.projections).toMatchObject({
      lag: 0,
      head: String(head),
      consumers: { readModels: { lag: 0, caughtUp: true }, alerts: { lag: 0, caughtUp: true } },
    });
  }, 240_000);
});
