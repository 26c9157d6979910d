import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Redis from 'ioredis';
import { SqliteEventStore } from '@sj/event-store';
import { closeRedis, createRedisConnection } from '@sj/queues';
import {
  ALERTS_SCHEMA_VERSION,
  alertsDatabaseFile,
  loadAlertsConfig,
  openAlertsDatabase,
  SqliteAlertStore,
  startAlertPipeline,
  type SweepCandidates,
} from '@sj/alerts';
import { eventually, startWebhookReceiver, type WebhookReceiver } from '../../libs/alerts/src/testing/alert-peers';
import { requiredEnv } from '../support/env';

/** These stories project no read models, so the daily sweep finds no clock due. */
const noClocksProjected: SweepCandidates = () => Promise.resolve([]);
const SECRET = 'panel-north-shared-secret';

/** `alerts.sqlite` exactly as the first release wrote it: no schema version, alerts raised once, deliveries per alert. */
function writeFirstReleaseFile(file: string): void {
  const db = new Database(file);
  db.exec(`
    CREATE TABLE alerts (
      alert_id TEXT PRIMARY KEY, rule TEXT NOT NULL, child_id TEXT NOT NULL, area TEXT NOT NULL, period TEXT NOT NULL,
      recipients TEXT NOT NULL, facts TEXT NOT NULL, created_at TEXT NOT NULL, queued_at TEXT, acknowledged_at TEXT, acknowledged_by TEXT
    );
    CREATE INDEX alerts_unqueued ON alerts (queued_at, created_at);
    CREATE TABLE alert_recipients (recipient TEXT NOT NULL, alert_id TEXT NOT NULL REFERENCES alerts (alert_id), PRIMARY KEY (recipient, alert_id));
    CREATE TABLE deliveries (alert_id TEXT NOT NULL, channel TEXT NOT NULL, recipient TEXT NOT NULL, delivered_at TEXT NOT NULL, UNIQUE (alert_id, channel, recipient));
    CREATE TABLE checkpoint (id INTEGER PRIMARY KEY CHECK (id = 1), position TEXT, updated_at TEXT NOT NULL);
    INSERT INTO alerts VALUES
      ('aid:c1:2024', 'area-inclusion-discussion', 'c1', 'north', '2024', '["panel:north"]', '{"schoolYear":2024}', '2025-01-14T10:00:00.000Z', '2025-01-14T10:00:01.000Z', '2025-01-15T09:00:00.000Z', 'panel-chair'),
      ('pex:c2:x1', 'permanent-exclusion', 'c2', 'north', '2025-01-15', '["panel:north"]', '{"exclusionId":"x1"}', '2025-01-16T10:00:00.000Z', NULL, NULL, NULL);
    INSERT INTO alert_recipients VALUES ('panel:north', 'aid:c1:2024'), ('panel:north', 'pex:c2:x1');
    INSERT INTO deliveries VALUES ('aid:c1:2024', 'webhook', 'panel:north', '2025-01-14T10:00:02.000Z');
    INSERT INTO checkpoint VALUES (1, '42', '2025-01-16T10:00:00.000Z');
  `);
  db.close();
}

describe('alerts: a file from the first release is migrated in place', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'sj-alerts-migration-'));
    writeFirstReleaseFile(alertsDatabaseFile(dir));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps every alert, its acknowledgement, its deliveries and the checkpoint; each existing alert is open or acknowledged', async () => {
    const alerts = SqliteAlertStore.open(alertsDatabaseFile(dir));
    try {
      const all = (await alerts.listAlerts({ recipient: 'panel:north', status: 'all', page: 1, pageSize: 50 })).items;
      expect(all.map((a) => [a.alertId, a.status, a.acknowledgedBy, a.withdrawnReason])).toEqual([
        ['pex:c2:x1', 'open', null, null],
        ['aid:c1:2024', 'acknowledged', 'panel-chair', null],
      ]);
      expect(await alerts.isDelivered({ alertId: 'aid:c1:2024', notice: 'raised', episode: 1, channel: 'webhook', recipient: 'panel:north' })).toBe(
        true,
      );
      expect(await alerts.checkpoint()).toBe('42');
      expect((await alerts.unqueuedNotices(10)).map((n) => [n.alertId, n.notice, n.episode])).toEqual([['pex:c2:x1', 'raised', 1]]);
      expect(await alerts.findNotice('aid:c1:2024', 'raised', 1)).toBeDefined();
    } finally {
      await alerts.close();
    }
    // opened again, the file is at the newest version and nothing was migrated twice
    const again = openAlertsDatabase(alertsDatabaseFile(dir));
    expect(again.pragma('user_version', { simple: true })).toBe(ALERTS_SCHEMA_VERSION);
    expect(again.prepare('SELECT COUNT(*) AS n FROM alert_notices').get()).toEqual({ n: 2 });
    again.close();
  });

  it('after the upgrade the alert still waiting in the outbox is delivered once, and the one already delivered is not sent again', async () => {
    const webhook: WebhookReceiver = await startWebhookReceiver(SECRET);
    const store = new SqliteEventStore(join(dir, 'events.sqlite'), { pollIntervalMs: 10 });
    const alerts = SqliteAlertStore.open(alertsDatabaseFile(dir));
    const connections: Redis[] = [
      createRedisConnection(requiredEnv('TEST_REDIS_URL'), 'producer'),
      createRedisConnection(requiredEnv('TEST_REDIS_URL'), 'worker'),
    ];
    const pipeline = await startAlertPipeline({
      store,
      alerts,
      sweepCandidates: noClocksProjected,
      producer: connections[0],
      workerConnection: connections[1],
      config: loadAlertsConfig({
        ALERT_CHANNELS: JSON.stringify({ 'panel:north': { webhook: { url: webhook.url, secret: SECRET } } }),
        ALERT_RELAY_POLL_MS: '50',
      }),
      warningWindowDays: 14,
      today: () => '2025-01-20',
      now: () => new Date(),
      prefix: `t-${randomUUID()}`,
    });
    try {
      await eventually('the waiting alert arrived', () => webhook.received.length === 1);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(webhook.received.map((r) => [r.body.alertId, r.body.notice, r.signatureValid])).toEqual([['pex:c2:x1', 'raised', true]]);
    } finally {
      await pipeline.close();
      await Promise.all(connections.map((c) => closeRedis(c)));
      await alerts.close();
      await store.close();
      await webhook.close();
    }
  });

  it('refuses a file written by a newer release instead of guessing at its shape', () => {
    const newer = new Database(alertsDatabaseFile(dir));
    newer.pragma(`user_version = ${ALERTS_SCHEMA_VERSION + 1}`);
    newer.close();
    expect(() => openAlertsDatabase(alertsDatabaseFile(dir))).toThrow(/newer than this release understands/);
  });
});
