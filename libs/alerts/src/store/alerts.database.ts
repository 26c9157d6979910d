import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';

export type AlertsDb = Database.Database;

/** Alerts live in their own file: unlike read models they are not disposable (acknowledgements, deliveries). */
export function alertsDatabaseFile(dataDir: string): string {
  return join(dataDir, 'alerts.sqlite');
}

/**
 * The alert file's schema, one step per version (`PRAGMA user_version`). Files written before
 * versions were recorded are at 0 and hold version 1's tables, which step 1 leaves as they are.
 */
const MIGRATIONS: readonly string[] = [
  // 1: alerts raised once, their recipients, deliveries, the consumer's checkpoint.
  `
    CREATE TABLE IF NOT EXISTS alerts (
      alert_id TEXT PRIMARY KEY,
      rule TEXT NOT NULL,
      child_id TEXT NOT NULL,
      area TEXT NOT NULL,
      period TEXT NOT NULL,
      recipients TEXT NOT NULL,
      facts TEXT NOT NULL,
      created_at TEXT NOT NULL,
      queued_at TEXT,
      acknowledged_at TEXT,
      acknowledged_by TEXT
    );
    CREATE INDEX IF NOT EXISTS alerts_unqueued ON alerts (queued_at, created_at);
    CREATE TABLE IF NOT EXISTS alert_recipients (
      recipient TEXT NOT NULL,
      alert_id TEXT NOT NULL REFERENCES alerts (alert_id),
      PRIMARY KEY (recipient, alert_id)
    );
    CREATE TABLE IF NOT EXISTS deliveries (
      alert_id TEXT NOT NULL,
      channel TEXT NOT NULL,
      recipient TEXT NOT NULL,
      delivered_at TEXT NOT NULL,
      UNIQUE (alert_id, channel, recipient)
    );
    CREATE TABLE IF NOT EXISTS checkpoint (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      position TEXT,
      updated_at TEXT NOT NULL
    );
  `,
  // 2: an alert can be withdrawn and reopened (docs/domain-rules.md §6). Each raise and each
  // withdrawal is a notice of its own in the outbox, numbered by episode (1 = first raised, 2 = first
  // reopened, ...), and a delivery is recorded per notice. Existing alerts are episode 1, their
  // queued and delivered state carried over, so nothing is sent again.
  `
    ALTER TABLE alerts ADD COLUMN episode INTEGER NOT NULL DEFAULT 1;
    ALTER TABLE alerts ADD COLUMN reopened_at TEXT;
    ALTER TABLE alerts ADD COLUMN withdrawn_at TEXT;
    ALTER TABLE alerts ADD COLUMN withdrawn_reason TEXT;
    DROP INDEX IF EXISTS alerts_unqueued;
    CREATE TABLE alert_notices (
      alert_id TEXT NOT NULL REFERENCES alerts (alert_id),
      notice TEXT NOT NULL CHECK (notice IN ('raised', 'withdrawn')),
      episode INTEGER NOT NULL,
      area TEXT NOT NULL,
      recipients TEXT NOT NULL,
      facts TEXT NOT NULL,
      reason TEXT,
      created_at TEXT NOT NULL,
      queued_at TEXT,
      PRIMARY KEY (alert_id, notice, episode)
    );
    CREATE INDEX alert_notices_unqueued ON alert_notices (queued_at, created_at);
    INSERT INTO alert_notices (alert_id, notice, episode, area, recipients, facts, reason, created_at, queued_at)
      SELECT alert_id, 'raised', 1, area, recipients, facts, NULL, created_at, queued_at FROM alerts;
    CREATE TABLE deliveries_by_notice (
      alert_id TEXT NOT NULL,
      notice TEXT NOT NULL,
      episode INTEGER NOT NULL,
      channel TEXT NOT NULL,
      recipient TEXT NOT NULL,
      delivered_at TEXT NOT NULL,
      UNIQUE (alert_id, notice, episode, channel, recipient)
    );
    INSERT INTO deliveries_by_notice (alert_id, notice, episode, channel, recipient, delivered_at)
      SELECT alert_id, 'raised', 1, channel, recipient, delivered_at FROM deliveries;
    DROP TABLE deliveries;
    ALTER TABLE deliveries_by_notice RENAME TO deliveries;
  `,
];

export const ALERTS_SCHEMA_VERSION = MIGRATIONS.length;

/**
 * Brings the file to the current schema. The write lock is taken before the version is read, so an
 * API and a worker opening the same file at once migrate it once.
 */
function migrate(db: AlertsDb): void {
  db.transaction(() => {
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > ALERTS_SCHEMA_VERSION) {
      throw new Error(`alerts file is at schema version ${version}, newer than this release understands (${ALERTS_SCHEMA_VERSION})`);
    }
    MIGRATIONS.slice(version).forEach((step) => db.exec(step));
    db.pragma(`user_version = ${ALERTS_SCHEMA_VERSION}`);
  }).immediate();
}

/**
 * Opens (and creates or migrates) `<DATA_DIR>/alerts.sqlite`. The API and the worker may each open
 * it: WAL lets them read while the other writes, and every write is one short transaction.
 */
export function openAlertsDatabase(file: string): AlertsDb {
  mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('busy_timeout = 5000');
  db.pragma('secure_delete = ON');
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  migrate(db);
  return db;
}
