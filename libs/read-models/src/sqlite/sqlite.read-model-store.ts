import Database from 'better-sqlite3';
import type { InclusionConfig, LocalDate } from '@sj/domain';
import { isSqliteUnavailable } from '@sj/sqlite';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
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
import type { ClockKey, ReadModelSql, SqlDialect, SqlParams } from '../sql/read-model-sql';

/** Where the embedded default keeps the read models: beside the event log in DATA_DIR. */
export function readModelsFile(dataDir: string): string {
  return join(dataDir, 'read-models.sqlite');
}

const BOOKKEEPING = `
  CREATE TABLE IF NOT EXISTS projection_checkpoint (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    position TEXT,
    events_projected INTEGER NOT NULL DEFAULT 0,
    last_event_recorded_at TEXT,
    updated_at TEXT NOT NULL
  );
  CREATE TABLE IF NOT EXISTS projection_versions (
    name TEXT PRIMARY KEY,
    version INTEGER NOT NULL
  );
`;

/**
 * A 64 MiB page cache (SQLite's default is 2 MiB): with a million-event log the read-model indexes
 * are a few hundred MiB, and both the rebuild's index updates and the managers' range scans were
 * spending most of their time re-reading pages.
 */
export function tuneReadModelConnection(db: Database.Database): void {
  // rm_children of releases before its v3 held names: when its rebuild drops it, the old pages are zeroed, not left in free space.
  db.pragma('secure_delete = ON');
  db.pragma('cache_size = -65536');
  db.pragma('temp_store = MEMORY');
}

const SQLITE_DIALECT: SqlDialect = {
  name: 'sqlite',
  least: (a, b) => `min(${a}, ${b})`,
  daysFrom: (from, to) => `CAST(julianday(${to}) - julianday(${from}) AS INTEGER)`,
  nullsLast: (column) => `${column} IS NULL, ${column}`,
  orderedJoin: 'CROSS JOIN',
  clockKeys: (keys: readonly ClockKey[]) => ({
    sql: `(SELECT value ->> 0 AS child_id, value ->> 1 AS clock, value ->> 2 AS clock_key FROM json_each(@clockKeys)) k`,
    params: { clockKeys: JSON.stringify(keys) },
  }),
};

/** Compiled statements by SQL text: the managers' queries are built from a handful of shapes. */
const STATEMENT_CACHE_SIZE = 256;

class SqliteSql implements ReadModelSql {
  readonly dialect = SQLITE_DIALECT;
  private readonly statements = new Map<string, Database.Statement>();

  constructor(private readonly db: Database.Database) {}

