import { startWebhookReceiver, type WebhookReceiver } from '../../libs/alerts/src/testing/alert-peers';
import type { HealthResponse } from '../../apps/api/src/health/health.controller';
import { requiredEnv } from '../support/env';
import { request, type ErrorBody, type HttpResult } from '../support/http';
import { startRedis, type RunningRedis } from '../support/redis-server';
import { BEFORE_THE_THIRD_SUSPENSION, THIRD_SUSPENSION, THREE_SUSPENSIONS_CHILD } from '../support/three-suspensions';
import { canMountSmallDisk, fullStorageModes, startOnSmallDisk, type FullStorageMode, type SmallDiskApp } from '../support/small-disk';
import { until } from '../support/two-areas';

const TODAY = '2026-11-30';
/** Writes a test tries before the disk must have refused one: each needs new pages in a WAL file or two. */
const ATTEMPTS = 60;

const registration = (childId: string): unknown => ({
  type: 'ChildRegistered',
  occurredOn: '2026-09-01',
  data: { givenName: 'Rowan', familyName: `Fuller-${childId}`, dateOfBirth: '2015-03-04', area: 'taunton', school: 'Oakfield Primary' },
});

/**
 * Finding 3 of the load-and-faults review: a full disk killed the process, audited reads answered 500 and /health
 * said ok. Here the API and the worker run as real processes (`npm run start:api`, `npm run start:worker`) and the
 * test takes their storage away, then gives it back. Where the machine lets an unprivileged process mount one, DATA_DIR
 * is a 6 MiB tmpfs only they can see, filled as a runaway log file would fill it; on every machine the same stories
 * also run against size-limited databases: the processes may grow no file any further (RLIMIT_FSIZE), then may again.
 */
const MODES = fullStorageModes();

/**
 * What /health gives as the reason in each mode: a small disk refuses the probe's file; with size-limited databases on
 * a roomy disk, /health learns of it from the stores' "unavailable" answers.
 */
const HEALTH_REASON: Record<FullStorageMode, RegExp> = {
  tmpfs: /disk that holds DATA_DIR is full/,
  'size-limited database': /a store answered "unavailable" \([A-Z_]+\): nothing can be recorded/,
};

if (!canMountSmallDisk()) {
  describe.skip('finding 3: a full disk (tmpfs): not on this machine, which refuses an unprivileged tmpfs mount (unshare --user --mount); the size-limited database stories prove the same', () => {
    it('a full disk answers 503 and nothing was recorded (tmpfs)', () => undefined);
  });
}

describe.each(MODES)('finding 3: a full disk (%s)', (mode) => {
  let app: SmallDiskApp;
  const acknowledged: string[] = [];
  const refused: string[] = [];

  const register = (childId: string): Promise<HttpResult<ErrorBody>> =>
    request<ErrorBody>(app.baseUrl, 'POST', `/children/${childId}/events`, { json: registration(childId), headers: app.admin });
  const health = (): Promise<HttpResult<HealthResponse>> => request<HealthResponse>(app.baseUrl, 'GET', '/health');
  const failure = (what: string): string => `${what}\n--- last output of the app ---\n${app.process.output()}`;

  beforeAll(async () => {
    app = await startOnSmallDisk(mode, 'api+worker', 6, {
      REDIS_URL: requiredEnv('TEST_REDIS_URL'),
      QUEUE_PREFIX: `full-disk-${mode === 'tmpfs' ? 'tmpfs' : 'limited'}-${process.pid}`,
      CLOCK_TODAY: TODAY,
    });
    await until(
      'the worker to lead',
      () => Promise.resolve(app.process.logLines.some((line) => line.msg === 'alerts running') ? true : undefined),
      90_000,
    );
    for (const childId of ['before-1', 'before-2']) {
      const res = await register(childId);
      expect(res.status).toBe(201);
      acknowledged.push(childId);
    }
    await until('the consumers to catch up before the disk fills', async () =>
      (await health()).body.projections.caughtUp === true ? true : undefined,
    );
  }, 120_000);

  afterAll(async () => {
    await app.stop();
  });

  it('a full disk answers 503 and nothing was recorded', async () => {
    app.fill();
    let answer: HttpResult<ErrorBody> | undefined;
    for (let n = 0; n < ATTEMPTS && answer === undefined; n++) {
      const childId = `during-${n}`;
      const res = await register(childId);
      if (res.status === 201) acknowledged.push(childId);
      else {
        refused.push(childId);
        answer = res;
      }
    }
    if (answer === undefined) throw new Error(failure(`${ATTEMPTS} writes were accepted on a full disk`));
    expect(answer.status).toBe(503);
    expect(answer.body.message).toMatch(/nothing was recorded/);
    expect(answer.body.message).toMatch(/storage is full/);
    expect(answer.headers.get('retry-after')).toBe('30');
  });

  it('an audited read of a named child on a full disk answers 503 (its audit record cannot be written), never 500', async () => {
    const statuses: number[] = [];
    for (let n = 0; n < ATTEMPTS && !statuses.includes(503); n++) {
      statuses.push((await request(app.baseUrl, 'GET', '/children/before-1/journey', { headers: app.admin })).status);
    }
    expect(statuses).not.toContain(500);
    expect(statuses).toContain(503);
  });

  it('/health says degraded, with the reason, while the disk is full', async () => {
    const res = await health();
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('degraded');
    expect(res.body.storage).toMatchObject({ status: 'failing', reason: expect.stringMatching(HEALTH_REASON[mode]) as unknown });
  });

  it('the worker keeps running on a full disk: its projections and alert consumer back off and try again, and /health shows each one behind', async () => {
    app.free();
    // the worker is paused while the API records, so it meets these events only once the disk is full again
    const worker = app.workerPid;
    if (worker === undefined) throw new Error(failure('the worker wrote no pid'));
    process.kill(worker, 'SIGSTOP');
    try {
      for (const childId of ['while-worker-paused-1', 'while-worker-paused-2']) {
        const res = await register(childId);
        expect(res.status).toBe(201);
        acknowledged.push(childId);
      }
      app.fill();
    } finally {
      process.kill(worker, 'SIGCONT');
    }
    const failed = (context: string): number =>
      app.process.logLines.filter((line) => line.context === context && typeof line.msg === 'string' && line.msg.includes('failed; resubscribing'))
        .length;
    await until(
      'both consumers to fail twice on the full disk',
      () => Promise.resolve(failed('Projections') >= 2 && failed('Alerts') >= 2 ? true : undefined),
      30_000,
    ).catch((error: unknown) => {
      throw new Error(failure(String(error)));
    });
    expect(app.workerAlive()).toBe(true);
    expect(app.process.exited).toBe(false);

    const behind = (await health()).body;
    expect(behind.status).toBe('degraded');
    expect(behind.projections.caughtUp).toBe(false);
    expect(behind.projections.lag).toBeGreaterThan(0);
    expect(behind.projections.consumers.readModels).toMatchObject({ caughtUp: false, lag: expect.any(Number) as unknown });
    expect(behind.projections.consumers.alerts).toMatchObject({ caughtUp: false, lag: expect.any(Number) as unknown });
  });

  it('when space returns the service resumes by itself, without a restart, and every acknowledged write is there', async () => {
    app.free();
    const after = await until('a write to be accepted again', async () => ((await register('after-1')).status === 201 ? true : undefined), 30_000);
    expect(after).toBe(true);
    acknowledged.push('after-1');

    const healthy = await until(
      '/health to say ok with every consumer caught up',
      async () => {
        const res = await health();
        return res.body.status === 'ok' && res.body.projections.caughtUp === true ? res.body : undefined;
      },
      60_000,
    ).catch((error: unknown) => {
      throw new Error(failure(String(error)));
    });
    expect(healthy.storage.status).toBe('ok');
    expect(healthy.projections.consumers.readModels.caughtUp).toBe(true);
    expect(healthy.projections.consumers.alerts.caughtUp).toBe(true);
    expect(app.process.exited).toBe(false);
    expect(app.workerAlive()).toBe(true);

    for (const childId of acknowledged) {
      expect((await request(app.baseUrl, 'GET', `/children/${childId}/journey`, { headers: app.admin })).status).toBe(200);
    }
    for (const childId of refused) {
      expect((await request(app.baseUrl, 'GET', `/children/${childId}/journey`, { headers: app.admin })).status).toBe(404);
    }
  });
});

