import type { AlertChange, AlertDecision, AlertFacts, AlertRule, Recipient } from '../rules/alert-decision';
import { journeyLink } from '../rules/alert-decision';
import type { AlertsDb } from './alerts.database';
import { addNotice } from './alert-notices';

/** Where an alert stands for its recipients: waiting for them, seen by one of them, or no longer called for. */
export type AlertStatus = 'open' | 'acknowledged' | 'withdrawn';

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
  readonly status: AlertStatus;
  /** When it was first raised. */
  readonly createdAt: string;
  /** When it was last raised again after a withdrawal; null if never reopened. */
  readonly reopenedAt: string | null;
  /** When its latest notice went to the delivery queue; null while one waits in the outbox. */
  readonly queuedAt: string | null;
  readonly acknowledgedAt: string | null;
  readonly acknowledgedBy: string | null;
  readonly withdrawnAt: string | null;
  /** Why it no longer holds, e.g. "suspension s3 voided: fewer than 3 counted suspensions in school year 2024/25". */
  readonly withdrawnReason: string | null;
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
  episode: number;
  reopened_at: string | null;
  withdrawn_at: string | null;
  withdrawn_reason: string | null;
}

function statusOf(row: AlertRow): AlertStatus {
  if (row.withdrawn_at !== null) return 'withdrawn';
  return row.acknowledged_at !== null ? 'acknowledged' : 'open';
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
    status: statusOf(row),
    createdAt: row.created_at,
    reopenedAt: row.reopened_at,
    queuedAt: row.queued_at,
    acknowledgedAt: row.acknowledged_at,
    acknowledgedBy: row.acknowledged_by,
    withdrawnAt: row.withdrawn_at,
    withdrawnReason: row.withdrawn_reason,
  };
}

/**
 * How many of an alert's changes are stored: raises and withdrawals alternate, starting with a
 * raise, so episode n is 2n − 1 changes while open and 2n once withdrawn.
 */
function changesApplied(row: Pick<AlertRow, 'episode' | 'withdrawn_at'> | undefined): number {
  if (row === undefined) return 0;
  return 2 * row.episode - (row.withdrawn_at === null ? 1 : 0);
}

/**
 * Applies the changes not stored yet, each with its notice in the outbox, and returns how many
 * notices were added. `changes` is an alert's whole life so far (in order, per alert id), so
 * replays, restarts and rebuilds apply nothing twice. Call inside the caller's transaction when a
 * checkpoint must move with the rows.
 *
 * A reopened alert is open again for whoever it is addressed to now: its acknowledgement is cleared
 * and its recipients are those of the new raise.
 */
export function applyAlertChanges(db: AlertsDb, changes: readonly AlertChange[], at: string): number {
  const byAlert = new Map<string, AlertChange[]>();
  for (const change of changes) {
    const alertId = change.kind === 'raised' ? change.decision.alertId : change.alertId;
    byAlert.set(alertId, [...(byAlert.get(alertId) ?? []), change]);
  }
  const select = db.prepare('SELECT * FROM alerts WHERE alert_id = ?');
  let added = 0;
  for (const [alertId, lifetime] of byAlert) {
    for (const change of lifetime.slice(changesApplied(select.get(alertId) as AlertRow | undefined))) {
      const row = select.get(alertId) as AlertRow | undefined;
      if (change.kind === 'raised') raise(db, row, change.decision, at);
      else if (row !== undefined) withdraw(db, row, change.reason, at);
      added += 1;
    }
  }
  return added;
}

