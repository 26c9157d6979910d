import type { Pool } from 'pg';
import { migrate, type SchemaComponent } from './migrations';
import { createPostgresPool, type PostgresPoolOptions } from './pool';

/** A store's pool: its own when given a URL (so the store ends it on close), or the application's, left to its owner. */
export interface StorePool {
  readonly pool: Pool;
  readonly owned: boolean;
}

/**
 * Opens the pool a store works through and brings the store's tables to this release's version. A pool opened
 * here is ended again if the schema cannot be brought up to date, so a failed start leaves no connection open;
 * the failure reaches the caller as the store's own error (`toPortError`), never as a driver error.
 */
export async function openStorePool(
  connection: string | Pool,
  schema: SchemaComponent,
  options: PostgresPoolOptions,
  toPortError: (error: unknown) => unknown,
): Promise<StorePool> {
  const owned = typeof connection === 'string';
  const pool = owned ? createPostgresPool(connection, options) : connection;
  try {
    await migrate(pool, schema);
  } catch (error) {
    if (owned) await pool.end();
    throw toPortError(error);
  }
  return { pool, owned };
}
