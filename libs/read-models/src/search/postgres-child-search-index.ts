import { randomBytes } from 'node:crypto';
import type { Pool, PoolClient, QueryResult } from 'pg';
import { inStoreTransaction, isConnectionFailure, openStorePool, type SchemaComponent } from '@sj/postgres';
import {
  ChildSearchUnavailableError,
  SEARCH_KEY_BYTES,
  type ChildSearchBatch,
  type ChildSearchIndex,
  type ChildSearchPage,
  type ChildSearchRequest,
} from './child-search-index.port';

/**
 * The index's tables, its checkpoint, the erasures it keeps and its hashing key. The hashes are compared byte for
 * byte (COLLATE "C"); `STATISTICS 0` keeps ANALYZE from copying sample keys into `pg_statistic`.
 */
export const CHILD_SEARCH_SCHEMA: SchemaComponent = {
  component: 'child-search',
  migrations: [
    {
      version: 1,
      name: 'keyed hashes of children search terms',
      sql: `
        CREATE TABLE child_search_children (child_id text COLLATE "C" PRIMARY KEY, area text COLLATE "C" NOT NULL);
        CREATE INDEX child_search_children_by_area ON child_search_children (area, child_id);
        CREATE TABLE child_search_terms (
          term text COLLATE "C" NOT NULL, child_id text COLLATE "C" NOT NULL, PRIMARY KEY (term, child_id)
        );
        CREATE INDEX child_search_terms_by_child ON child_search_terms (child_id);
        CREATE TABLE child_search_erased (child_id text COLLATE "C" PRIMARY KEY, erased_at timestamptz NOT NULL);
        CREATE TABLE child_search_checkpoint (id integer PRIMARY KEY CHECK (id = 1), position text NOT NULL);
        CREATE TABLE child_search_key (
          id integer PRIMARY KEY CHECK (id = 1),
          key bytea NOT NULL CHECK (octet_length(key) >= ${SEARCH_KEY_BYTES}),
          created_at timestamptz NOT NULL DEFAULT now()
        );
        ALTER TABLE child_search_key ALTER COLUMN key SET STATISTICS 0;
      `,
    },
  ],
};

/*
 * Writes take this lock shared, an erasure takes it alone: an erasure waits for the batch being written, and a
 * batch written after it sees it, so a child forgotten meanwhile is never written back.
 */
const ERASURE_LOCK = "hashtext('send-journeys child search erasure')";

/** The index in PostgreSQL, shared by every API process and the leading worker. */
export class PostgresChildSearchIndex implements ChildSearchIndex {
  readonly kind = 'postgres';

  private constructor(
    private readonly pool: Pool,
    private readonly ownsPool: boolean,
  ) {}

  /** Brings the tables to this release's version first; given a URL, opens (and on `close` ends) a pool of its own. */
  static async open(connection: string | Pool): Promise<PostgresChildSearchIndex> {
    const { pool, owned } = await openStorePool(
      connection,
      CHILD_SEARCH_SCHEMA,
      { max: 2, applicationName: 'send-journeys child search' },
      toPortError,
    );
    return new PostgresChildSearchIndex(pool, owned);
  }

  async hashKey(): Promise<Buffer> {
    const { rows } = await this.query<{ key: Buffer }>(
      `WITH made AS (INSERT INTO child_search_key (id, key) VALUES (1, $1) ON CONFLICT (id) DO NOTHING RETURNING key)
       SELECT key FROM made UNION ALL SELECT key FROM child_search_key WHERE id = 1`,
      [randomBytes(SEARCH_KEY_BYTES)],
    );
    return rows[0].key;
  }

  async checkpoint(): Promise<string | undefined> {
    const { rows } = await this.query<{ position: string }>('SELECT position FROM child_search_checkpoint WHERE id = 1', []);
    return rows[0]?.position;
  }

