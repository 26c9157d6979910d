import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';

export type AlertsDb = Database.Database;

/** Alerts live in their own file: unlike read models they are not disposable (acknowledgements, deliveries). */
export function alertsDatabaseFile(dataDir: string): string {
  return join(dataDir, 'alerts.sqlite');
}

/**
 * Opens (and creates) `<DATA_DIR>/alerts.sqlite`. The API and the worker may each open it: WAL lets
 * them read while the other writes, and every write is one short transaction.
 */
export function openAlertsDatabase(file: string): AlertsDb {
  mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('busy_timeout = 5000');
  db.pragma('secure_delete = ON');
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec(`
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
  `);
  return db;
}
