import type { Pool, PoolClient } from 'pg';
import { isConnectionFailure } from './connection-failure';

/**
 * Runs `work` in one transaction on a connection of `pool` (opened by `begin`, e.g. a read-only snapshot) and
 * commits it; any failure rolls it back and reaches the caller as the store's own error (`toPortError`). A
 * connection that failed is thrown away rather than handed to the next caller.
 */
export async function inStoreTransaction<T>(
  pool: Pool,
  work: (client: PoolClient) => Promise<T>,
  toPortError: (error: unknown) => unknown,
  begin = 'BEGIN',
): Promise<T> {
  let client: PoolClient;
  try {
    client = await pool.connect();
  } catch (error) {
    throw toPortError(error);
  }
  let broken = false;
  try {
    await client.query(begin);
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    broken = isConnectionFailure(error);
    if (!broken) await client.query('ROLLBACK').catch(() => undefined);
    throw toPortError(error);
  } finally {
    client.release(broken);
  }
}
