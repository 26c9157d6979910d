import type { InclusionConfig, LocalDate } from '@sj/domain';
import { createPostgresPool, inStoreTransaction, isConnectionFailure, migrate, safeNumber, type SchemaComponent } from '@sj/postgres';
import type { Pool, PoolClient } from 'pg';
import { tablesOf, type Projection } from '../projection';
import { queryClocks, type ClockItem, type ClocksQueryParams } from '../queries/clocks.query';
import { queryDueClocks } from '../queries/due-clocks.query';
import { withinCallerScope, type Page } from '../queries/manager-filters';
import { querySuspensions, type SuspensionsQueryParams, type SuspensionsResult } from '../queries/suspensions.query';
import { queryTimeliness, type TimelinessQueryParams, type TimelinessResult } from '../queries/timeliness.query';
import {
  queryWaitingTimes,
  queryWaitingTrend,
  type WaitingTimesQueryParams,
  type WaitingTimesResult,
  type WaitingTrendQueryParams,
  type WaitingTrendResult,
} from '../queries/waiting-times.query';
import {
  NO_CHECKPOINT,
  ReadModelStoreUnavailableError,
  type Checkpoint,
  type DueClock,
  type ProjectedBatch,
  type ReadModelStore,
} from '../read-model-store.port';
import type { ReadModelSql } from '../sql/read-model-sql';
import { PostgresSql } from './postgres-sql';

/**
 * The read models' bookkeeping, versioned like every other component's tables. The projections' own tables are not
 * migrations: each is dropped and rebuilt from the log when its projection's version changes (ensureSchema), as on
 * SQLite. Version 2 removes what version 1 kept of erased children: rm_children no longer holds a name or date of
 * birth (only the event log does, encrypted with the child's key), so there is nothing left to keep empty.
 */
export const READ_MODELS_SCHEMA: SchemaComponent = {
  component: 'read-models',
  migrations: [
    {
      version: 1,
      name: 'projection checkpoint, versions and erased children',
      sql: `
        CREATE TABLE projection_checkpoint (
          id integer PRIMARY KEY CHECK (id = 1),
          position text,
          events_projected bigint NOT NULL DEFAULT 0,
          last_event_recorded_at text,
          updated_at text NOT NULL
        );
        CREATE TABLE projection_versions (name text PRIMARY KEY, version integer NOT NULL);
        CREATE TABLE rm_erased_children (child_id text COLLATE "C" PRIMARY KEY, erased_at text NOT NULL);
        CREATE FUNCTION rm_keep_erased_child_erased() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF EXISTS (SELECT 1 FROM rm_erased_children e WHERE e.child_id = NEW.child_id) THEN
            NEW.given_name := NULL;
            NEW.family_name := NULL;
            NEW.date_of_birth := NULL;
          END IF;
          RETURN NEW;
        END $$;
      `,
    },
    {
      version: 2,
      name: 'no personal data in the read models: erased children no longer tracked',
      sql: `
        DROP FUNCTION IF EXISTS rm_keep_erased_child_erased() CASCADE;
        DROP TABLE IF EXISTS rm_erased_children;
      `,
    },
  ],
};

/*
 * A batch's transaction, opened in one round trip with its two settings:
 * - Read models are derived: a commit lost to a crash takes its checkpoint with it, and the runner projects those
 *   events again. Not waiting for the disk at each batch is then safe, and a rebuild's hundreds of commits quick.
 * - A child's rows are replaced through the index every table leads with child_id. A table a rebuild has just
 *   recreated has no statistics yet, and for a hundred children the planner then guesses that half of it matches
 *   and reads it whole: every batch of a rebuild scanning tables that grow with it. Taking table scans off the menu
 *   for this transaction keeps each replacement to its children's rows (a statement with no index to use still
 *   scans).
 */
const WRITE_BATCH = 'BEGIN; SET LOCAL synchronous_commit = off; SET LOCAL enable_seqscan = off';

