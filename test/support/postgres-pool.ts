import type { Pool } from 'pg';
import { createPostgresPool } from '@sj/postgres';
import { createTestDatabase } from './postgres-server';

/** A database of its own and the application's kind of pool on it, for one contract test. */
export interface ScratchPool {
  readonly url: string;
  readonly pool: Pool;
  /** Ends the pool (as losing the server would): the store on it can no longer reach its database. */
  readonly disconnect: () => Promise<void>;
  /** Ends the pool if still open and drops the database. */
  readonly drop: () => Promise<void>;
}

export async function createScratchPool(label: string): Promise<ScratchPool> {
  const database = await createTestDatabase(label);
  const pool = createPostgresPool(database.url, { max: 4 });
  let ended = false;
  const disconnect = async (): Promise<void> => {
    if (ended) return;
    ended = true;
    await pool.end();
  };
  return {
    url: database.url,
    pool,
    disconnect,
    drop: async () => {
      await disconnect();
      await database.drop();
    },
  };
}
