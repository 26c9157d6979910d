import type { AlertPage } from '@sj/alerts';
import { eventually, startSmtpSink, startWebhookReceiver, type SmtpSink, type WebhookReceiver } from '../../libs/alerts/src/testing/alert-peers';
import { recordEvent, request } from '../support/http';
import { startRedis, type RunningRedis } from '../support/redis-server';
import { startTestApp, type TestApp } from '../support/test-app';

const SECRET = 'panel-south-webhook-secret';

const suspension = (suspensionId: string, occurredOn: string) => ({
  type: 'SuspensionRecorded',
  occurredOn,
  data: { suspensionId, school: 'Hillside Academy', schoolDays: 2, reason: 'verbal-abuse-against-adult' },
});

/**
 * The whole system in one process, as `npm start` runs it: recording goes through HTTP, the worker's
 * consumer derives the alert from the log, the relay queues it in a real Redis, delivery posts a
 * signed webhook and sends an email. Redis is stopped in the middle: the API keeps recording, and
 * the alert is delivered once Redis is back.
 */
describe('An Area Inclusion Discussion survives a Redis outage', () => {
  let redis: RunningRedis;
  let webhook: WebhookReceiver;
  let smtp: SmtpSink;
  let app: TestApp;
  const savedEnv = { ...process.env };
  /** What beforeAll has started, stopped last-first by afterAll even when a later start failed. */
  const started: (() => Promise<void>)[] = [];

  beforeAll(async () => {
    redis = await startRedis();
    started.push(() => redis.stop());
    webhook = await startWebhookReceiver(SECRET);
    started.push(() => webhook.close());
    smtp = await startSmtpSink();
    started.push(() => smtp.close());
    Object.assign(process.env, {
      ALERT_CHANNELS: JSON.stringify({ 'panel:south': { webhook: { url: webhook.url, secret: SECRET }, email: 'panel.south@example.org' } }),
      SMTP_URL: smtp.url,
      ALERT_DELIVERY_BACKOFF_MS: '50',
      ALERT_RELAY_POLL_MS: '50',
    });
    app = await startTestApp({ withWorker: true, redisUrl: redis.url, clockToday: '2025-01-20' });
    started.push(() => app.close());
  });

  afterAll(async () => {
    for (const stop of started.reverse()) await stop();
    process.env = savedEnv;
  });

  it('records the third suspension while Redis is down, then delivers the panel alert once when it returns', async () => {
    await recordEvent(app.baseUrl, 'pupil-7', {
      type: 'ChildRegistered',
      occurredOn: '2024-09-02',
      data: { givenName: 'Jo', familyName: 'Sample', dateOfBirth: '2012-04-01', area: 'south', school: 'Hillside Academy', caseworker: 'cw-3' },
    });
    expect((await recordEvent(app.baseUrl, 'pupil-7', suspension('s-1', '2024-10-07'))).status).toBe(201);
    expect((await recordEvent(app.baseUrl, 'pupil-7', suspension('s-2', '2024-11-18'))).status).toBe(201);

    await redis.stop();
    const third = await recordEvent(app.baseUrl, 'pupil-7', suspension('s-3', '2025-01-13'));
    expect(third.status).toBe(201);

    await eventually('the alert is in the inbox', async () => {
      const inbox = await request<AlertPage>(app.baseUrl, 'GET', '/alerts?recipient=panel:south&status=open');
      return inbox.status === 200 && inbox.body.items.length === 1;
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(webhook.received).toHaveLength(0);

    await redis.restart();
    await eventually('the webhook and the email arrive', () => webhook.received.length === 1 && smtp.messages.length === 1, 20_000);
    expect(webhook.received[0]).toMatchObject({
      signatureValid: true,
      body: { alertId: 'aid:pupil-7:2024', recipient: 'panel:south', rule: 'area-inclusion-discussion' },
    });
    expect(smtp.messages[0].to).toEqual(['panel.south@example.org']);

    expect((await recordEvent(app.baseUrl, 'pupil-7', suspension('s-4', '2025-01-17'))).status).toBe(201);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const inbox = await request<AlertPage>(app.baseUrl, 'GET', '/alerts?recipient=panel:south&status=all');
    expect(inbox.body.items.map((a) => a.alertId)).toEqual(['aid:pupil-7:2024']);
    expect(webhook.received).toHaveLength(1);
    expect(smtp.messages).toHaveLength(1);
  });
});
