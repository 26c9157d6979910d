import { Client } from 'pg';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/postgres-server';
import { postgresProjectionLockHolder, tryPostgresProjectionLock, type PostgresProjectionLock } from './postgres-projection-lock';

describe('the read models have one writer in PostgreSQL', () => {
  let db: TestDatabase;
  const held: PostgresProjectionLock[] = [];
  const take = async (holder: string): Promise<PostgresProjectionLock | undefined> => {
    const lock = await tryPostgresProjectionLock(db.url, holder);
    if (lock) held.push(lock);
    return lock;
  };

  beforeAll(async () => {
    db = await createTestDatabase('projection-lock');
  });
  afterEach(() => {
    for (const lock of held.splice(0)) lock.release();
  });
  afterAll(() => db.drop());

  it('a second worker stands by while the first holds the lock, and takes it once the first lets go', async () => {
    const first = await take('worker A');
    expect(first).toBeDefined();
    expect(await take('worker B')).toBeUndefined();
    expect(await postgresProjectionLockHolder(db.url)).toMatch(/^send-journeys projections: worker A \(pid \d+ on .+\)$/);

    first?.release();
    let second: PostgresProjectionLock | undefined;
    for (let attempt = 0; attempt < 50 && second === undefined; attempt++) {
      second = await take('worker B');
      if (second === undefined) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(second).toBeDefined();
  });

  it('a holder whose connection is cut learns it has lost the lock, and another worker takes it at once', async () => {
    const first = await take('worker A');
    const admin = new Client({ connectionString: db.url });
    await admin.connect();
    try {
      await admin.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name LIKE 'send-journeys projections: worker A%'");
    } finally {
      await admin.end();
    }

    await expect(first?.lost).resolves.toBeInstanceOf(Error);
    expect(await take('worker B')).toBeDefined();
  });
});
