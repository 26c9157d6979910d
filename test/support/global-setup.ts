import { startRedis } from './redis-server';

/** One real redis-server for the whole run; tests that need their own (outage tests) start one with startRedis(). */
export default async function globalSetup(): Promise<void> {
  const redis = await startRedis();
  process.env.TEST_REDIS_URL = redis.url;
  (globalThis as { __SJ_REDIS__?: typeof redis }).__SJ_REDIS__ = redis;
}
