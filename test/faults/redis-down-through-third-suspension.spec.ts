import type { AlertPage } from '@sj/alerts';
import { loadConfig } from '@sj/config';
import { startWebhookReceiver, type WebhookReceiver } from '../../libs/alerts/src/testing/alert-peers';
import { killAllAppProcesses, startAppProcess, untilLogged, untilProcess, type AppProcess } from '../support/app-process';
import {
  adminToken,
  childRegistered,
  expectEnded,
  faultFolder,
  FAULT_STORY_MS,
  startServing,
  type FaultFolder,
  type ServingProcess,
} from '../support/fault-load';
import { recordEvent, request, type EventBody } from '../support/http';
import { startRedis, type RunningRedis } from '../support/redis-server';

const SECRET = 'panel-south-fault-test-secret';

const suspension = (suspensionId: string, occurredOn: string): EventBody => ({
  type: 'SuspensionRecorded',
  occurredOn,
  data: { suspensionId, school: 'south Primary', schoolDays: 1, reason: 'persistent-disruptive-behaviour' },
});

/*
 * The API and the worker as separate processes (`npm run start:api`, `npm run start:worker`, from the sources) on a
 * Redis of their own, with the south panel's webhook on loopback. Redis stops before a child's third suspension in a
 * school year (the Area Inclusion Discussion threshold, docs/domain-rules.md §6); both processes are stopped with
 * SIGTERM during the outage (each exits 0) and started again once Redis is back; the panel is told once.
 */
describe('Redis down through the third suspension, with the API and the worker stopped during the outage', () => {
  let redis: RunningRedis;
  let webhook: WebhookReceiver;
  let folder: FaultFolder;
  let api: ServingProcess;
  let auth: Record<string, string>;
  let env: Readonly<Record<string, string>>;

  const inbox = async (status: 'open' | 'all'): Promise<AlertPage> =>
    (await request<AlertPage>(api.baseUrl, 'GET', `/alerts?recipient=panel:south&status=${status}`, { headers: auth })).body;
  const record = async (childId: string, event: EventBody): Promise<void> => {
    expect((await recordEvent(api.baseUrl, childId, event, auth)).status).toBe(201);
  };
  const delivered = (): unknown[] => webhook.received.filter((r) => r.signatureValid).map((r) => r.body.alertId);

  beforeAll(async () => {
    redis = await startRedis();
    webhook = await startWebhookReceiver(SECRET);
    folder = faultFolder('redis-down', {
      REDIS_URL: redis.url,
      CLOCK_TODAY: '2025-01-20',
      ALERT_CHANNELS: JSON.stringify({ 'panel:south': { webhook: { url: webhook.url, secret: SECRET } } }),
      ALERT_DELIVERY_BACKOFF_MS: '50',
      ALERT_RELAY_POLL_MS: '50',
    });
    env = folder.env;
    api = await startServing('npm run start:api', 'api', env);
    auth = { Authorization: `Bearer ${await adminToken(loadConfig(env))}` };
  }, FAULT_STORY_MS);

  afterAll(async () => {
    await killAllAppProcesses();
    await webhook.close();
    await redis.stop();
    folder.remove();
  });

  it(
    'records the third suspension while Redis is down, and the panel gets exactly one inclusion alert once Redis is back',
    async () => {
      const worker: AppProcess = startAppProcess('npm run start:worker', 'worker', env);
      await untilLogged(worker, 'that it is ready', (line) => line.msg === 'worker ready');
      await record('pupil-9', childRegistered('south', 'cw-south'));
      await record('pupil-9', suspension('s-1', '2024-10-07'));
      await record('pupil-9', suspension('s-2', '2024-11-18'));

      await redis.stop();
      await record('pupil-9', suspension('s-3', '2025-01-13'));
      await untilProcess(worker, 'to raise the alert in the inbox', async () => ((await inbox('open')).items.length === 1 ? true : undefined));
      await worker.stop();
      await expectEnded(worker, 0);
      await api.process.stop();
      await expectEnded(api.process, 0);
      expect(delivered()).toEqual([]);

      await redis.restart();
      api = await startServing('npm run start:api, restarted', 'api', env);
      const restarted = startAppProcess('npm run start:worker, restarted', 'worker', env);
      await untilProcess(restarted, 'to deliver the alert', async () => (delivered().length > 0 ? true : undefined));

      // a fourth suspension, then another child's third: once that child's alert arrives, the fourth has been judged too
      await record('pupil-9', suspension('s-4', '2025-01-17'));
      await record('pupil-10', childRegistered('south', 'cw-south'));
      for (const [i, day] of ['2024-10-08', '2024-11-19', '2025-01-14'].entries()) await record('pupil-10', suspension(`s-${i + 1}`, day));
      await untilProcess(restarted, "to deliver the second child's alert", async () => (delivered().length > 1 ? true : undefined));

      expect(delivered()).toEqual(['aid:pupil-9:2024', 'aid:pupil-10:2024']);
      expect((await inbox('all')).items.map((a) => a.alertId).sort()).toEqual(['aid:pupil-10:2024', 'aid:pupil-9:2024']);
      await restarted.stop();
      await expectEnded(restarted, 0);
    },
    FAULT_STORY_MS,
  );
});