/* Two workers starting together (one about to stand by) must not create the same tables at once. */
const SCHEMA_LOCK = "hashtext('send-journeys read-model tables')";

/**
 * The read models in PostgreSQL, shared by every API process and the worker that projects. Each batch is one
 * transaction (delete the touched children's rows, insert their new rows from one JSON array, move the
 * checkpoint); each managers' query reads one REPEATABLE READ snapshot.
 */
export class PostgresReadModelStore implements ReadModelStore {
  readonly kind = 'postgres';
  private closed = false;

  private constructor(
    private readonly pool: Pool,
    private readonly ownsPool: boolean,
  ) {}

  /** Brings the bookkeeping tables to this release's version first; given a URL, opens (and on `close` ends) a pool of its own. */
  static async open(connection: string | Pool): Promise<PostgresReadModelStore> {
    const owned = typeof connection === 'string';
    const pool = owned ? createPostgresPool(connection, { max: 4, applicationName: 'send-journeys read models' }) : connection;
    try {
      await migrate(pool, READ_MODELS_SCHEMA);
    } catch (error) {
      if (owned) await pool.end();
      throw error;
    }
    return new PostgresReadModelStore(pool, owned);
  }

  /** One transaction; an unreachable or full server is the port's "unavailable". */
  private transaction<T>(work: (client: PoolClient) => Promise<T>, begin = 'BEGIN'): Promise<T> {
    return inStoreTransaction(this.pool, work, toPortError, begin);
  }

  private snapshot<T>(read: (sql: ReadModelSql) => Promise<T>): Promise<T> {
    // The managers' queries take milliseconds: compiling one (JIT) or starting parallel workers for it costs more
    // than it saves, though the planner's estimates for a million-event caseload call for both.
    return this.transaction(
      (client) => read(new PostgresSql(client)),
      'BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY; SET LOCAL jit = off; SET LOCAL max_parallel_workers_per_gather = 0',
    );
  }

  async ensureSchema(projections: readonly Projection[]): Promise<void> {
    await this.transaction(async (client) => {
      await client.query(`SELECT pg_advisory_xact_lock(${SCHEMA_LOCK})`);
      const stored = await storedVersions(client);
      for (const projection of projections) {
        const version = stored.get(projection.name);
        if (version !== undefined && version !== projection.version) await client.query(`DROP TABLE IF EXISTS ${tablesOf(projection).join(', ')}`);
        await client.query(projection.schema.postgres);
      }
    });
  }

  async storedVersions(): Promise<ReadonlyMap<string, number>> {
    const client = await this.pool.connect();
    try {
      return await storedVersions(client);
    } finally {
      client.release();
    }
  }

  async clear(projections: readonly Projection[]): Promise<void> {
    await this.transaction(async (client) => {
      await client.query(`SELECT pg_advisory_xact_lock(${SCHEMA_LOCK})`);
      for (const projection of projections) {
        await client.query(`DROP TABLE IF EXISTS ${tablesOf(projection).join(', ')}`);
        await client.query(projection.schema.postgres);
        if (projection.rebuildStart) await client.query(projection.rebuildStart.postgres);
      }
      await client.query('DELETE FROM projection_checkpoint');
      await client.query('DELETE FROM projection_versions');
      await client.query('INSERT INTO projection_versions (name, version) SELECT * FROM unnest($1::text[], $2::integer[])', [
        projections.map((p) => p.name),
        projections.map((p) => p.version),
      ]);
    });
  }

  /**
   * VACUUM cannot run inside a transaction: each table on its own, outside one. The tables are vacuumed side by side
   * on the pool's connections, so the server uses every core it has while the worker waits for the last of them.
   */
  async settle(projections: readonly Projection[]): Promise<void> {
    await Promise.all(projections.flatMap(tablesOf).map((table) => this.pool.query(`VACUUM (ANALYZE) ${table}`)));
  }

