/**
 * A variable the test run sets for every test (test/support/global-setup.ts sets TEST_REDIS_URL), read so that a
 * run started some other way fails at once naming what is missing, not later with "connect ECONNREFUSED undefined".
 */
export function requiredEnv(name: string): string {
  const value = process.env[name];
  if (value === undefined || value === '')
    throw new Error(`${name} is not set: run the tests through jest, whose global setup (test/support/global-setup.ts) sets it`);
  return value;
}
