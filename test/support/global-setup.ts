import { postgresBinDir, startThrowawayPostgres } from '../../libs/postgres/src';
import { startRedis } from './redis-server';

/**
 * One real redis-server and one throw-away PostgreSQL cluster for the whole run; tests that need their own
 * (outage tests) start one with startRedis() / startThrowawayPostgres(). Without PostgreSQL installed the run goes
 * on, and only the tests that ask for a database fail, saying how to install it.
 */
export default async function globalSetup(): Promise<void> {
  const redis = await startRedis();
  process.env.TEST_REDIS_URL = redis.url;
  (globalThis as { __SJ_REDIS__?: typeof redis }).__SJ_REDIS__ = redis;
  if (postgresBinDir() !== undefined) {
    const postgres = await startThrowawayPostgres();
    process.env.TEST_DATABASE_URL = postgres.url;
    (globalThis as { __SJ_POSTGRES__?: typeof postgres }).__SJ_POSTGRES__ = postgres;
  }
}
