import type { Pool, PoolClient, QueryResult, QueryResultRow } from 'pg';
import { inStoreTransaction, isConnectionFailure, openStorePool, safeNumber, type SchemaComponent } from '@sj/postgres';
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

/**
 * The alert inbox and outbox in PostgreSQL: the same tables as `alerts.sqlite` at its newest version, with
 * instants as `timestamptz` and recipients and facts as `json` (kept as written, key order included).
 */
export const ALERTS_SCHEMA: SchemaComponent = {
  component: 'alerts',
  migrations: [
    {
      version: 1,
      name: 'alerts, recipients, notices, deliveries and the consumer checkpoint',
      sql: `
        CREATE TABLE alerts (
          alert_id text PRIMARY KEY,
          rule text NOT NULL,
          child_id text NOT NULL,
          area text NOT NULL,
          period text NOT NULL,
          recipients json NOT NULL,
          facts json NOT NULL,
          created_at timestamptz NOT NULL,
          queued_at timestamptz,
          acknowledged_at timestamptz,
          acknowledged_by text,
          episode integer NOT NULL DEFAULT 1,
          reopened_at timestamptz,
          withdrawn_at timestamptz,
          withdrawn_reason text
        );
        CREATE INDEX alerts_by_child ON alerts (child_id);
        CREATE TABLE alert_recipients (
          recipient text NOT NULL,
          alert_id text NOT NULL REFERENCES alerts (alert_id),
          PRIMARY KEY (recipient, alert_id)
        );
        CREATE INDEX alert_recipients_by_alert ON alert_recipients (alert_id);
        CREATE TABLE alert_notices (
          alert_id text NOT NULL REFERENCES alerts (alert_id),
          notice text NOT NULL CHECK (notice IN ('raised', 'withdrawn')),
          episode integer NOT NULL,
          area text NOT NULL,
          recipients json NOT NULL,
          facts json NOT NULL,
          reason text,
          created_at timestamptz NOT NULL,
          queued_at timestamptz,
          PRIMARY KEY (alert_id, notice, episode)
        );
        CREATE INDEX alert_notices_unqueued ON alert_notices (created_at, alert_id, episode, notice) WHERE queued_at IS NULL;
        CREATE TABLE alert_deliveries (
          alert_id text NOT NULL,
          notice text NOT NULL,
          episode integer NOT NULL,
          channel text NOT NULL,
          recipient text NOT NULL,
          delivered_at timestamptz NOT NULL,
          PRIMARY KEY (alert_id, notice, episode, channel, recipient)
        );
        CREATE TABLE alert_consumer_checkpoint (
          id integer PRIMARY KEY CHECK (id = 1),
          position text,
          updated_at timestamptz NOT NULL
        );
      `,
    },
  ],
};

/** Every write to alerts takes this transaction lock, so the consumer and the sweep (in any worker) apply changes one after another. */
const ALERT_WRITER_LOCK = 1_936_329_068;

interface AlertRow {
  alert_id: string;
  rule: string;
  child_id: string;
  area: string;
  period: string;
  recipients: Recipient[];
  facts: AlertFacts;
  created_at: Date;
  queued_at: Date | null;
  acknowledged_at: Date | null;
  acknowledged_by: string | null;
  episode: number;
  reopened_at: Date | null;
  withdrawn_at: Date | null;
  withdrawn_reason: string | null;
}

interface NoticeRow {
  alert_id: string;
  notice: NoticeKind;
  episode: number;
  area: string;
  recipients: Recipient[];
  facts: AlertFacts;
  reason: string | null;
  created_at: Date;
}

const iso = (value: Date | null): string | null => (value === null ? null : value.toISOString());

function toStoredAlert(row: AlertRow): StoredAlert {
  return {
    alertId: row.alert_id,
    rule: row.rule as AlertRule,
    childId: row.child_id,
    area: row.area,
    period: row.period,
    recipients: row.recipients,
    facts: row.facts,
    link: journeyLink(row.child_id),
    status: statusOfRow(row),
    createdAt: row.created_at.toISOString(),
    reopenedAt: iso(row.reopened_at),
    queuedAt: iso(row.queued_at),
    acknowledgedAt: iso(row.acknowledged_at),
    acknowledgedBy: row.acknowledged_by,
    withdrawnAt: iso(row.withdrawn_at),
    withdrawnReason: row.withdrawn_reason,
  };
}

function toNotice(row: NoticeRow): AlertNotice {
  return {
    alertId: row.alert_id,
    notice: row.notice,
    episode: row.episode,
    area: row.area,
    recipients: row.recipients,
    facts: row.facts,
    reason: row.reason,
    createdAt: row.created_at.toISOString(),
  };
}

type Queryable = Pick<PoolClient, 'query'>;

/**
 * Alerts in PostgreSQL, shared by every API process (inbox, acknowledgements, who may open which journey) and
 * by the active worker (consumer, sweep, relay, deliveries). A batch's alert changes and the consumer's
 * checkpoint commit in one transaction, as in SQLite.
 */
