import type { AlertDecision, AlertFacts, AlertRule, Recipient } from '../rules/alert-decision';
import { journeyLink } from '../rules/alert-decision';
import type { AlertsDb } from './alerts.database';

/** An alert as stored and shown: ids and facts only, plus the link to the child's journey. */
export interface StoredAlert {
  readonly alertId: string;
  readonly rule: AlertRule;
  readonly childId: string;
  readonly area: string;
  readonly period: string;
  readonly recipients: readonly Recipient[];
  readonly facts: AlertFacts;
  readonly link: string;
  readonly createdAt: string;
  readonly queuedAt: string | null;
  readonly acknowledgedAt: string | null;
  readonly acknowledgedBy: string | null;
}

interface AlertRow {
  alert_id: string;
  rule: string;
  child_id: string;
  area: string;
  period: string;
  recipients: string;
  facts: string;
  created_at: string;
  queued_at: string | null;
  acknowledged_at: string | null;
  acknowledged_by: string | null;
}

export function toStoredAlert(row: AlertRow): StoredAlert {
  return {
    alertId: row.alert_id,
    rule: row.rule as AlertRule,
    childId: row.child_id,
    area: row.area,
    period: row.period,
    recipients: JSON.parse(row.recipients) as Recipient[],
    facts: JSON.parse(row.facts) as AlertFacts,
    link: journeyLink(row.child_id),
    createdAt: row.created_at,
    queuedAt: row.queued_at,
    acknowledgedAt: row.acknowledged_at,
    acknowledgedBy: row.acknowledged_by,
  };
}

/**
 * Inserts new alerts; an id already stored is left as it is (`INSERT OR IGNORE`), which is what
 * makes replays, restarts, rebuilds and repeated sweeps harmless. Call inside the caller's
 * transaction when a checkpoint must move with the rows. Returns how many rows were new.
 */
export function insertAlerts(db: AlertsDb, decisions: readonly AlertDecision[], createdAt: string): number {
  const insert = db.prepare(
    `INSERT OR IGNORE INTO alerts (alert_id, rule, child_id, area, period, recipients, facts, created_at)
     VALUES (@alertId, @rule, @childId, @area, @period, @recipients, @facts, @createdAt)`,
  );
  const addRecipient = db.prepare('INSERT OR IGNORE INTO alert_recipients (recipient, alert_id) VALUES (?, ?)');
  let added = 0;
  for (const d of decisions) {
    const { changes } = insert.run({
      alertId: d.alertId,
      rule: d.rule,
      childId: d.childId,
      area: d.area,
      period: d.period,
      recipients: JSON.stringify(d.recipients),
      facts: JSON.stringify(d.facts),
      createdAt,
    });
    if (changes === 0) continue;
    added += 1;
    for (const recipient of d.recipients) addRecipient.run(recipient, d.alertId);
  }
  return added;
}

export function insertAlertsInTransaction(db: AlertsDb, decisions: readonly AlertDecision[], createdAt: string): number {
  return db.transaction(() => insertAlerts(db, decisions, createdAt))();
}

export function findAlert(db: AlertsDb, alertId: string): StoredAlert | undefined {
  const row = db.prepare('SELECT * FROM alerts WHERE alert_id = ?').get(alertId) as AlertRow | undefined;
  return row ? toStoredAlert(row) : undefined;
}

/** True when an alert for one of these recipients names the child (what lets a panel open that child's journey). */
export function childNamedInAlertsFor(db: AlertsDb, childId: string, recipients: readonly string[]): boolean {
  if (recipients.length === 0) return false;
  return (
    db
      .prepare(`SELECT 1 FROM alert_recipients r JOIN alerts a ON a.alert_id = r.alert_id WHERE a.child_id = ? AND r.recipient IN (${recipients.map(() => '?').join(', ')}) LIMIT 1`)
      .get(childId, ...recipients) !== undefined
  );
}

export function unqueuedAlerts(db: AlertsDb, limit: number): StoredAlert[] {
  return (db.prepare('SELECT * FROM alerts WHERE queued_at IS NULL ORDER BY created_at, alert_id LIMIT ?').all(limit) as AlertRow[]).map(toStoredAlert);
}

export function markQueued(db: AlertsDb, alertId: string, queuedAt: string): void {
  db.prepare('UPDATE alerts SET queued_at = ? WHERE alert_id = ? AND queued_at IS NULL').run(queuedAt, alertId);
}

export type AlertStatusFilter = 'open' | 'acknowledged' | 'all';

export interface AlertPage {
  readonly items: StoredAlert[];
  readonly total: number;
  readonly page: number;
  readonly pageSize: number;
}

/** One recipient's alerts, newest first. */
export function listAlerts(db: AlertsDb, filter: { recipient: string; status: AlertStatusFilter; page: number; pageSize: number }): AlertPage {
  const status =
    filter.status === 'open' ? 'AND a.acknowledged_at IS NULL' : filter.status === 'acknowledged' ? 'AND a.acknowledged_at IS NOT NULL' : '';
  const from = `FROM alert_recipients r JOIN alerts a ON a.alert_id = r.alert_id WHERE r.recipient = ? ${status}`;
  const { total } = db.prepare(`SELECT COUNT(*) AS total ${from}`).get(filter.recipient) as { total: number };
  const rows = db
    .prepare(`SELECT a.* ${from} ORDER BY a.created_at DESC, a.alert_id LIMIT ? OFFSET ?`)
    .all(filter.recipient, filter.pageSize, (filter.page - 1) * filter.pageSize) as AlertRow[];
  return { items: rows.map(toStoredAlert), total, page: filter.page, pageSize: filter.pageSize };
}

/** Acknowledges once: a second acknowledgement keeps the first one's time and person. Undefined for an unknown id. */
export function acknowledgeAlert(db: AlertsDb, alertId: string, by: string, at: string): StoredAlert | undefined {
  db.prepare('UPDATE alerts SET acknowledged_at = ?, acknowledged_by = ? WHERE alert_id = ? AND acknowledged_at IS NULL').run(at, by, alertId);
  return findAlert(db, alertId);
}

export function isDelivered(db: AlertsDb, alertId: string, channel: string, recipient: string): boolean {
  return db.prepare('SELECT 1 FROM deliveries WHERE alert_id = ? AND channel = ? AND recipient = ?').get(alertId, channel, recipient) !== undefined;
}

export function recordDelivery(db: AlertsDb, alertId: string, channel: string, recipient: string, deliveredAt: string): void {
  db.prepare('INSERT OR IGNORE INTO deliveries (alert_id, channel, recipient, delivered_at) VALUES (?, ?, ?, ?)').run(alertId, channel, recipient, deliveredAt);
}
