import type { AlertFacts, Recipient } from '../rules/alert-decision';
import type { AlertsDb } from './alerts.database';

/** What recipients are told about an alert: that it was raised (or reopened), or that it was withdrawn. */
export type NoticeKind = 'raised' | 'withdrawn';

/**
 * One notice in the outbox. `episode` counts the alert's raises (1 = first raised, 2 = first
 * reopened, ...); a withdrawal belongs to the episode it ends. The recipients are those told of the
 * raise, so a withdrawal reaches exactly who was told.
 */
export interface AlertNotice {
  readonly alertId: string;
  readonly notice: NoticeKind;
  readonly episode: number;
  readonly area: string;
  readonly recipients: readonly Recipient[];
  readonly facts: AlertFacts;
  /** Why it was withdrawn; null for a raise. */
  readonly reason: string | null;
  readonly createdAt: string;
}

interface NoticeRow {
  alert_id: string;
  notice: NoticeKind;
  episode: number;
  area: string;
  recipients: string;
  facts: string;
  reason: string | null;
  created_at: string;
}

function toNotice(row: NoticeRow): AlertNotice {
  return {
    alertId: row.alert_id,
    notice: row.notice,
    episode: row.episode,
    area: row.area,
    recipients: JSON.parse(row.recipients) as Recipient[],
    facts: JSON.parse(row.facts) as AlertFacts,
    reason: row.reason,
    createdAt: row.created_at,
  };
}

export function addNotice(db: AlertsDb, n: AlertNotice): void {
  db.prepare(
    `INSERT OR IGNORE INTO alert_notices (alert_id, notice, episode, area, recipients, facts, reason, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(n.alertId, n.notice, n.episode, n.area, JSON.stringify(n.recipients), JSON.stringify(n.facts), n.reason, n.createdAt);
}

/** Notices not in the delivery queue yet, oldest first, so a raise goes before its withdrawal. */
export function unqueuedNotices(db: AlertsDb, limit: number): AlertNotice[] {
  return (
    db.prepare('SELECT * FROM alert_notices WHERE queued_at IS NULL ORDER BY created_at, alert_id, episode, notice LIMIT ?').all(limit) as NoticeRow[]
  ).map(toNotice);
}

export function findNotice(db: AlertsDb, alertId: string, notice: NoticeKind, episode: number): AlertNotice | undefined {
  const row = db.prepare('SELECT * FROM alert_notices WHERE alert_id = ? AND notice = ? AND episode = ?').get(alertId, notice, episode) as
    NoticeRow | undefined;
  return row ? toNotice(row) : undefined;
}

/** Marks the notice queued and, once none of the alert's notices waits, the alert too. */
export function markNoticeQueued(db: AlertsDb, notice: Pick<AlertNotice, 'alertId' | 'notice' | 'episode'>, queuedAt: string): void {
  db.transaction(() => {
    db.prepare('UPDATE alert_notices SET queued_at = ? WHERE alert_id = ? AND notice = ? AND episode = ? AND queued_at IS NULL').run(
      queuedAt,
      notice.alertId,
      notice.notice,
      notice.episode,
    );
    db.prepare(
      `UPDATE alerts SET queued_at = ? WHERE alert_id = ? AND queued_at IS NULL
         AND NOT EXISTS (SELECT 1 FROM alert_notices WHERE alert_id = ? AND queued_at IS NULL)`,
    ).run(queuedAt, notice.alertId, notice.alertId);
  })();
}

/** One delivery: a notice, over one channel, to one recipient. */
export interface DeliveryKey {
  readonly alertId: string;
  readonly notice: NoticeKind;
  readonly episode: number;
  readonly channel: string;
  readonly recipient: string;
}

export function isDelivered(db: AlertsDb, key: DeliveryKey): boolean {
  return (
    db
      .prepare('SELECT 1 FROM deliveries WHERE alert_id = ? AND notice = ? AND episode = ? AND channel = ? AND recipient = ?')
      .get(key.alertId, key.notice, key.episode, key.channel, key.recipient) !== undefined
  );
}

export function recordDelivery(db: AlertsDb, key: DeliveryKey, deliveredAt: string): void {
  db.prepare('INSERT OR IGNORE INTO deliveries (alert_id, notice, episode, channel, recipient, delivered_at) VALUES (?, ?, ?, ?, ?, ?)').run(
    key.alertId,
    key.notice,
    key.episode,
    key.channel,
    key.recipient,
    deliveredAt,
  );
}