describe.each(MODES)('finding 3: the alert relay on a full disk (%s): an unhandled SQLITE_FULL in markQueued ended the process', (mode) => {
  const SECRET = 'panel-south-webhook-secret';
  let redis: RunningRedis;
  let webhook: WebhookReceiver;
  let app: SmallDiskApp;

  const record = async (event: unknown): Promise<void> => {
    expect((await request(app.baseUrl, 'POST', `/children/${THREE_SUSPENSIONS_CHILD}/events`, { json: event, headers: app.admin })).status).toBe(201);
  };

  beforeAll(async () => {
    redis = await startRedis();
    webhook = await startWebhookReceiver(SECRET);
    app = await startOnSmallDisk(mode, 'all', 6, {
      REDIS_URL: redis.url,
      CLOCK_TODAY: '2025-01-20',
      ALERT_CHANNELS: JSON.stringify({ 'panel:south': { webhook: { url: webhook.url, secret: SECRET } } }),
      ALERT_RELAY_POLL_MS: '50',
      ALERT_DELIVERY_BACKOFF_MS: '50',
    });
  }, 120_000);

  afterAll(async () => {
    await app.stop();
    await webhook.close();
    await redis.stop();
  });

  it('a notice the relay cannot mark queued on a full disk is tried again, the process lives on, and the panel hears of the alert once space returns', async () => {
    for (const event of BEFORE_THE_THIRD_SUSPENSION) await record(event);
    // Redis is down, so the third suspension's alert waits in the outbox, unqueued
    await redis.stop();
    await record(THIRD_SUSPENSION);
    await until('the alert to wait in the outbox', async () =>
      (await request<HealthResponse>(app.baseUrl, 'GET', '/health')).body.alerts.pending === true ? true : undefined,
    );

    app.fill();
    await redis.restart();
    await until(
      'the relay to fail to mark the notice queued',
      () =>
        Promise.resolve(
          app.process.logLines.some((line) => line.msg === 'alert relay cannot mark a notice queued; it tries again on its next round')
            ? true
            : undefined,
        ),
      30_000,
    ).catch((error: unknown) => {
      throw new Error(`${String(error)}\n--- last output of the app ---\n${app.process.output()}`);
    });
    expect(app.process.exited).toBe(false);

    app.free();
    await until(
      'the notice to be marked queued',
      async () => ((await request<HealthResponse>(app.baseUrl, 'GET', '/health')).body.alerts.pending === false ? true : undefined),
      30_000,
    );
    await until('the webhook to arrive', () => Promise.resolve(webhook.received.some((post) => post.status < 300) ? true : undefined), 30_000);
    expect(new Set(webhook.received.map((post) => post.body.alertId)).size).toBe(1);
    expect(webhook.received.every((post) => post.signatureValid)).toBe(true);
    expect(app.process.exited).toBe(false);
  });
});
