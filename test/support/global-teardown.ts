import type { ThrowawayPostgres } from '../../libs/postgres/src';
import type { RunningRedis } from './redis-server';

export default async function globalTeardown(): Promise<void> {
  const shared = globalThis as { __SJ_REDIS__?: RunningRedis; __SJ_POSTGRES__?: ThrowawayPostgres };
  await Promise.all([shared.__SJ_REDIS__?.stop(), shared.__SJ_POSTGRES__?.stop()]);
}
