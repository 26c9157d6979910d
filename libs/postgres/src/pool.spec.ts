import { createTestDatabase, type TestDatabase } from '../../../test/support/postgres-server';
import { createPostgresPool, safeNumber } from './pool';

describe('the PostgreSQL pool', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase('pool');
  });

  afterAll(async () => {
    await db.drop();
  });

  it('reads bigint columns as exact bigints, past what a number holds', async () => {
    const pool = createPostgresPool(db.url);
    try {
      const { rows } = await pool.query<{ big: bigint; count: bigint; small: number }>(
        'SELECT 9007199254740993::bigint AS big, count(*) AS count, 7::int AS small FROM generate_series(1, 3)',
      );

      expect(rows[0]).toEqual({ big: 9007199254740993n, count: 3n, small: 7 });
    } finally {
      await pool.end();
    }
  });

  it('turns a small bigint into a number and refuses one a number would round', () => {
    expect(safeNumber(42n)).toBe(42);
    expect(safeNumber('9007199254740991')).toBe(Number.MAX_SAFE_INTEGER);
    expect(() => safeNumber(9007199254740993n)).toThrow(RangeError);
  });

  it('survives an idle connection the server ended, and reconnects for the next query', async () => {
    const idleErrors: Error[] = [];
    const pool = createPostgresPool(db.url, { applicationName: 'pool-spec', onIdleError: (error) => idleErrors.push(error) });
    const admin = createPostgresPool(db.url);
    try {
      await pool.query('SELECT 1');
      await admin.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'pool-spec'");
      const deadline = Date.now() + 5000;
      while (idleErrors.length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));

      const { rows } = await pool.query<{ ok: number }>('SELECT 1 AS ok');

      expect(idleErrors.length).toBeGreaterThan(0);
      expect(rows).toEqual([{ ok: 1 }]);
    } finally {
      await Promise.all([pool.end(), admin.end()]);
    }
  });
});
