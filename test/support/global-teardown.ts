import type { RunningRedis } from './redis-server';

export default async function globalTeardown(): Promise<void> {
  await (globalThis as { __SJ_REDIS__?: RunningRedis }).__SJ_REDIS__?.stop();
}
