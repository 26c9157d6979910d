import { Controller, Get, Inject, Res } from '@nestjs/common';
import type { EventStore } from '@sj/event-store';
import type { Response } from 'express';
import { RedisHub } from '../../../shared/src/redis-hub';
import { EVENT_STORE } from '../../../shared/src/tokens';

type Status = 'up' | 'down';

export interface HealthResponse {
  readonly status: 'ok' | 'degraded';
  readonly eventStore: { readonly status: Status };
  readonly redis: { readonly status: Status };
  /** Filled in when projections arrive. */
  readonly projections: { readonly lag: number | null };
  /** Filled in when queues arrive. */
  readonly queues: null;
}

async function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([promise, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('timeout')), ms)))]);
  } finally {
    if (timer) clearTimeout(timer);
  }
}

/** 200 when everything answers, 200 `degraded` when only Redis is down, 503 when the event store is down. */
@Controller('health')
export class HealthController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly redis: RedisHub,
  ) {}

  @Get()
  async health(@Res({ passthrough: true }) res: Response): Promise<HealthResponse> {
    const [storeUp, redisUp] = await Promise.all([
      within(this.store.ping(), 2_000).then(
        () => true,
        () => false,
      ),
      this.redis.isUp(),
    ]);
    res.status(storeUp ? 200 : 503);
    return {
      status: storeUp && redisUp ? 'ok' : 'degraded',
      eventStore: { status: storeUp ? 'up' : 'down' },
      redis: { status: redisUp ? 'up' : 'down' },
      projections: { lag: null },
      queues: null,
    };
  }
}