function raise(db: AlertsDb, row: AlertRow | undefined, d: AlertDecision, at: string): void {
  const fields = { alertId: d.alertId, area: d.area, period: d.period, recipients: JSON.stringify(d.recipients), facts: JSON.stringify(d.facts), at };
  if (row === undefined) {
    db.prepare(
      `INSERT INTO alerts (alert_id, rule, child_id, area, period, recipients, facts, created_at, episode)
       VALUES (@alertId, @rule, @childId, @area, @period, @recipients, @facts, @at, 1)`,
    ).run({ ...fields, rule: d.rule, childId: d.childId });
  } else {
    db.prepare(
      `UPDATE alerts SET area = @area, period = @period, recipients = @recipients, facts = @facts, episode = episode + 1, reopened_at = @at,
         withdrawn_at = NULL, withdrawn_reason = NULL, acknowledged_at = NULL, acknowledged_by = NULL, queued_at = NULL
       WHERE alert_id = @alertId`,
    ).run(fields);
    db.prepare('DELETE FROM alert_recipients WHERE alert_id = ?').run(d.alertId);
  }
  const addRecipient = db.prepare('INSERT OR IGNORE INTO alert_recipients (recipient, alert_id) VALUES (?, ?)');
  for (const recipient of d.recipients) addRecipient.run(recipient, d.alertId);
  addNotice(db, {
    alertId: d.alertId,
    notice: 'raised',
    episode: row === undefined ? 1 : row.episode + 1,
    area: d.area,
    recipients: d.recipients,
    facts: d.facts,
    reason: null,
    createdAt: at,
  });
}

function withdraw(db: AlertsDb, row: AlertRow, reason: string, at: string): void {
  db.prepare('UPDATE alerts SET withdrawn_at = ?, withdrawn_reason = ?, queued_at = NULL WHERE alert_id = ?').run(at, reason, row.alert_id);
  addNotice(db, {
    alertId: row.alert_id,
    notice: 'withdrawn',
    episode: row.episode,
    area: row.area,
    recipients: JSON.parse(row.recipients) as Recipient[],
    facts: JSON.parse(row.facts) as AlertFacts,
    reason,
    createdAt: at,
  });
}

/** Raises alerts that are raised once and never withdrawn (the clock sweep's), in one transaction; returns how many were new. */
export function raiseAlerts(db: AlertsDb, decisions: readonly AlertDecision[], at: string): number {
  return db.transaction(() =>
    applyAlertChanges(
      db,
      decisions.map((decision) => ({ kind: 'raised' as const, causedBy: 'sweep', decision })),
      at,
    ),
  )();
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
      .prepare(
        `SELECT 1 FROM alert_recipients r JOIN alerts a ON a.alert_id = r.alert_id WHERE a.child_id = ? AND r.recipient IN (${recipients.map(() => '?').join(', ')}) LIMIT 1`,
      )
      .get(childId, ...recipients) !== undefined
  );
}

export type AlertStatusFilter = AlertStatus | 'all';

export const ALERT_STATUS_FILTERS: readonly AlertStatusFilter[] = ['open', 'acknowledged', 'withdrawn', 'all'];

const STATUS_CONDITION: Readonly<Record<AlertStatusFilter, string>> = {
  open: 'AND a.withdrawn_at IS NULL AND a.acknowledged_at IS NULL',
  acknowledged: 'AND a.withdrawn_at IS NULL AND a.acknowledged_at IS NOT NULL',
  withdrawn: 'AND a.withdrawn_at IS NOT NULL',
  all: '',
};

export interface AlertPage {
  readonly items: StoredAlert[];
  readonly total: number;
  readonly page: number;
  readonly pageSize: number;
}

/** One recipient's alerts, most recently raised first. */
export function listAlerts(db: AlertsDb, filter: { recipient: string; status: AlertStatusFilter; page: number; pageSize: number }): AlertPage {
  const from = `FROM alert_recipients r JOIN alerts a ON a.alert_id = r.alert_id WHERE r.recipient = ? ${STATUS_CONDITION[filter.status]}`;
  const { total } = db.prepare(`SELECT COUNT(*) AS total ${from}`).get(filter.recipient) as { total: number };
  const rows = db
    .prepare(`SELECT a.* ${from} ORDER BY COALESCE(a.reopened_at, a.created_at) DESC, a.alert_id LIMIT ? OFFSET ?`)
    .all(filter.recipient, filter.pageSize, (filter.page - 1) * filter.pageSize) as AlertRow[];
  return { items: rows.map(toStoredAlert), total, page: filter.page, pageSize: filter.pageSize };
}

/** Acknowledges once: a second acknowledgement keeps the first one's time and person. Undefined for an unknown id. */
export function acknowledgeAlert(db: AlertsDb, alertId: string, by: string, at: string): StoredAlert | undefined {
  db.prepare('UPDATE alerts SET acknowledged_at = ?, acknowledged_by = ? WHERE alert_id = ? AND acknowledged_at IS NULL').run(at, by, alertId);
  return findAlert(db, alertId);
}
