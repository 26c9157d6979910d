import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@sj/config';
import type { HealthResponse } from '../../apps/api/src/health/health.controller';
import { killAllAppProcesses, startAppProcess, untilLogged, untilProcess, type AppProcess, type LogLine } from '../support/app-process';
import { tokenFor } from '../support/auth';
import { requiredEnv } from '../support/env';
import { request } from '../support/http';
import { freePort } from '../support/redis-server';
import { BEFORE_THE_THIRD_SUSPENSION, THIRD_SUSPENSION, THREE_SUSPENSIONS_CHILD } from '../support/three-suspensions';

const TODAY = '2025-01-20';
const SECRET = 'panel-south-webhook-secret';

/**
 * Finding 7 of the load-and-faults review, its alert half, and the "never a silent skip" rule for alert channels:
 * `npm start` as a real process, its channels pointing at real ports where nothing listens, or not configured at all.
 */
describe('alert channels that cannot carry alerts are said so, in the logs and on /health', () => {
  const folders: string[] = [];
  let app: AppProcess | undefined;

  afterEach(async () => {
    await app?.stop();
    app = undefined;
  });

  afterAll(async () => {
    await killAllAppProcesses();
    for (const folder of folders) rmSync(folder, { recursive: true, force: true });
  });

  const health = (running: AppProcess, baseUrl: string, what: string, ok: (body: HealthResponse) => boolean): Promise<HealthResponse> =>
    untilProcess(running, what, () =>
      request<HealthResponse>(baseUrl, 'GET', '/health').then(
        (res) => (ok(res.body) ? res.body : undefined),
        () => undefined,
      ),
    );

  async function startAll(env: Readonly<Record<string, string>>): Promise<{ app: AppProcess; baseUrl: string; dataDir: string }> {
    const dataDir = mkdtempSync(join(tmpdir(), 'sj-alert-channels-'));
    folders.push(dataDir);
    const port = String(await freePort());
    const started = startAppProcess('npm start', 'all', {
      PORT: port,
      DATA_DIR: dataDir,
      REDIS_URL: requiredEnv('TEST_REDIS_URL'),
      QUEUE_PREFIX: `alert-channels-${process.pid}-${folders.length}`,
      CLOCK_TODAY: TODAY,
      LOG_LEVEL: 'info',
      ALERT_RELAY_POLL_MS: '50',
      ALERT_DELIVERY_BACKOFF_MS: '50',
      ...env,
    });
    app = started;
    const baseUrl = `http://127.0.0.1:${port}`;
    await untilLogged(started, 'that alerts run', (line) => line.msg === 'alerts running');
    await health(started, baseUrl, 'to listen', () => true);
    return { app: started, baseUrl, dataDir };
  }

  async function raisePanelAlert(baseUrl: string, dataDir: string): Promise<void> {
    const token = await tokenFor({ config: loadConfig({ DATA_DIR: dataDir }) }, { sub: 'cw-3', role: 'admin', areas: '*' });
    const headers = { Authorization: `Bearer ${token}` };
    const record = async (event: unknown): Promise<void> => {
      expect((await request(baseUrl, 'POST', `/children/${THREE_SUSPENSIONS_CHILD}/events`, { json: event, headers })).status).toBe(201);
    };
    for (const event of [...BEFORE_THE_THIRD_SUSPENSION, THIRD_SUSPENSION]) await record(event);
  }

  it('finding 7: a webhook refusing connections and an SMTP server that is down are a loud warning at start, on every failed delivery, and a degraded /health naming each', async () => {
    const closedWebhookPort = await freePort();
    const closedSmtpPort = await freePort();
    const {
      app: running,
      baseUrl,
      dataDir,
    } = await startAll({
      ALERT_CHANNELS: JSON.stringify({
        'panel:south': { webhook: { url: `http://127.0.0.1:${closedWebhookPort}/alerts`, secret: SECRET }, email: 'panel.south@example.org' },
      }),
      SMTP_URL: `smtp://127.0.0.1:${closedSmtpPort}`,
    });
    const problem = (channel: string) => (line: LogLine) =>
      typeof line.msg === 'string' && line.msg.startsWith('ALERT CHANNEL PROBLEM') && line.channel === channel && line.kind === 'unreachable';
    expect(await untilLogged(running, 'that the webhook cannot be reached', problem('webhook'))).toMatchObject({
      level: 'warn',
      recipient: 'panel:south',
      problem: expect.stringContaining('ECONNREFUSED') as unknown,
    });
    expect(await untilLogged(running, 'that the SMTP server cannot be reached', problem('email'))).toMatchObject({ level: 'warn' });

    const degraded = await health(running, baseUrl, '/health to name the unreachable channels', (body) => body.alerts.status === 'degraded');
    expect(degraded.status).toBe('degraded');
    expect(degraded.alerts.problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          recipient: 'panel:south',
          channel: 'webhook',
          kind: 'unreachable',
          problem: expect.stringContaining('ECONNREFUSED') as unknown,
        }),
        expect.objectContaining({ channel: 'email', kind: 'unreachable' }),
      ]),
    );
    // /health is public: it names recipients and kinds of channel, never a URL or a secret
    expect(JSON.stringify(degraded)).not.toContain(String(closedWebhookPort));
    expect(JSON.stringify(degraded)).not.toContain(SECRET);

    await raisePanelAlert(baseUrl, dataDir);
    expect(
      await untilLogged(
        running,
        'a failed webhook delivery',
        (line) => line.msg === 'alert delivery failed; will retry' && line.channel === 'webhook',
      ),
    ).toMatchObject({ level: 'warn', recipient: 'panel:south', error: expect.stringMatching(/fetch failed|ECONNREFUSED/) as unknown });
  }, 120_000);

  it('finding 7: a worker started without alert channels says, for each recipient, that its alerts reach the in-app inbox only, and /health lists the gap', async () => {
    const { app: running, baseUrl, dataDir } = await startAll({});
    await raisePanelAlert(baseUrl, dataDir);
    expect(
      await untilLogged(
        running,
        'that the panel alert goes no further than the inbox',
        (line) => typeof line.msg === 'string' && line.msg.startsWith('ALERT NOT SENT'),
      ),
    ).toMatchObject({ level: 'warn', recipient: 'panel:south' });

    const answer = await health(running, baseUrl, '/health to answer', () => true);
    expect(answer.alerts.problems).toEqual([expect.objectContaining({ channel: 'configuration', kind: 'none-configured' })]);
  }, 120_000);
});