  async write(batch: ProjectedBatch): Promise<void> {
    await this.transaction(async (client) => {
      for (const { projection, children } of batch.replacements) {
        if (children.length === 0) continue;
        await client.query(`DELETE FROM ${projection.table} WHERE child_id = ANY($1::text[])`, [children.map((child) => child.childId)]);
        const rows = children.flatMap((child) => child.rows);
        if (rows.length === 0) continue;
        // One JSON array of the rows, typed by the table itself: serialising it is native work, and a fraction of
        // what escaping each column's values into a PostgreSQL array literal costs this process.
        const columns = projection.columns.join(', ');
        await client.query(
          `INSERT INTO ${projection.table} (${columns}) SELECT ${columns} FROM json_populate_recordset(NULL::${projection.table}, $1::json)`,
          [JSON.stringify(rows)],
        );
      }
      await client.query(
        `INSERT INTO projection_checkpoint (id, position, events_projected, last_event_recorded_at, updated_at)
         VALUES (1, $1, $2, $3, $4)
         ON CONFLICT (id) DO UPDATE SET position = excluded.position,
           events_projected = projection_checkpoint.events_projected + excluded.events_projected,
           last_event_recorded_at = excluded.last_event_recorded_at, updated_at = excluded.updated_at`,
        [batch.position, batch.events, batch.lastEventRecordedAt, batch.updatedAt],
      );
    }, WRITE_BATCH);
  }

  async readCheckpoint(): Promise<Checkpoint> {
    const { rows } = await this.pool.query<{
      position: string | null;
      events_projected: bigint;
      last_event_recorded_at: string | null;
      updated_at: string;
    }>('SELECT position, events_projected, last_event_recorded_at, updated_at FROM projection_checkpoint WHERE id = 1');
    const row = rows.at(0);
    if (row === undefined) return NO_CHECKPOINT;
    return {
      position: row.position ?? undefined,
      eventsProjected: safeNumber(row.events_projected),
      lastEventRecordedAt: row.last_event_recorded_at ?? undefined,
      updatedAt: row.updated_at,
    };
  }

  clocks(params: ClocksQueryParams): Promise<Page<ClockItem>> {
    return this.snapshot((sql) => withinCallerScope(sql, params, queryClocks));
  }

  waitingTimes(params: WaitingTimesQueryParams): Promise<WaitingTimesResult> {
    return this.snapshot((sql) => withinCallerScope(sql, params, queryWaitingTimes));
  }

  waitingTrend(params: WaitingTrendQueryParams): Promise<WaitingTrendResult> {
    return this.snapshot((sql) => withinCallerScope(sql, params, queryWaitingTrend));
  }

  suspensions(params: SuspensionsQueryParams, config?: InclusionConfig): Promise<SuspensionsResult> {
    return this.snapshot((sql) => withinCallerScope(sql, params, (scoped, p) => querySuspensions(scoped, p, config)));
  }

  timeliness(params: TimelinessQueryParams): Promise<TimelinessResult> {
    return this.snapshot((sql) => withinCallerScope(sql, params, queryTimeliness));
  }

  dueClocks(from: LocalDate, to: LocalDate): Promise<DueClock[]> {
    return this.snapshot((sql) => queryDueClocks(sql, from, to));
  }

  /** Ends the pool it opened itself (once, however often it is called); a pool it was given belongs to the caller. */
  async close(): Promise<void> {
    if (!this.ownsPool || this.closed) return;
    this.closed = true;
    await this.pool.end();
  }
}

async function storedVersions(client: PoolClient): Promise<Map<string, number>> {
  const { rows } = await client.query<{ name: string; version: number }>('SELECT name, version FROM projection_versions');
  return new Map(rows.map((row) => [row.name, row.version]));
}

function toPortError(error: unknown): unknown {
  return isConnectionFailure(error) ? new ReadModelStoreUnavailableError(`PostgreSQL: ${(error as Error).message}`, { cause: error }) : error;
}
