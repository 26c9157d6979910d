import { expect } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type Redis from 'ioredis';
import { JOURNEY_EVENT_SCHEMA_VERSIONS, type JourneyEvent } from '@sj/domain';
import { encodeJourneyEvent, journeyStreamId, SqliteEventStore } from '@sj/event-store';
import { closeRedis, createRedisConnection } from '@sj/queues';
import { alertsDatabaseFile, loadAlertsConfig, SqliteAlertStore, startAlertPipeline, type AlertPipeline, type SweepCandidates } from '@sj/alerts';
import { eventually, startSmtpSink, startWebhookReceiver, type SmtpSink, type WebhookReceiver } from '../../libs/alerts/src/testing/alert-peers';
import { requiredEnv } from '../support/env';
import { startRedis, type RunningRedis } from '../support/redis-server';

/** These stories project no read models, so the daily sweep finds no clock due. */
const noClocksProjected: SweepCandidates = () => Promise.resolve([]);
const SECRET = 'panel-north-shared-secret';

/** One worker's alerting over a real SQLite store, real Redis, a real webhook receiver and a real SMTP server. */
interface Harness {
  readonly dir: string;
  readonly store: SqliteEventStore;
  readonly alerts: SqliteAlertStore;
  readonly webhook: WebhookReceiver;
  readonly smtp: SmtpSink;
  pipeline: AlertPipeline;
  /** Appends the event as recorded on `recordedOn` (default: its own date); returns its event id. */
  record(childId: string, event: JourneyEvent, recordedOn?: string): Promise<string>;
  /** The panel's alerts by id, with when each was last queued for delivery. */
  alertRows(): Promise<{ alertId: string; queuedAt: string | null }[]>;
  restartPipeline(): Promise<void>;
  close(): Promise<void>;
}

