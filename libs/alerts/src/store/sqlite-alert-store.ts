import { isSqliteUnavailable } from '@sj/sqlite';
import { journeyLink, type AlertChange, type AlertFacts, type AlertRule, type Recipient } from '../rules/alert-decision';
import {
  AlertStoreUnavailableError,
  type AlertNotice,
  type AlertPage,
  type AlertStatusFilter,
  type AlertStore,
  type DeliveryKey,
  type NoticeKind,
  type StoredAlert,
} from './alert-store.port';
import { STATUS_CONDITION, statusOfRow } from './alert-status-sql';
import { alertIdOf, planAlertWrites, type AlertWrite, type StoredAlertState } from './alert-writes';
import { openAlertsDatabase, type AlertsDb } from './alerts.database';

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

function toStoredAlert(row: AlertRow): StoredAlert {
  return {
    alertId: row.alert_id,
    rule: row.rule as AlertRule,
    childId: row.child_id,
    area: row.area,
    period: row.period,
    recipients: JSON.parse(row.recipients) as Recipient[],
    facts: JSON.parse(row.facts) as AlertFacts,
    link: journeyLink(row.child_id),
    status: statusOfRow(row),
    createdAt: row.created_at,
    reopenedAt: row.reopened_at,
    queuedAt: row.queued_at,
    acknowledgedAt: row.acknowledged_at,
    acknowledgedBy: row.acknowledged_by,
    withdrawnAt: row.withdrawn_at,
    withdrawnReason: row.withdrawn_reason,
  };
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

/**
 * The embedded default: `<DATA_DIR>/alerts.sqlite` (see alerts.database.ts for its versions). The API and the
 * worker may each open it: WAL lets them read while the other writes, and every write is one short transaction.
 */
export class SqliteAlertStore implements AlertStore {
  private constructor(
    private readonly db: AlertsDb,
    private readonly file: string,
  ) {}

  /** Opens (and creates or migrates) the file. */
  static open(file: string): SqliteAlertStore {
    return new SqliteAlertStore(openAlertsDatabase(file), file);
  }

  checkpoint(): Promise<string | undefined> {
    return this.onFile(
      () => (this.db.prepare('SELECT position FROM checkpoint WHERE id = 1').get() as { position: string | null } | undefined)?.position ?? undefined,
    );
  }

  applyChanges(changes: readonly AlertChange[], at: string, checkpoint?: string): Promise<number> {
    return this.onFile(() =>
      this.db
        .transaction(() => {
          const writes = planAlertWrites(changes, this.statesOf([...new Set(changes.map(alertIdOf))]), at);
          for (const write of writes) this.carryOut(write);
          if (checkpoint !== undefined) {
            this.db
              .prepare(
                `INSERT INTO checkpoint (id, position, updated_at) VALUES (1, ?, ?)
               ON CONFLICT (id) DO UPDATE SET position = excluded.position, updated_at = excluded.updated_at`,
              )
              .run(checkpoint, at);
          }
          return writes.length;
        })
        .immediate(),
    );
  }

  resetCheckpoint(): Promise<void> {
    return this.onFile(() => {
      this.db.prepare('DELETE FROM checkpoint').run();
    });
  }

  findAlert(alertId: string): Promise<StoredAlert | undefined> {
    return this.onFile(() => this.alertRow(alertId));
  }

  listAlerts(filter: { recipient: string; status: AlertStatusFilter; page: number; pageSize: number }): Promise<AlertPage> {
    return this.onFile(() =>
      this.db.transaction(() => {
        const from = `FROM alert_recipients r JOIN alerts a ON a.alert_id = r.alert_id WHERE r.recipient = ? ${STATUS_CONDITION[filter.status]}`;
        const { total } = this.db.prepare(`SELECT COUNT(*) AS total ${from}`).get(filter.recipient) as { total: number };
        const rows = this.db
          .prepare(`SELECT a.* ${from} ORDER BY COALESCE(a.reopened_at, a.created_at) DESC, a.alert_id LIMIT ? OFFSET ?`)
          .all(filter.recipient, filter.pageSize, (filter.page - 1) * filter.pageSize) as AlertRow[];
        return { items: rows.map(toStoredAlert), total, page: filter.page, pageSize: filter.pageSize };
      })(),
    );
  }

  acknowledge(alertId: string, by: string, at: string): Promise<StoredAlert | undefined> {
    return this.onFile(() => {
      this.db
        .prepare('UPDATE alerts SET acknowledged_at = ?, acknowledged_by = ? WHERE alert_id = ? AND acknowledged_at IS NULL')
        .run(at, by, alertId);
      return this.alertRow(alertId);
    });
  }

  childNamedInAlertsFor(childId: string, recipients: readonly string[]): Promise<boolean> {
    if (recipients.length === 0) return Promise.resolve(false);
    return this.onFile(
      () =>
        this.db
          .prepare(
            `SELECT 1 FROM alert_recipients r JOIN alerts a ON a.alert_id = r.alert_id
             WHERE a.child_id = ? AND r.recipient IN (SELECT value FROM json_each(?)) LIMIT 1`,
          )
          .get(childId, JSON.stringify(recipients)) !== undefined,
    );
  }

  unqueuedNotices(limit: number): Promise<AlertNotice[]> {
    return this.onFile(() =>
      (
        this.db
          .prepare('SELECT * FROM alert_notices WHERE queued_at IS NULL ORDER BY created_at, alert_id, episode, notice LIMIT ?')
          .all(limit) as NoticeRow[]
      ).map(toNotice),
    );
  }

  findNotice(alertId: string, notice: NoticeKind, episode: number): Promise<AlertNotice | undefined> {
    return this.onFile(() => {
      const row = this.db.prepare('SELECT * FROM alert_notices WHERE alert_id = ? AND notice = ? AND episode = ?').get(alertId, notice, episode) as
        NoticeRow | undefined;
      return row ? toNotice(row) : undefined;
    });
  }

  markNoticeQueued(notice: Pick<AlertNotice, 'alertId' | 'notice' | 'episode'>, queuedAt: string): Promise<void> {
    return this.onFile(() =>
      this.db.transaction(() => {
        this.db
          .prepare('UPDATE alert_notices SET queued_at = ? WHERE alert_id = ? AND notice = ? AND episode = ? AND queued_at IS NULL')
          .run(queuedAt, notice.alertId, notice.notice, notice.episode);
        this.db
          .prepare(
            `UPDATE alerts SET queued_at = ? WHERE alert_id = ? AND queued_at IS NULL
               AND NOT EXISTS (SELECT 1 FROM alert_notices WHERE alert_id = ? AND queued_at IS NULL)`,
          )
          .run(queuedAt, notice.alertId, notice.alertId);
      })(),
    );
  }

  isDelivered(key: DeliveryKey): Promise<boolean> {
    return this.onFile(
      () =>
        this.db
          .prepare('SELECT 1 FROM deliveries WHERE alert_id = ? AND notice = ? AND episode = ? AND channel = ? AND recipient = ?')
          .get(key.alertId, key.notice, key.episode, key.channel, key.recipient) !== undefined,
    );
  }

  recordDelivery(key: DeliveryKey, deliveredAt: string): Promise<void> {
    return this.onFile(() => {
      this.db
        .prepare('INSERT OR IGNORE INTO deliveries (alert_id, notice, episode, channel, recipient, delivered_at) VALUES (?, ?, ?, ?, ?, ?)')
        .run(key.alertId, key.notice, key.episode, key.channel, key.recipient, deliveredAt);
    });
  }

  close(): Promise<void> {
    if (this.db.open) this.db.close();
    return Promise.resolve();
  }

  private alertRow(alertId: string): StoredAlert | undefined {
    const row = this.db.prepare('SELECT * FROM alerts WHERE alert_id = ?').get(alertId) as AlertRow | undefined;
    return row ? toStoredAlert(row) : undefined;
  }

  private statesOf(alertIds: readonly string[]): Map<string, StoredAlertState> {
    const rows = this.db
      .prepare('SELECT alert_id, episode, withdrawn_at, area, recipients, facts FROM alerts WHERE alert_id IN (SELECT value FROM json_each(?))')
      .all(JSON.stringify(alertIds)) as Pick<AlertRow, 'alert_id' | 'episode' | 'withdrawn_at' | 'area' | 'recipients' | 'facts'>[];
    return new Map(
      rows.map((row) => [
        row.alert_id,
        {
          episode: row.episode,
          withdrawn: row.withdrawn_at !== null,
          area: row.area,
          recipients: JSON.parse(row.recipients) as Recipient[],
          facts: JSON.parse(row.facts) as AlertFacts,
        },
      ]),
    );
  }

  private carryOut(write: AlertWrite): void {
    const at = write.notice.createdAt;
    if (write.kind === 'insert' || write.kind === 'reopen') {
      const d = write.decision;
      const fields = {
        alertId: d.alertId,
        area: d.area,
        period: d.period,
        recipients: JSON.stringify(d.recipients),
        facts: JSON.stringify(d.facts),
        at,
      };
      if (write.kind === 'insert') {
        this.db
          .prepare(
            `INSERT INTO alerts (alert_id, rule, child_id, area, period, recipients, facts, created_at, episode)
             VALUES (@alertId, @rule, @childId, @area, @period, @recipients, @facts, @at, 1)`,
          )
          .run({ ...fields, rule: d.rule, childId: d.childId });
      } else {
        this.db
          .prepare(
            `UPDATE alerts SET area = @area, period = @period, recipients = @recipients, facts = @facts, episode = @episode, reopened_at = @at,
               withdrawn_at = NULL, withdrawn_reason = NULL, acknowledged_at = NULL, acknowledged_by = NULL, queued_at = NULL
             WHERE alert_id = @alertId`,
          )
          .run({ ...fields, episode: write.notice.episode });
        this.db.prepare('DELETE FROM alert_recipients WHERE alert_id = ?').run(d.alertId);
      }
      const addRecipient = this.db.prepare('INSERT OR IGNORE INTO alert_recipients (recipient, alert_id) VALUES (?, ?)');
      for (const recipient of d.recipients) addRecipient.run(recipient, d.alertId);
    } else {
      this.db
        .prepare('UPDATE alerts SET withdrawn_at = ?, withdrawn_reason = ?, queued_at = NULL WHERE alert_id = ?')
        .run(at, write.reason, write.alertId);
    }
    const n = write.notice;
    this.db
      .prepare(
        `INSERT OR IGNORE INTO alert_notices (alert_id, notice, episode, area, recipients, facts, reason, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(n.alertId, n.notice, n.episode, n.area, JSON.stringify(n.recipients), JSON.stringify(n.facts), n.reason, n.createdAt);
  }

  private onFile<T>(work: () => T): Promise<T> {
    try {
      return Promise.resolve(work());
    } catch (error) {
      if (isSqliteUnavailable(error))
        return Promise.reject(new AlertStoreUnavailableError(`SQLite ${this.file}: ${(error as Error).message}`, { cause: error }));
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }
}