  write(batch: ChildSearchBatch): Promise<void> {
    return this.inTransaction(async (client) => {
      await client.query(`SELECT pg_advisory_xact_lock_shared(${ERASURE_LOCK})`);
      const ids = batch.entries.map((entry) => entry.childId);
      await client.query('DELETE FROM child_search_terms WHERE child_id = ANY($1::text[])', [ids]);
      await client.query('DELETE FROM child_search_children WHERE child_id = ANY($1::text[])', [ids]);
      const kept = batch.entries.filter((entry) => entry.area !== undefined);
      const notErased = 'WHERE NOT EXISTS (SELECT 1 FROM child_search_erased e WHERE e.child_id = r.child_id)';
      await client.query(
        `INSERT INTO child_search_children (child_id, area)
         SELECT r.child_id, r.area FROM unnest($1::text[], $2::text[]) AS r (child_id, area) ${notErased}`,
        [kept.map((entry) => entry.childId), kept.map((entry) => entry.area)],
      );
      const terms = kept.flatMap((entry) => [...new Set(entry.termHashes)].map((term) => [term, entry.childId] as const));
      await client.query(
        `INSERT INTO child_search_terms (term, child_id)
         SELECT r.term, r.child_id FROM unnest($1::text[], $2::text[]) AS r (term, child_id) ${notErased}`,
        [terms.map(([term]) => term), terms.map(([, childId]) => childId)],
      );
      await client.query(
        'INSERT INTO child_search_checkpoint (id, position) VALUES (1, $1) ON CONFLICT (id) DO UPDATE SET position = excluded.position',
        [batch.position],
      );
    });
  }

  async clear(): Promise<void> {
    await this.inTransaction(async (client) => {
      await client.query('TRUNCATE child_search_terms, child_search_children, child_search_checkpoint');
    });
  }

  async find(request: ChildSearchRequest): Promise<ChildSearchPage> {
    const params: unknown[] = [];
    const next = (value: unknown): string => {
      params.push(value);
      return `$${params.length}`;
    };
    const matches = request.anyOf
      .filter((group) => group.length > 0)
      .map((group) => {
        const distinct = [...new Set(group)];
        return `SELECT child_id FROM child_search_terms WHERE term = ANY(${next(distinct)}::text[]) GROUP BY child_id HAVING count(*) = ${next(distinct.length)}`;
      });
    if (request.childId !== undefined) matches.push(`SELECT ${next(request.childId)}::text COLLATE "C" AS child_id`);
    if (matches.length === 0) return { childIds: [], total: 0 };
    let where = `c.child_id IN (${matches.join(' UNION ')})`;
    if (request.areas !== 'all') where += ` AND c.area = ANY(${next([...request.areas])}::text[])`;
    const count = params.length;
    const { rows } = await this.query<{ child_id: string | null; total: string }>(
      `WITH found AS (SELECT c.child_id FROM child_search_children c WHERE ${where})
       SELECT page.child_id, (SELECT count(*) FROM found) AS total
       FROM (SELECT 1) one LEFT JOIN LATERAL (
         SELECT child_id FROM found ORDER BY child_id LIMIT $${count + 1} OFFSET $${count + 2}
       ) page ON true`,
      [...params, request.pageSize, (request.page - 1) * request.pageSize],
    );
    return { childIds: rows.flatMap((row) => (row.child_id === null ? [] : [row.child_id])), total: Number(rows[0]?.total ?? 0) };
  }

  async forget(childId: string, erasedAt: string): Promise<void> {
    await this.inTransaction(async (client) => {
      await client.query(`SELECT pg_advisory_xact_lock(${ERASURE_LOCK})`);
      await client.query('INSERT INTO child_search_erased (child_id, erased_at) VALUES ($1, $2) ON CONFLICT (child_id) DO NOTHING', [
        childId,
        erasedAt,
      ]);
      await client.query('DELETE FROM child_search_terms WHERE child_id = $1', [childId]);
      await client.query('DELETE FROM child_search_children WHERE child_id = $1', [childId]);
    });
  }

  async close(): Promise<void> {
    if (this.ownsPool) await this.pool.end();
  }

  private async query<R extends object>(sql: string, values: readonly unknown[]): Promise<QueryResult<R>> {
    try {
      return await this.pool.query<R>(sql, [...values]);
    } catch (error) {
      throw toPortError(error);
    }
  }

  private inTransaction(work: (client: PoolClient) => Promise<void>): Promise<void> {
    return inStoreTransaction(this.pool, work, toPortError);
  }
}

function toPortError(error: unknown): unknown {
  return isConnectionFailure(error) ? new ChildSearchUnavailableError(`PostgreSQL: ${(error as Error).message}`, { cause: error }) : error;
}