  statement(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (statement === undefined) {
      if (this.statements.size >= STATEMENT_CACHE_SIZE) this.statements.clear();
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  async rows<T>(sql: string, params: SqlParams = {}): Promise<T[]> {
    return this.statement(sql).raw(false).all(params) as T[];
  }

  async arrays<T extends readonly unknown[]>(sql: string, params: SqlParams = {}): Promise<T[]> {
    return this.statement(sql).raw(true).all(params) as T[];
  }

  async hasTables(...tables: string[]): Promise<boolean> {
    return hasTables(this.db, tables);
  }
}

/** The managers' queries' view of a connection of one's own to a read-models file: for query-plan stories and tools. */
export function sqliteReadModelSql(db: Database.Database): ReadModelSql {
  return new SqliteSql(db);
}

function hasTables(db: Database.Database, tables: readonly string[]): boolean {
  const found = db
    .prepare(`SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'table' AND name IN (${tables.map(() => '?').join(', ')})`)
    .get(...tables) as { n: number };
  return found.n === tables.length;
}

/**
 * The read models in their own SQLite file beside the event store: they are disposable (rebuilt from the log at
 * will), the log is not. One connection; every operation takes its turn on it, so a query's snapshot (a read
 * transaction) never interleaves with a batch being written.
 */
export class SqliteReadModelStore implements ReadModelStore {
  readonly kind = 'sqlite';
  private opened: { db: Database.Database; sql: SqliteSql } | undefined;
  private empty: { db: Database.Database; sql: SqliteSql } | undefined;
  private turn: Promise<unknown> = Promise.resolve();

  private constructor(
    readonly file: string,
    private readonly readOnly: boolean,
  ) {}

  /** The worker's (or a rebuild's) store: creates the file and its bookkeeping tables. */
  static open(file: string): SqliteReadModelStore {
    const store = new SqliteReadModelStore(file, false);
    store.connection();
    return store;
  }

  /**
   * A reader of the file another process writes (the API reading the worker's read models). Opened on first
   * use, because the reader may start before the worker has created the file; until it exists, queries run
   * against an empty in-memory database and so answer empty results rather than fail. `query_only` makes the
   * connection read-only without a read-only open, which SQLite refuses for a WAL database whose -shm file
   * does not exist yet.
   */
  static reader(file: string): SqliteReadModelStore {
    return new SqliteReadModelStore(file, true);
  }

  private connection(): { db: Database.Database; sql: SqliteSql } {
    if (this.opened) return this.opened;
    if (this.readOnly) {
      if (!existsSync(this.file)) {
        if (this.empty === undefined) {
          const db = new Database(':memory:');
          this.empty = { db, sql: new SqliteSql(db) };
        }
        return this.empty;
      }
      const db = new Database(this.file, { fileMustExist: true });
      db.pragma('busy_timeout = 5000');
      db.pragma('query_only = ON');
      tuneReadModelConnection(db);
      this.opened = { db, sql: new SqliteSql(db) };
      return this.opened;
    }
    mkdirSync(dirname(this.file), { recursive: true });
    const db = new Database(this.file);
    db.pragma('busy_timeout = 5000');
    tuneReadModelConnection(db);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.exec(BOOKKEEPING);
    this.opened = { db, sql: new SqliteSql(db) };
    return this.opened;
  }

  /** Runs `work` when every operation before it has finished; a full, locked or closed file is the port's "unavailable". */
  private inTurn<T>(work: () => Promise<T> | T): Promise<T> {
    const result = this.turn.then(work).catch((error: unknown) => {
      throw isSqliteUnavailable(error)
        ? new ReadModelStoreUnavailableError(`SQLite ${this.file}: ${(error as Error).message}`, { cause: error })
        : error;
    });
    this.turn = result.catch(() => undefined);
    return result;
  }

  /** One read transaction around `read`: every statement in it sees the same snapshot of the file. */
  private snapshot<T>(read: (sql: ReadModelSql) => Promise<T>): Promise<T> {
    return this.inTurn(async () => {
      const { db, sql } = this.connection();
      db.exec('BEGIN');
      try {
        const result = await read(sql);
        db.exec('COMMIT');
        return result;
      } catch (error) {
        if (db.inTransaction) db.exec('ROLLBACK');
        throw error;
      }
    });
  }

  ensureSchema(projections: readonly Projection[]): Promise<void> {
    return this.inTurn(() => {
      const { db } = this.connection();
      const stored = storedVersions(db);
      for (const projection of projections) {
        const version = stored.get(projection.name);
        if (version !== undefined && version !== projection.version)
          for (const table of tablesOf(projection)) db.exec(`DROP TABLE IF EXISTS ${table}`);
        db.exec(projection.schema.sqlite);
      }
    });
  }

  storedVersions(): Promise<ReadonlyMap<string, number>> {
    return this.inTurn(() => storedVersions(this.connection().db));
  }

  clear(projections: readonly Projection[]): Promise<void> {
    return this.inTurn(() => {
      const { db } = this.connection();
      db.transaction(() => {
        for (const projection of projections) {
          for (const table of tablesOf(projection)) db.exec(`DROP TABLE IF EXISTS ${table}`);
          db.exec(projection.schema.sqlite);
          if (projection.rebuildStart) db.exec(projection.rebuildStart.sqlite);
          setIndexesAside(db, tablesOf(projection));
        }
        db.prepare('DELETE FROM projection_checkpoint').run();
        db.prepare('DELETE FROM projection_versions').run();
        const record = db.prepare('INSERT INTO projection_versions (name, version) VALUES (?, ?)');
        for (const projection of projections) record.run(projection.name, projection.version);
      })();
    });
  }

  /** SQLite keeps no statistics the managers' queries depend on: their joins are ordered by hand. */
  settle(): Promise<void> {
    return Promise.resolve();
  }

  write(batch: ProjectedBatch): Promise<void> {
    return this.inTurn(() => {
      const { db, sql } = this.connection();
      db.transaction(() => {
        for (const { projection, children } of batch.replacements) {
          const remove = sql.statement(`DELETE FROM ${projection.table} WHERE child_id = ?`);
          const insert = sql.statement(
            `INSERT INTO ${projection.table} (${projection.columns.join(', ')}) VALUES (${projection.columns.map(() => '?').join(', ')})`,
          );
          for (const { childId, rows } of children) {
            remove.run(childId);
            for (const row of rows) insert.run(projection.columns.map((column) => row[column] ?? null));
          }
        }
        sql
          .statement(
            `INSERT INTO projection_checkpoint (id, position, events_projected, last_event_recorded_at, updated_at)
             VALUES (1, @position, @count, @recordedAt, @updatedAt)
             ON CONFLICT (id) DO UPDATE SET position = excluded.position,
               events_projected = projection_checkpoint.events_projected + excluded.events_projected,
               last_event_recorded_at = excluded.last_event_recorded_at, updated_at = excluded.updated_at`,
          )
          .run({ position: batch.position, count: batch.events, recordedAt: batch.lastEventRecordedAt, updatedAt: batch.updatedAt });
      })();
    });
  }

  readCheckpoint(): Promise<Checkpoint> {
    return this.inTurn(() => {
      const { db } = this.connection();
      if (!hasTables(db, ['projection_checkpoint'])) return NO_CHECKPOINT;
      const row = db
        .prepare('SELECT position, events_projected, last_event_recorded_at, updated_at FROM projection_checkpoint WHERE id = 1')
        .get() as { position: string | null; events_projected: number; last_event_recorded_at: string | null; updated_at: string } | undefined;
      return {
        position: row?.position ?? undefined,
        eventsProjected: row?.events_projected ?? 0,
        lastEventRecordedAt: row?.last_event_recorded_at ?? undefined,
        updatedAt: row?.updated_at,
      };
    });
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

  close(): Promise<void> {
    return this.inTurn(() => {
      this.opened?.db.close();
      this.empty?.db.close();
      this.opened = undefined;
      this.empty = undefined;
    });
  }
}

function storedVersions(db: Database.Database): Map<string, number> {
  return new Map(
    (db.prepare('SELECT name, version FROM projection_versions').all() as { name: string; version: number }[]).map((row) => [row.name, row.version]),
  );
}

/**
 * A rebuild meets the children in the log's order, so each table's rows arrive in key order, but its secondary indexes
 * (by area, date, status) take them in no order at all: once an index outgrows the page cache, nearly every row costs a
 * page read. The rebuild drops them when it starts; `ensureSchema` at its end creates them again, each from one sort.
 */
function setIndexesAside(db: Database.Database, tables: readonly string[]): void {
  const indexes = db
    .prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN (${tables.map(() => '?').join(', ')})`)
    .all(...tables) as { name: string }[];
  for (const { name } of indexes) db.exec(`DROP INDEX ${name}`);
}
