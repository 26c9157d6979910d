import type { Pool } from 'pg';
import { createTestDatabase, type TestDatabase } from '../../../test/support/postgres-server';
import type { SchemaComponent } from './migrations';
import { createPostgresPool } from './pool';
import { openStorePool } from './store-pool';

class CasesUnavailableError extends Error {}
const toCasesError = (error: unknown): unknown => new CasesUnavailableError(`cases store: ${(error as Error).message}`, { cause: error });

const cases: SchemaComponent = {
  component: 'cases',
  migrations: [{ version: 1, name: 'cases table', sql: 'CREATE TABLE cases (id text PRIMARY KEY)' }],
};
const broken: SchemaComponent = { component: 'broken', migrations: [{ version: 1, name: 'a typo', sql: 'CREATE TABLET broken (id text)' }] };

describe("a store's pool", () => {
  let db: TestDatabase;
  let observer: Pool;

  beforeAll(async () => {
    db = await createTestDatabase('store_pool');
    observer = createPostgresPool(db.url, { max: 1 });
  });
  afterAll(async () => {
    await observer.end();
    await db.drop();
  });

  const connectionsNamed = async (applicationName: string): Promise<number> =>
    (
      await observer.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND application_name = $1',
        [applicationName],
      )
    ).rows[0].n;

  it("opened from a URL, brings the store's tables up to date and is the store's to end", async () => {
    const { pool, owned } = await openStorePool(db.url, cases, { max: 2, applicationName: 'sj-cases' }, toCasesError);
    expect(owned).toBe(true);
    expect((await pool.query('SELECT count(*)::int AS n FROM cases')).rows).toEqual([{ n: 0 }]);
    await pool.end();
  });

  it("given the application's pool, uses it and leaves it to its owner", async () => {
    const { pool, owned } = await openStorePool(observer, cases, {}, toCasesError);
    expect({ samePool: pool === observer, owned }).toEqual({ samePool: true, owned: false });
  });

  it("that cannot bring its tables up to date says so as the store's own error and leaves no connection open", async () => {
    await expect(openStorePool(db.url, broken, { max: 2, applicationName: 'sj-broken' }, toCasesError)).rejects.toBeInstanceOf(CasesUnavailableError);
    expect(await connectionsNamed('sj-broken')).toBe(0);
  });
});