export class PostgresAlertStore implements AlertStore {
  private constructor(
    private readonly pool: Pool,
    private readonly ownsPool: boolean,
  ) {}

  /** Brings the tables to this release's version first; given a URL, opens (and on `close` ends) a pool of its own. */
  static async open(connection: string | Pool): Promise<PostgresAlertStore> {
    const { pool, owned } = await openStorePool(connection, ALERTS_SCHEMA, { max: 4, applicationName: 'send-journeys alerts' }, toPortError);
    return new PostgresAlertStore(pool, owned);
  }

  async checkpoint(): Promise<string | undefined> {
    const { rows } = await this.query(this.pool.query<{ position: string | null }>('SELECT position FROM alert_consumer_checkpoint WHERE id = 1'));
    return rows.length === 0 ? undefined : (rows[0].position ?? undefined);
  }

  applyChanges(changes: readonly AlertChange[], at: string, checkpoint?: string): Promise<number> {
    return this.inTransaction(async (client) => {
      await client.query('SELECT pg_advisory_xact_lock($1)', [ALERT_WRITER_LOCK]);
      const writes = planAlertWrites(changes, await statesOf(client, [...new Set(changes.map(alertIdOf))]), at);
      for (const write of writes) await carryOut(client, write);
      if (checkpoint !== undefined) {
        await client.query(
          `INSERT INTO alert_consumer_checkpoint (id, position, updated_at) VALUES (1, $1, $2)
           ON CONFLICT (id) DO UPDATE SET position = excluded.position, updated_at = excluded.updated_at`,
          [checkpoint, at],
        );
      }
      return writes.length;
    });
  }

  async resetCheckpoint(): Promise<void> {
    await this.query(this.pool.query('DELETE FROM alert_consumer_checkpoint'));
  }

  async findAlert(alertId: string): Promise<StoredAlert | undefined> {
    const { rows } = await this.query(this.pool.query<AlertRow>('SELECT * FROM alerts WHERE alert_id = $1', [alertId]));
    return rows.length === 0 ? undefined : toStoredAlert(rows[0]);
  }

