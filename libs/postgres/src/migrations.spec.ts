import type { Pool } from 'pg';
import { createTestDatabase, type TestDatabase } from '../../../test/support/postgres-server';
import { migrate, migrateAll, MigrationError, type SchemaComponent } from './migrations';
import { createPostgresPool } from './pool';

const casesV1: SchemaComponent = {
  component: 'cases',
  migrations: [{ version: 1, name: 'cases table', sql: 'CREATE TABLE cases (id text PRIMARY KEY)' }],
};
const casesV2: SchemaComponent = {
  component: 'cases',
  migrations: [...casesV1.migrations, { version: 2, name: 'cases opened on', sql: 'ALTER TABLE cases ADD COLUMN opened_on date' }],
};

describe('versioned migrations', () => {
  let db: TestDatabase;
  let pool: Pool;

  beforeEach(async () => {
    db = await createTestDatabase('migrations');
    pool = createPostgresPool(db.url);
  });

  afterEach(async () => {
    await pool.end();
    await db.drop();
  });

  const columnsOf = async (table: string): Promise<string[]> =>
    (
      await pool.query<{ column_name: string }>(
        'SELECT column_name FROM information_schema.columns WHERE table_name = $1 ORDER BY ordinal_position',
        [table],
      )
    ).rows.map((row) => row.column_name);

  it('applies a new release’s migrations once, in order, and only the ones not yet applied', async () => {
    const first = await migrate(pool, casesV1);
    const again = await migrate(pool, casesV1);
    const upgrade = await migrate(pool, casesV2);

    expect(first).toEqual({ component: 'cases', applied: [1], version: 1 });
    expect(again).toEqual({ component: 'cases', applied: [], version: 1 });
    expect(upgrade).toEqual({ component: 'cases', applied: [2], version: 2 });
    expect(await columnsOf('cases')).toEqual(['id', 'opened_on']);
  });

  it('keeps each component’s versions apart', async () => {
    const alerts: SchemaComponent = { component: 'alerts', migrations: [{ version: 1, name: 'alerts table', sql: 'CREATE TABLE alerts (id text)' }] };

    const reports = await migrateAll(pool, [casesV2, alerts]);

    expect(reports.map((r) => [r.component, r.applied])).toEqual([
      ['cases', [1, 2]],
      ['alerts', [1]],
    ]);
  });

  it('lets processes starting together migrate at once: each migration runs once', async () => {
    const others = [createPostgresPool(db.url), createPostgresPool(db.url), createPostgresPool(db.url)];
    try {
      const reports = await Promise.all([pool, ...others].map((p) => migrate(p, casesV2)));

      expect(reports.flatMap((r) => r.applied).sort()).toEqual([1, 2]);
      const ledger = await pool.query("SELECT version FROM schema_migrations WHERE component = 'cases' ORDER BY version");
      expect(ledger.rows).toEqual([{ version: 1 }, { version: 2 }]);
    } finally {
      await Promise.all(others.map((p) => p.end()));
    }
  });

  it('leaves the component as it was when one of its pending migrations fails', async () => {
    const broken: SchemaComponent = {
      component: 'cases',
      migrations: [...casesV2.migrations, { version: 3, name: 'broken', sql: 'ALTER TABLE no_such_table ADD COLUMN x int' }],
    };

    await migrate(pool, casesV1);

    const error = await migrate(pool, broken).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(MigrationError);
    expect((error as Error).message).toMatch(/migration 3 \(broken\) failed/);
    expect(await columnsOf('cases')).toEqual(['id']);
    expect((await pool.query("SELECT version FROM schema_migrations WHERE component = 'cases'")).rows).toEqual([{ version: 1 }]);
  });

  it('refuses a database a newer release has migrated, and a migration renamed after it ran', async () => {
    await migrate(pool, casesV2);

    await expect(migrate(pool, casesV1)).rejects.toThrow(/at version 2, newer than this release knows \(1\)/);
    await expect(
      migrate(pool, { component: 'cases', migrations: [{ ...casesV1.migrations[0], name: 'something else' }, casesV2.migrations[1]] }),
    ).rejects.toThrow(/version 1 was applied as "cases table"/);
  });

  it('refuses a release whose migrations are not numbered 1, 2, 3', async () => {
    const gap: SchemaComponent = { component: 'gap', migrations: [{ version: 2, name: 'two', sql: 'SELECT 1' }] };

    await expect(migrate(pool, gap)).rejects.toThrow(/numbered 1, 2, 3/);
  });
});
