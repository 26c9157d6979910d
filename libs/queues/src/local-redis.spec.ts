import { createServer, type Server } from 'node:net';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Redis from 'ioredis';
import { assertNoEviction, RedisEvictionPolicyError } from './redis-connection';
import { isPortFree, startLocalRedis } from './local-redis';

describe('the local redis-server started when REDIS_URL is unset', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'sj-local-redis-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  /** A port some other program holds, like a 6379 already in use. */
  async function occupiedPort(): Promise<{ port: number; server: Server }> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return { port: (server.address() as { port: number }).port, server };
  }

  it('runs on loopback with append-only persistence and noeviction in DATA_DIR/redis, is reused, and stops', async () => {
    const taken = await occupiedPort();
    const redis = await startLocalRedis({ dataDir, preferredPort: taken.port }).finally(() => taken.server.close());
    const client = new Redis(redis.url);
    try {
      expect(redis.owned).toBe(true);
      expect(redis.port).not.toBe(taken.port);
      await assertNoEviction(client);
      expect(await client.config('GET', 'appendonly')).toEqual(['appendonly', 'yes']);
      expect(await client.config('GET', 'dir')).toEqual(['dir', join(dataDir, 'redis')]);
      expect(JSON.parse(readFileSync(join(dataDir, 'redis', 'local-redis.json'), 'utf8'))).toMatchObject({ port: redis.port });

      const again = await startLocalRedis({ dataDir });
      expect(again).toMatchObject({ owned: false, port: redis.port });
    } finally {
      client.disconnect();
      await redis.stop();
    }
    expect(await isPortFree(redis.port)).toBe(true);
  });

  it('refuses a Redis with an evicting policy', async () => {
    const redis = await startLocalRedis({ dataDir, preferredPort: 0 });
    const client = new Redis(redis.url);
    try {
      await client.config('SET', 'maxmemory-policy', 'volatile-lru');
      await expect(assertNoEviction(client)).rejects.toBeInstanceOf(RedisEvictionPolicyError);
    } finally {
      client.disconnect();
      await redis.stop();
    }
  });
});
