import { randomBytes } from 'node:crypto';
import type { Pool, PoolClient } from 'pg';
import { inStoreTransaction, isConnectionFailure, openStorePool, type SchemaComponent } from '@sj/postgres';
import { ChildKeyStoreUnavailableError, PersonalDataErasedError, type ChildKeyStore } from './child-key-store.port';
import { KEY_BYTES } from './sqlite-child-key-store';

/**
 * Keys apart from the events, and the erasures. `STATISTICS 0` keeps ANALYZE from copying sample keys into
 * `pg_statistic`, where deleting the row would not reach them.
 */
export const CHILD_KEYS_SCHEMA: SchemaComponent = {
  component: 'child-keys',
  migrations: [
    {
      version: 1,
      name: 'child keys and erasures',
      sql: `
        CREATE TABLE child_keys (
          child_id text PRIMARY KEY,
          key bytea NOT NULL CHECK (octet_length(key) = ${KEY_BYTES}),
          created_at timestamptz NOT NULL DEFAULT now()
        );
        ALTER TABLE child_keys ALTER COLUMN key SET STATISTICS 0;
        CREATE TABLE erased_children (
          child_id text PRIMARY KEY,
          erased_at timestamptz NOT NULL
        );
      `,
    },
  ],
};

/** First key of the per-child advisory locks that order a first key against an erasure of the same child. */
const CHILD_LOCK_SPACE = 1_936_329_067;

/**
 * Child keys in PostgreSQL, shared by every API process and worker. A first key is made under a per-child lock,
 * and only while no erasure is recorded; an erasure takes the same lock, so a key can never be made after it.
 *
 * PostgreSQL never overwrites a deleted row in place: its bytes stay in the table's file until the space is
 * reused. So after the deletion commits, `VACUUM FULL` rewrites the (small) table into a new file and the old
 * one is truncated, leaving no copy of the key in the live data. What it cannot reach is said in
 * docs/security.md: WAL not yet recycled, WAL archives and backups taken before the erasure, and a transaction
 * older than the erasure still open at that moment (its snapshot keeps the row until the next erasure's rewrite).
 */
export class PostgresChildKeyStore implements ChildKeyStore {
  private constructor(
    private readonly pool: Pool,
    private readonly ownsPool: boolean,
  ) {}

  /** Brings the tables to this release's version first; given a URL, opens (and on `close` ends) a pool of its own. */
  static async open(connection: string | Pool): Promise<PostgresChildKeyStore> {
    const { pool, owned } = await openStorePool(connection, CHILD_KEYS_SCHEMA, { max: 4, applicationName: 'send-journeys child keys' }, toPortError);
    return new PostgresChildKeyStore(pool, owned);
  }

  async keyFor(childId: string): Promise<Buffer> {
    const existing = (await this.existingKeys([childId])).get(childId);
    if (existing === 'erased') throw new PersonalDataErasedError(childId);
    if (existing !== undefined) return existing;
    return this.inTransaction(async (client) => {
      await lockChild(client, childId);
      const { rows } = await client.query<{ key: Buffer }>(
        `WITH made AS (
           INSERT INTO child_keys (child_id, key) SELECT $1, $2 WHERE NOT EXISTS (SELECT 1 FROM erased_children WHERE child_id = $1)
           ON CONFLICT (child_id) DO NOTHING RETURNING key)
         SELECT key FROM made UNION ALL SELECT key FROM child_keys WHERE child_id = $1`,
        [childId, randomBytes(KEY_BYTES)],
      );
      if (rows.length === 0) throw new PersonalDataErasedError(childId);
      return rows[0].key;
    });
  }

  async existingKeys(childIds: readonly string[]): Promise<ReadonlyMap<string, Buffer | 'erased'>> {
    if (childIds.length === 0) return new Map();
    const { rows } = await this.query(
      `SELECT child_id, key FROM child_keys WHERE child_id = ANY($1::text[])
       UNION ALL SELECT child_id, NULL FROM erased_children WHERE child_id = ANY($1::text[])`,
      [[...new Set(childIds)]],
    );
    return new Map(rows.map((row) => [row.child_id, row.key ?? 'erased']));
  }

  async destroy(childId: string, erasedAt: string): Promise<{ readonly erasedAt: string; readonly alreadyErased: boolean }> {
    const result = await this.inTransaction(async (client) => {
      await lockChild(client, childId);
      const before = await client.query<{ erased_at: Date }>('SELECT erased_at FROM erased_children WHERE child_id = $1', [childId]);
      await client.query('DELETE FROM child_keys WHERE child_id = $1', [childId]);
      await client.query('INSERT INTO erased_children (child_id, erased_at) VALUES ($1, $2) ON CONFLICT (child_id) DO NOTHING', [childId, erasedAt]);
      return before.rows.length === 0
        ? { erasedAt, alreadyErased: false }
        : { erasedAt: before.rows[0].erased_at.toISOString(), alreadyErased: true };
    });
    // Outside the transaction (VACUUM cannot run inside one). If it fails, erasing again (idempotent) retries it.
    await this.query('VACUUM FULL child_keys', []);
    return result;
  }

  async close(): Promise<void> {
    if (this.ownsPool) await this.pool.end();
  }

  private async query(sql: string, values: readonly unknown[]): Promise<{ rows: { child_id: string; key: Buffer | null }[] }> {
    try {
      return await this.pool.query<{ child_id: string; key: Buffer | null }>(sql, [...values]);
    } catch (error) {
      throw toPortError(error);
    }
  }

  private inTransaction<T>(work: (client: PoolClient) => Promise<T>): Promise<T> {
    return inStoreTransaction(this.pool, work, toPortError);
  }
}

function lockChild(client: PoolClient, childId: string): Promise<unknown> {
  return client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [CHILD_LOCK_SPACE, childId]);
}

function toPortError(error: unknown): unknown {
  return isConnectionFailure(error) ? new ChildKeyStoreUnavailableError(`PostgreSQL: ${(error as Error).message}`, { cause: error }) : error;
}
