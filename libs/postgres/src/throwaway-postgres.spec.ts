import { Client } from 'pg';
import { createTestDatabase, type TestDatabase } from '../../../test/support/postgres-server';

async function query<T>(url: string, sql: string): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}

describe('the throw-away PostgreSQL the tests run against', () => {
  let first: TestDatabase;
  let second: TestDatabase;

  beforeAll(async () => {
    [first, second] = await Promise.all([createTestDatabase('harness-a'), createTestDatabase('harness-b')]);
  });

  afterAll(async () => {
    await Promise.all([first.drop(), second.drop()]);
  });

  it('gives each test file a database of its own, empty, on the same loopback server', async () => {
    await query(first.url, 'CREATE TABLE only_in_first (n int)');

    const tables = await query<{ table_name: string }>(second.url, "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'");

    expect(tables).toEqual([]);
    expect(new URL(first.url).host).toBe(new URL(second.url).host);
    expect(new URL(first.url).hostname).toBe('127.0.0.1');
  });

  it('drops a database even while a connection is still open on it', async () => {
    const scratch = await createTestDatabase('harness-drop');
    const lingering = new Client({ connectionString: scratch.url });
    lingering.on('error', () => undefined);
    await lingering.connect();

    await scratch.drop();

    const names = await query<{ datname: string }>(first.url, 'SELECT datname FROM pg_database');
    expect(names.map((row) => row.datname)).not.toContain(scratch.name);
    await lingering.end().catch(() => undefined);
  });
});