async function harness(options: { redisUrl?: string; failFirst?: number } = {}): Promise<Harness> {
  const dir = mkdtempSync(join(tmpdir(), 'sj-alerts-'));
  const store = new SqliteEventStore(join(dir, 'events.sqlite'), { pollIntervalMs: 10 });
  const alerts = SqliteAlertStore.open(alertsDatabaseFile(dir));
  const webhook = await startWebhookReceiver(SECRET, { failFirst: options.failFirst ?? 0 });
  const smtp = await startSmtpSink();
  const redisUrl = options.redisUrl ?? requiredEnv('TEST_REDIS_URL');
  const connections: Redis[] = [];
  const prefix = `t-${randomUUID()}`;
  const config = loadAlertsConfig({
    ALERT_CHANNELS: JSON.stringify({ 'panel:north': { webhook: { url: webhook.url, secret: SECRET }, email: 'panel.north@example.org' } }),
    SMTP_URL: smtp.url,
    ALERT_DELIVERY_BACKOFF_MS: '50',
    ALERT_RELAY_POLL_MS: '50',
  });
  const revisions = new Map<string, number>();
  const start = (): Promise<AlertPipeline> => {
    const producer = createRedisConnection(redisUrl, 'producer');
    const workerConnection = createRedisConnection(redisUrl, 'worker');
    for (const c of [producer, workerConnection]) c.on('error', () => undefined);
    connections.push(producer, workerConnection);
    return startAlertPipeline({
      store,
      alerts,
      sweepCandidates: noClocksProjected,
      producer,
      workerConnection,
      config,
      warningWindowDays: 14,
      today: () => '2025-01-20',
      now: () => new Date(),
      prefix,
    });
  };
  const h: Harness = {
    dir,
    store,
    alerts,
    webhook,
    smtp,
    pipeline: await start(),
    record: async (childId, event, recordedOn = event.occurredOn) => {
      const revision = revisions.get(childId) ?? -1;
      const eventId = randomUUID();
      await store.append(
        journeyStreamId(childId),
        [
          encodeJourneyEvent(event, {
            eventId,
            recordedAt: `${recordedOn}T10:00:00.000Z`,
            recordedBy: 'test',
            correlationId: eventId,
            schemaVersion: JOURNEY_EVENT_SCHEMA_VERSIONS[event.type],
          }),
        ],
        revision < 0 ? 'no-stream' : revision,
      );
      revisions.set(childId, revision + 1);
      return eventId;
    },
    alertRows: async () =>
      (await alerts.listAlerts({ recipient: 'panel:north', status: 'all', page: 1, pageSize: 50 })).items
        .map((a) => ({ alertId: a.alertId, queuedAt: a.queuedAt }))
        .sort((a, b) => a.alertId.localeCompare(b.alertId)),
    restartPipeline: async () => {
      await h.pipeline.close();
      h.pipeline = await start();
    },
    close: async () => {
      await h.pipeline.close();
      await Promise.all(connections.map((c) => closeRedis(c)));
      await alerts.close();
      await store.close();
      await Promise.all([webhook.close(), smtp.close()]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return h;
}

const registered: JourneyEvent = {
  type: 'ChildRegistered',
  occurredOn: '2024-09-02',
  data: { givenName: 'Alex', familyName: 'Example', dateOfBirth: '2015-10-15', area: 'north', school: 'Oakfield Primary', caseworker: 'cw-7' },
};
const suspension = (suspensionId: string, occurredOn: string): JourneyEvent => ({
  type: 'SuspensionRecorded',
  occurredOn,
  data: { suspensionId, school: 'Oakfield Primary', schoolDays: 1, reason: 'persistent-disruptive-behaviour' },
});

const settle = (ms = 400): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe('alerts: three suspensions reach the area panel once, never lost', () => {
  it('raises one Area Inclusion Discussion, delivered once by signed webhook and once by email; a 4th suspension and a rebuild add nothing', async () => {
    const h = await harness();
    try {
      await h.record('c1', registered);
      await h.record('c1', suspension('s1', '2024-10-01'));
      await h.record('c1', suspension('s2', '2024-11-05'));
      await settle(200);
      expect(await h.alertRows()).toEqual([]);

      await h.record('c1', suspension('s3', '2025-01-14'));
      await eventually('the webhook and the email arrived', () => h.webhook.received.length === 1 && h.smtp.messages.length === 1);
      expect(await h.alertRows()).toEqual([{ alertId: 'aid:c1:2024', queuedAt: expect.any(String) }]);

      const [hook] = h.webhook.received;
      expect(hook.signatureValid).toBe(true);
      expect(hook.body).toMatchObject({
        alertId: 'aid:c1:2024',
        rule: 'area-inclusion-discussion',
        childId: 'c1',
        area: 'north',
        recipient: 'panel:north',
        link: '/children/c1/journey',
        facts: { schoolYear: 2024, suspensionIds: ['s1', 's2', 's3'] },
      });
      const [mail] = h.smtp.messages;
      expect(mail.to).toEqual(['panel.north@example.org']);
      expect(mail.raw).toContain('/children/c1/journey');
      for (const text of [JSON.stringify(hook.body), mail.raw]) expect(text).not.toMatch(/Alex|Example|Oakfield|2015-10-15|cw-7/);

      await h.record('c1', suspension('s4', '2025-01-16'));
      await h.pipeline.consumer.rebuild();
      await h.restartPipeline();
      await settle();
      expect((await h.alertRows()).map((r) => r.alertId)).toEqual(['aid:c1:2024']);
      expect(h.webhook.received).toHaveLength(1);
      expect(h.smtp.messages).toHaveLength(1);
      const delivery = { alertId: 'aid:c1:2024', notice: 'raised' as const, episode: 1, recipient: 'panel:north' };
      expect(await h.alerts.isDelivered({ ...delivery, channel: 'email' })).toBe(true);
      expect(await h.alerts.isDelivered({ ...delivery, channel: 'webhook' })).toBe(true);
    } finally {
      await h.close();
    }
  });

  it('while Redis is down the alert waits in the outbox, and arrives once Redis is back', async () => {
    const redis: RunningRedis = await startRedis();
    const h = await harness({ redisUrl: redis.url });
    try {
      await h.record('c2', registered);
      await h.record('c2', suspension('s1', '2024-10-01'));
      await h.record('c2', suspension('s2', '2024-11-05'));
      await redis.stop();

      await h.record('c2', suspension('s3', '2025-01-14'));
      await eventually('the alert row exists', async () => (await h.alertRows()).length === 1);
      await settle(300);
      expect(await h.alertRows()).toEqual([{ alertId: 'aid:c2:2024', queuedAt: null }]);
      expect(h.webhook.received).toHaveLength(0);

      await redis.restart();
      await eventually('the alert arrived after the outage', () => h.webhook.received.length === 1 && h.smtp.messages.length === 1, 20_000);
      expect((await h.alertRows())[0].queuedAt).not.toBeNull();
      expect(h.webhook.received[0].body).toMatchObject({ alertId: 'aid:c2:2024' });
    } finally {
      await h.close();
      await redis.stop();
    }
  });

  it('a webhook receiver that fails twice gets the alert once, after retries', async () => {
    const h = await harness({ failFirst: 2 });
    try {
      await h.record('c3', registered);
      await h.record('c3', {
        type: 'PermanentExclusionRecorded',
        occurredOn: '2025-01-15',
        data: { exclusionId: 'x1', school: 'Oakfield Primary', reason: 'damage' },
      });
      await eventually('the third attempt succeeded', () => h.webhook.received.some((r) => r.status === 204));
      await settle();
      expect(h.webhook.received.map((r) => r.status)).toEqual([503, 503, 204]);
      expect(h.webhook.received.every((r) => r.signatureValid && r.body.alertId === 'pex:c3:x1')).toBe(true);
      expect(h.smtp.messages).toHaveLength(1);
      const counts = await h.pipeline.queue.getJobCounts('failed', 'completed');
      expect(counts).toEqual({ failed: 0, completed: 2 });
    } finally {
      await h.close();
    }
  });

  it('suspensions typed after their school year ended still reach the panel', async () => {
    const h = await harness();
    try {
      await h.record('c4', registered, '2025-09-15');
      for (const [id, on] of [
        ['s1', '2025-03-03'],
        ['s2', '2025-05-12'],
        ['s3', '2025-07-01'],
      ] as const)
        await h.record('c4', suspension(id, on), '2025-09-15');
      await eventually('the webhook and the email arrived', () => h.webhook.received.length === 1 && h.smtp.messages.length === 1);
      expect(h.webhook.received[0].body).toMatchObject({ alertId: 'aid:c4:2024', notice: 'raised', facts: { thresholdReachedOn: '2025-07-01' } });
    } finally {
      await h.close();
    }
  });

  it('a migration of history older than the previous school year raises nothing', async () => {
    const h = await harness();
    try {
      await h.record('c4', registered, '2025-10-06');
      for (const [id, on] of [
        ['s1', '2023-10-02'],
        ['s2', '2023-11-06'],
        ['s3', '2024-01-15'],
      ] as const)
        await h.record('c4', suspension(id, on), '2025-10-06');
      await eventually('the consumer caught up', () => h.pipeline.consumer.checkpoint !== undefined && h.pipeline.consumer.isCaughtUp);
      await settle(200);
      expect(await h.alertRows()).toEqual([]);
      expect(h.webhook.received).toHaveLength(0);
    } finally {
      await h.close();
    }
  });

  it('voiding the third suspension tells the panel once, by the same channels, that the alert is withdrawn; a later third reopens it and tells them once more', async () => {
    const h = await harness();
    try {
      await h.record('c6', registered);
      await h.record('c6', suspension('s1', '2024-10-01'));
      await h.record('c6', suspension('s2', '2024-11-05'));
      const third = await h.record('c6', suspension('s3', '2025-01-14'));
      await eventually('the raise arrived', () => h.webhook.received.length === 1 && h.smtp.messages.length === 1);

      await h.record('c6', { type: 'EventVoided', occurredOn: '2025-01-16', data: { eventId: third, reason: 'recorded against the wrong pupil' } });
      await eventually('the withdrawal arrived', () => h.webhook.received.length === 2 && h.smtp.messages.length === 2);
      const withdrawn = h.webhook.received[1];
      expect(withdrawn.signatureValid).toBe(true);
      expect(withdrawn.body).toMatchObject({
        alertId: 'aid:c6:2024',
        notice: 'withdrawn',
        episode: 1,
        recipient: 'panel:north',
        withdrawnReason: 'suspension s3 voided: fewer than 3 counted suspensions in school year 2024/25',
        withdrawnAt: expect.any(String),
      });
      expect(h.smtp.messages[1].raw).toContain('Withdrawn: Area Inclusion Discussion needed');
      expect(h.smtp.messages[1].raw).not.toMatch(/wrong pupil/);

      await h.record('c6', suspension('s4', '2025-02-03'));
      await eventually('the reopening arrived', () => h.webhook.received.length === 3 && h.smtp.messages.length === 3);
      expect(h.webhook.received[2].body).toMatchObject({
        alertId: 'aid:c6:2024',
        notice: 'raised',
        episode: 2,
        facts: { suspensionIds: ['s1', 's2', 's4'] },
      });

      await h.pipeline.consumer.rebuild();
      await h.restartPipeline();
      await settle();
      expect(h.webhook.received).toHaveLength(3);
      expect(h.smtp.messages).toHaveLength(3);
      const jobIds = (await h.pipeline.queue.getJobs(['completed'])).map((job) => job.id).sort();
      expect(jobIds).toEqual([
        'aid%3Ac6%3A2024|raised-1|email|panel%3Anorth',
        'aid%3Ac6%3A2024|raised-1|webhook|panel%3Anorth',
        'aid%3Ac6%3A2024|raised-2|email|panel%3Anorth',
        'aid%3Ac6%3A2024|raised-2|webhook|panel%3Anorth',
        'aid%3Ac6%3A2024|withdrawn-1|email|panel%3Anorth',
        'aid%3Ac6%3A2024|withdrawn-1|webhook|panel%3Anorth',
      ]);
    } finally {
      await h.close();
    }
  });

  it('a permanent failure (a 4xx from the webhook) stops retrying and stays visible as failed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sj-alerts-'));
    const h = await harness();
    try {
      const gone = await startWebhookReceiver(SECRET, { status: 410 });
      try {
        const producer = createRedisConnection(requiredEnv('TEST_REDIS_URL'), 'producer');
        const workerConnection = createRedisConnection(requiredEnv('TEST_REDIS_URL'), 'worker');
        const config = loadAlertsConfig({
          ALERT_CHANNELS: JSON.stringify({ 'panel:north': { webhook: { url: gone.url, secret: SECRET } } }),
          ALERT_DELIVERY_BACKOFF_MS: '20',
          ALERT_RELAY_POLL_MS: '50',
        });
        const alerts = SqliteAlertStore.open(alertsDatabaseFile(dir));
        const pipeline = await startAlertPipeline({
          store: h.store,
          alerts,
          sweepCandidates: noClocksProjected,
          producer,
          workerConnection,
          config,
          warningWindowDays: 14,
          today: () => '2025-01-20',
          now: () => new Date(),
          prefix: `t-${randomUUID()}`,
        });
        try {
          await h.record('c5', registered);
          await h.record('c5', {
            type: 'PermanentExclusionRecorded',
            occurredOn: '2025-01-15',
            data: { exclusionId: 'x1', school: 'Oakfield Primary', reason: 'damage' },
          });
          await eventually('the job failed', async () => (await pipeline.queue.getJobCounts('failed')).failed === 1);
          await settle(300);
          expect(gone.received).toHaveLength(1);
          const [failed] = await pipeline.queue.getFailed();
          expect(failed.failedReason).toBe('webhook answered 410');
        } finally {
          await pipeline.close();
          await alerts.close();
          await closeRedis(producer);
          await closeRedis(workerConnection);
        }
      } finally {
        await gone.close();
      }
    } finally {
      await h.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