  listAlerts(filter: { recipient: string; status: AlertStatusFilter; page: number; pageSize: number }): Promise<AlertPage> {
    const from = `FROM alert_recipients r JOIN alerts a ON a.alert_id = r.alert_id WHERE r.recipient = $1 ${STATUS_CONDITION[filter.status]}`;
    return this.inTransaction(async (client) => {
      const total = await client.query<{ total: bigint }>(`SELECT count(*) AS total ${from}`, [filter.recipient]);
      const { rows } = await client.query<AlertRow>(
        `SELECT a.* ${from} ORDER BY COALESCE(a.reopened_at, a.created_at) DESC, a.alert_id COLLATE "C" LIMIT $2 OFFSET $3`,
        [filter.recipient, filter.pageSize, (filter.page - 1) * filter.pageSize],
      );
      return { items: rows.map(toStoredAlert), total: safeNumber(total.rows[0].total), page: filter.page, pageSize: filter.pageSize };
    }, 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  }

  async acknowledge(alertId: string, by: string, at: string): Promise<StoredAlert | undefined> {
    await this.query(
      this.pool.query('UPDATE alerts SET acknowledged_at = $1, acknowledged_by = $2 WHERE alert_id = $3 AND acknowledged_at IS NULL', [
        at,
        by,
        alertId,
      ]),
    );
    return this.findAlert(alertId);
  }

  async childNamedInAlertsFor(childId: string, recipients: readonly string[]): Promise<boolean> {
    if (recipients.length === 0) return false;
    const { rows } = await this.query(
      this.pool.query(
        `SELECT 1 FROM alert_recipients r JOIN alerts a ON a.alert_id = r.alert_id
         WHERE a.child_id = $1 AND r.recipient = ANY($2::text[]) LIMIT 1`,
        [childId, [...recipients]],
      ),
    );
    return rows.length > 0;
  }

  async unqueuedNotices(limit: number): Promise<AlertNotice[]> {
    const { rows } = await this.query(
      this.pool.query<NoticeRow>(
        'SELECT * FROM alert_notices WHERE queued_at IS NULL ORDER BY created_at, alert_id COLLATE "C", episode, notice LIMIT $1',
        [limit],
      ),
    );
    return rows.map(toNotice);
  }

  async findNotice(alertId: string, notice: NoticeKind, episode: number): Promise<AlertNotice | undefined> {
    const { rows } = await this.query(
      this.pool.query<NoticeRow>('SELECT * FROM alert_notices WHERE alert_id = $1 AND notice = $2 AND episode = $3', [alertId, notice, episode]),
    );
    return rows.length === 0 ? undefined : toNotice(rows[0]);
  }

  async markNoticeQueued(notice: Pick<AlertNotice, 'alertId' | 'notice' | 'episode'>, queuedAt: string): Promise<void> {
    await this.inTransaction(async (client) => {
      await client.query('UPDATE alert_notices SET queued_at = $1 WHERE alert_id = $2 AND notice = $3 AND episode = $4 AND queued_at IS NULL', [
        queuedAt,
        notice.alertId,
        notice.notice,
        notice.episode,
      ]);
      await client.query(
        `UPDATE alerts SET queued_at = $1 WHERE alert_id = $2 AND queued_at IS NULL
           AND NOT EXISTS (SELECT 1 FROM alert_notices WHERE alert_id = $2 AND queued_at IS NULL)`,
        [queuedAt, notice.alertId],
      );
    });
  }

  async isDelivered(key: DeliveryKey): Promise<boolean> {
    const { rows } = await this.query(
      this.pool.query('SELECT 1 FROM alert_deliveries WHERE alert_id = $1 AND notice = $2 AND episode = $3 AND channel = $4 AND recipient = $5', [
        key.alertId,
        key.notice,
        key.episode,
        key.channel,
        key.recipient,
      ]),
    );
    return rows.length > 0;
  }

  async recordDelivery(key: DeliveryKey, deliveredAt: string): Promise<void> {
    await this.query(
      this.pool.query(
        `INSERT INTO alert_deliveries (alert_id, notice, episode, channel, recipient, delivered_at) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT DO NOTHING`,
        [key.alertId, key.notice, key.episode, key.channel, key.recipient, deliveredAt],
      ),
    );
  }

  async close(): Promise<void> {
    if (this.ownsPool) await this.pool.end();
  }

  /** One statement on the pool, answering the port's errors rather than the driver's. */
  private async query<R extends QueryResultRow>(statement: Promise<QueryResult<R>>): Promise<QueryResult<R>> {
    try {
      return await statement;
    } catch (error) {
      throw toPortError(error);
    }
  }

  private inTransaction<T>(work: (client: PoolClient) => Promise<T>, begin = 'BEGIN'): Promise<T> {
    return inStoreTransaction(this.pool, work, toPortError, begin);
  }
}

/** The alerts' stored state, locked until the transaction ends. */
async function statesOf(client: Queryable, alertIds: readonly string[]): Promise<Map<string, StoredAlertState>> {
  const { rows } = await client.query<Pick<AlertRow, 'alert_id' | 'episode' | 'withdrawn_at' | 'area' | 'recipients' | 'facts'>>(
    'SELECT alert_id, episode, withdrawn_at, area, recipients, facts FROM alerts WHERE alert_id = ANY($1::text[]) FOR UPDATE',
    [alertIds],
  );
  return new Map(
    rows.map((row) => [
      row.alert_id,
      { episode: row.episode, withdrawn: row.withdrawn_at !== null, area: row.area, recipients: row.recipients, facts: row.facts },
    ]),
  );
}

async function carryOut(client: Queryable, write: AlertWrite): Promise<void> {
  const n = write.notice;
  if (write.kind === 'insert' || write.kind === 'reopen') {
    const d = write.decision;
    if (write.kind === 'insert') {
      await client.query(
        `INSERT INTO alerts (alert_id, rule, child_id, area, period, recipients, facts, created_at, episode)
         VALUES ($1, $2, $3, $4, $5, $6::json, $7::json, $8, 1)`,
        [d.alertId, d.rule, d.childId, d.area, d.period, JSON.stringify(d.recipients), JSON.stringify(d.facts), n.createdAt],
      );
    } else {
      await client.query(
        `UPDATE alerts SET area = $2, period = $3, recipients = $4::json, facts = $5::json, episode = $6, reopened_at = $7,
           withdrawn_at = NULL, withdrawn_reason = NULL, acknowledged_at = NULL, acknowledged_by = NULL, queued_at = NULL
         WHERE alert_id = $1`,
        [d.alertId, d.area, d.period, JSON.stringify(d.recipients), JSON.stringify(d.facts), n.episode, n.createdAt],
      );
      await client.query('DELETE FROM alert_recipients WHERE alert_id = $1', [d.alertId]);
    }
    await client.query('INSERT INTO alert_recipients (recipient, alert_id) SELECT DISTINCT unnest($1::text[]), $2 ON CONFLICT DO NOTHING', [
      [...d.recipients],
      d.alertId,
    ]);
  } else {
    await client.query('UPDATE alerts SET withdrawn_at = $1, withdrawn_reason = $2, queued_at = NULL WHERE alert_id = $3', [
      n.createdAt,
      write.reason,
      write.alertId,
    ]);
  }
  await client.query(
    `INSERT INTO alert_notices (alert_id, notice, episode, area, recipients, facts, reason, created_at)
     VALUES ($1, $2, $3, $4, $5::json, $6::json, $7, $8) ON CONFLICT DO NOTHING`,
    [n.alertId, n.notice, n.episode, n.area, JSON.stringify(n.recipients), JSON.stringify(n.facts), n.reason, n.createdAt],
  );
}

function toPortError(error: unknown): unknown {
  return isConnectionFailure(error) ? new AlertStoreUnavailableError(`PostgreSQL: ${(error as Error).message}`, { cause: error }) : error;
}
