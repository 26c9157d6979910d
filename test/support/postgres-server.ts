import { createScratchDatabase, startThrowawayPostgres, type ScratchDatabase, type ThrowawayPostgres } from '@sj/postgres';

/**
 * PostgreSQL for tests. The global setup starts ONE throw-away cluster per jest run (initdb into a temporary folder,
 * a free loopback port; see libs/postgres/src/throwaway-postgres.ts) and publishes its URL as TEST_DATABASE_URL.
 * Each test file then takes a database of its own:
 *
 *   let db: TestDatabase;
 *   beforeAll(async () => (db = await createTestDatabase('my-store')));
 *   afterAll(() => db.drop());
 *   // db.url is a DATABASE_URL: postgres://postgres@127.0.0.1:<port>/sj_my_store_<random>
 *
 * A test that needs a server of its own (stopping it, say) calls startThrowawayPostgres() and stop()s it.
 */
export type TestDatabase = ScratchDatabase;
export type { ThrowawayPostgres };
export { startThrowawayPostgres };

/** Set by the global setup when PostgreSQL is installed. */
export const TEST_DATABASE_URL_VARIABLE = 'TEST_DATABASE_URL';

export async function createTestDatabase(label: string): Promise<TestDatabase> {
  const serverUrl = process.env[TEST_DATABASE_URL_VARIABLE];
  if (!serverUrl) {
    throw new Error(
      `${TEST_DATABASE_URL_VARIABLE} is not set: the jest global setup starts PostgreSQL when it is installed (apt-get install postgresql)`,
    );
  }
  return createScratchDatabase(serverUrl, label);
}
