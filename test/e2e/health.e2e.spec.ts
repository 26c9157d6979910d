import type { HealthResponse } from '../../apps/api/src/health/health.controller';
import { request } from '../support/http';
import { startRedis } from '../support/redis-server';
import { startTestApp } from '../support/test-app';

describe('GET /health', () => {
  it('is ok when the event store and Redis answer', async () => {
    const app = await startTestApp();
    try {
      const res = await request(app.baseUrl, 'GET', '/health');
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        status: 'ok',
        eventStore: { status: 'up' },
        redis: { status: 'up' },
        storage: { status: 'ok', freeBytes: expect.any(Number) as unknown },
        projections: {
          lag: 0,
          checkpoint: null,
          head: null,
          caughtUp: true,
          consumers: { readModels: { checkpoint: null, lag: 0, caughtUp: true }, alerts: { checkpoint: null, lag: 0, caughtUp: true } },
        },
        queues: { alerts: { waiting: 0, active: 0, delayed: 0, failed: 0 } },
        alerts: { status: 'ok', pending: false, problems: [expect.objectContaining({ kind: 'none-configured' }) as unknown] },
      });
    } finally {
      await app.close();
    }
  });

  it('says degraded (still 200) while Redis is down, and ok again once it is back', async () => {
    const redis = await startRedis();
    const app = await startTestApp({ redisUrl: redis.url });
    try {
      await redis.stop();
      const down = await request(app.baseUrl, 'GET', '/health');
      expect(down.status).toBe(200);
      expect(down.body).toMatchObject({ status: 'degraded', eventStore: { status: 'up' }, redis: { status: 'down' } });

      await redis.restart();
      let back = await request<HealthResponse>(app.baseUrl, 'GET', '/health');
      for (let i = 0; i < 50 && back.body.status !== 'ok'; i++) {
        await new Promise((r) => setTimeout(r, 100));
        back = await request<HealthResponse>(app.baseUrl, 'GET', '/health');
      }
      expect(back.body).toMatchObject({ status: 'ok', redis: { status: 'up' } });
    } finally {
      await app.close();
      await redis.stop();
    }
  });

  it('refuses to start against a Redis that may evict keys', async () => {
    const redis = await startRedis();
    const { default: Redis } = await import('ioredis');
    const admin = new Redis(redis.url);
    try {
      await admin.config('SET', 'maxmemory-policy', 'allkeys-lru');
      await expect(startTestApp({ redisUrl: redis.url })).rejects.toThrow(/noeviction/);
    } finally {
      admin.disconnect();
      await redis.stop();
    }
  });
});
