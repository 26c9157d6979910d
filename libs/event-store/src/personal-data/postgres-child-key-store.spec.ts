import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { createScratchPool } from '../../../../test/support/postgres-pool';
import { describeChildKeyStoreContract } from '../testing/child-key-store.contract';
import { PostgresChildKeyStore } from './postgres-child-key-store';

/** The files of one database on the server's disk, after a checkpoint has written every changed page. */
async function databaseFiles(url: string): Promise<Buffer> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('CHECKPOINT');
    const { rows } = await client.query<{ dir: string; oid: number }>(
      "SELECT current_setting('data_directory') AS dir, oid FROM pg_database WHERE datname = current_database()",
    );
    const folder = join(rows[0].dir, 'base', String(rows[0].oid));
    return Buffer.concat(readdirSync(folder).map((name) => readFileSync(join(folder, name))));
  } finally {
    await client.end();
  }
}

describeChildKeyStoreContract('PostgreSQL', async () => {
  const scratch = await createScratchPool('child-keys');
  return {
    store: await PostgresChildKeyStore.open(scratch.pool),
    openAnother: () => PostgresChildKeyStore.open(scratch.url),
    storedBytes: () => databaseFiles(scratch.url),
    disconnect: scratch.disconnect,
    cleanup: scratch.drop,
  };
});

describe('child keys in PostgreSQL', () => {
  it('are never sampled into the planner statistics, where deleting the row would not reach them', async () => {
    const scratch = await createScratchPool('child-keys-stats');
    const store = await PostgresChildKeyStore.open(scratch.pool);
    try {
      for (const childId of ['c1', 'c2', 'c3', 'c4']) await store.keyFor(childId);
      await scratch.pool.query('ANALYZE child_keys');
      const { rows } = await scratch.pool.query("SELECT attname FROM pg_stats WHERE tablename = 'child_keys'");
      expect(rows.map((row: { attname: string }) => row.attname).sort()).toEqual(['child_id', 'created_at']);
    } finally {
      await store.close();
      await scratch.drop();
    }
  });
});
