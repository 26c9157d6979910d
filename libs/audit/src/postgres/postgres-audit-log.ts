import type { Pool, PoolClient } from 'pg';
import { inStoreTransaction, isConnectionFailure, openStorePool, safeNumber, type SchemaComponent } from '@sj/postgres';
import {
  auditBound,
  AUDIT_CHILD_IDS_SHOWN,
  AuditLogUnavailableError,
  distinctChildren,
  type AuditAction,
  type AuditFilter,
  type AuditLogStore,
  type AuditPage,
  type NewAuditEntry,
} from '../audit-log.port';

/**
 * The audit tables, append-only by the database itself: triggers refuse UPDATE, DELETE and TRUNCATE on both, for
 * any statement from any client, not just the application's. (A role that owns the tables can still drop the
 * triggers: docs/operations.md says how to run the application as a role that does not.)
 */
export const AUDIT_LOG_SCHEMA: SchemaComponent = {
  component: 'audit-log',
  migrations: [
    {
      version: 1,
      name: 'append-only audit entries and the children they name',
      sql: `
        CREATE TABLE audit_entries (
          id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
          at timestamptz NOT NULL,
          sub text NOT NULL,
          roles jsonb NOT NULL,
          action text NOT NULL,
          route text NOT NULL,
          correlation_id text,
          child_count integer NOT NULL
        );
        CREATE INDEX audit_entries_by_sub ON audit_entries (sub, at);
        CREATE INDEX audit_entries_by_at ON audit_entries (at);
        CREATE TABLE audit_children (
          child_id text NOT NULL,
          entry_id bigint NOT NULL REFERENCES audit_entries (id),
          PRIMARY KEY (child_id, entry_id)
        );
        CREATE INDEX audit_children_by_entry ON audit_children (entry_id, child_id);
        CREATE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          RAISE EXCEPTION 'the audit log is append-only: % on % is refused', TG_OP, TG_TABLE_NAME USING ERRCODE = 'SJA01';
        END $$;
        CREATE TRIGGER audit_entries_append_only BEFORE UPDATE OR DELETE ON audit_entries FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();
        CREATE TRIGGER audit_entries_no_truncate BEFORE TRUNCATE ON audit_entries FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();
        CREATE TRIGGER audit_children_append_only BEFORE UPDATE OR DELETE ON audit_children FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();
        CREATE TRIGGER audit_children_no_truncate BEFORE TRUNCATE ON audit_children FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();
      `,
    },
  ],
};

interface EntryRow {
  id: bigint;
  at: Date;
  sub: string;
  roles: string[];
  action: AuditAction;
  route: string;
  correlation_id: string | null;
  child_count: number;
  child_ids: string[] | null;
}

/** The audit log in PostgreSQL: every API process, on any host, appends to the one log. */
export class PostgresAuditLog implements AuditLogStore {
  private constructor(
    private readonly pool: Pool,
    private readonly ownsPool: boolean,
  ) {}

  /** Brings the tables to this release's version first; given a URL, opens (and on `close` ends) a pool of its own. */
  static async open(connection: string | Pool): Promise<PostgresAuditLog> {
    const { pool, owned } = await openStorePool(connection, AUDIT_LOG_SCHEMA, { max: 4, applicationName: 'send-journeys audit log' }, toPortError);
    return new PostgresAuditLog(pool, owned);
  }

  async append(entry: NewAuditEntry): Promise<number> {
    const children = distinctChildren(entry.childIds);
    try {
      // one statement: the entry and its children are stored together or not at all
      const { rows } = await this.pool.query<{ id: bigint }>(
        `WITH entry AS (
           INSERT INTO audit_entries (at, sub, roles, action, route, correlation_id, child_count)
           VALUES ($1, $2, $3::jsonb, $4, $5, $6, $7) RETURNING id),
         named AS (INSERT INTO audit_children (child_id, entry_id) SELECT child_id, entry.id FROM entry, unnest($8::text[]) AS child_id)
         SELECT id FROM entry`,
        [entry.at, entry.sub, JSON.stringify(entry.roles), entry.action, entry.route, entry.correlationId, children.length, children],
      );
      return safeNumber(rows[0].id);
    } catch (error) {
      throw toPortError(error);
    }
  }

  async find(filter: AuditFilter): Promise<AuditPage> {
    const conditions: string[] = [];
    const values: unknown[] = [];
    const param = (value: unknown): string => {
      values.push(value);
      return `$${values.length}`;
    };
    if (filter.childId !== undefined) conditions.push(`e.id IN (SELECT entry_id FROM audit_children WHERE child_id = ${param(filter.childId)})`);
    if (filter.sub !== undefined) conditions.push(`e.sub = ${param(filter.sub)}`);
    if (filter.from !== undefined) conditions.push(`e.at >= ${param(auditBound(filter.from, 'from'))}`);
    if (filter.to !== undefined) conditions.push(`e.at <= ${param(auditBound(filter.to, 'to'))}`);
    const where = conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
    const counted = values.length;
    const page = `
      SELECT e.*, (SELECT array_agg(child_id ORDER BY child_id) FROM (
          SELECT child_id FROM audit_children c WHERE c.entry_id = e.id ORDER BY child_id LIMIT ${AUDIT_CHILD_IDS_SHOWN}) shown) AS child_ids
      FROM audit_entries e ${where} ORDER BY e.id DESC LIMIT ${param(filter.pageSize)} OFFSET ${param((filter.page - 1) * filter.pageSize)}`;
    return this.inSnapshot(async (client) => {
      const total = await client.query<{ total: bigint }>(`SELECT count(*) AS total FROM audit_entries e ${where}`, values.slice(0, counted));
      const { rows } = await client.query<EntryRow>(page, values);
      return {
        items: rows.map((r) => ({
          id: safeNumber(r.id),
          at: r.at.toISOString(),
          sub: r.sub,
          roles: r.roles,
          action: r.action,
          route: r.route,
          correlationId: r.correlation_id,
          childCount: r.child_count,
          childIds: r.child_ids ?? [],
        })),
        total: safeNumber(total.rows[0].total),
        page: filter.page,
        pageSize: filter.pageSize,
      };
    });
  }

  async close(): Promise<void> {
    if (this.ownsPool) await this.pool.end();
  }

  /** The total and the page read from one snapshot of the log. */
  private inSnapshot<T>(work: (client: PoolClient) => Promise<T>): Promise<T> {
    return inStoreTransaction(this.pool, work, toPortError, 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  }
}

function toPortError(error: unknown): unknown {
  return isConnectionFailure(error) ? new AuditLogUnavailableError(`PostgreSQL: ${(error as Error).message}`, { cause: error }) : error;
}
