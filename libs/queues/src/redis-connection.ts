import Redis, { type RedisOptions } from 'ioredis';

/**
 * How a connection is used decides how it behaves when Redis is away (docs/ENGINEERING.md):
 * - `producer`: fails fast (`enableOfflineQueue: false`), so an outage is seen, not buffered;
 * - `worker`: blocking consumers (BullMQ workers) need `maxRetriesPerRequest: null`.
 */
export type RedisRole = 'producer' | 'worker';

export function redisOptionsFor(role: RedisRole, connectionName?: string): RedisOptions {
  const common: RedisOptions = {
    connectTimeout: 5_000,
    ...(connectionName !== undefined ? { connectionName } : {}),
    retryStrategy: (times) => Math.min(times * 200, 2_000),
  };
  return role === 'producer' ? { ...common, enableOfflineQueue: false, maxRetriesPerRequest: 1 } : { ...common, maxRetriesPerRequest: null };
}

export function createRedisConnection(url: string, role: RedisRole, connectionName?: string): Redis {
  return new Redis(url, redisOptionsFor(role, connectionName));
}

/** Resolves when the connection is ready; rejects with the last connection error after `timeoutMs`. */
export function waitUntilReady(redis: Redis, timeoutMs = 10_000): Promise<void> {
  if (redis.status === 'ready') return Promise.resolve();
  return new Promise((resolve, reject) => {
    let lastError: Error | undefined;
    const onError = (err: Error): void => {
      lastError = err;
    };
    const onReady = (): void => {
      cleanup();
      resolve();
    };
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`Redis did not become ready within ${timeoutMs} ms${lastError ? `: ${lastError.message}` : ''}`));
    }, timeoutMs);
    const cleanup = (): void => {
      clearTimeout(timer);
      redis.off('ready', onReady);
      redis.off('error', onError);
    };
    redis.on('ready', onReady);
    redis.on('error', onError);
  });
}

/** Redis runs with an eviction policy that could silently drop queued jobs. */
export class RedisEvictionPolicyError extends Error {
  constructor(readonly policy: string) {
    super(
      `Redis maxmemory-policy is "${policy}", but send-journeys needs "noeviction" so queued work is never evicted. ` +
        'Set it with `CONFIG SET maxmemory-policy noeviction` (and in redis.conf), or start redis-server with --maxmemory-policy noeviction.',
    );
    this.name = 'RedisEvictionPolicyError';
  }
}

/** Refuses a Redis whose `maxmemory-policy` is not `noeviction` (docs/ENGINEERING.md: BullMQ only warns). */
export async function assertNoEviction(redis: Redis): Promise<void> {
  let policy: string;
  try {
    const reply = (await redis.call('CONFIG', 'GET', 'maxmemory-policy')) as string[];
    policy = reply[1] ?? 'unknown';
  } catch (err) {
    throw new Error(
      `Could not read Redis maxmemory-policy (CONFIG GET refused?): ${(err as Error).message}. ` +
        'send-journeys refuses to run without confirming it is "noeviction".',
      { cause: err },
    );
  }
  if (policy !== 'noeviction') throw new RedisEvictionPolicyError(policy);
}

/** Pings with a deadline; true when Redis answered (PONG) in time. */
export async function pingRedis(redis: Redis, timeoutMs = 1_000): Promise<boolean> {
  if (redis.status !== 'ready') return false;
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      redis.ping(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('timeout')), timeoutMs);
      }),
    ]);
    return true;
  } catch {
    return false;
  } finally {
    if (timer) clearTimeout(timer);
  }
}

/** Closes politely (QUIT), or disconnects when Redis is not reachable. */
export async function closeRedis(redis: Redis): Promise<void> {
  if (redis.status === 'end') return;
  if (redis.status === 'ready') {
    try {
      await redis.quit();
      return;
    } catch {
      // fall through
    }
  }
  redis.disconnect();
}
