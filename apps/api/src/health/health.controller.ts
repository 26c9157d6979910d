import { Controller, Get, Inject, Res } from '@nestjs/common';
import type { QueueDepth } from '@sj/alerts';
import type { EventStore } from '@sj/event-store';
import { projectionLag } from '@sj/read-models';
import type { Response } from 'express';
import { RedisHub } from '../../../shared/src/redis-hub';
import { EVENT_STORE } from '../../../shared/src/tokens';
import { AlertsQueueDepth } from '../alerts/alerts-queue-depth';
import { Public } from '../auth/auth.decorators';
import { ReadModelConnection } from '../managers/read-model-connection';

type Status = 'up' | 'down';

export interface HealthResponse {
  readonly status: 'ok' | 'degraded';
  readonly eventStore: { readonly status: Status };
  readonly redis: { readonly status: Status };
  /** How far the read models trail the log; lag is in events (null when positions are not numbers, or the store is down). */
  readonly projections: {
    readonly lag: number | null;
    readonly checkpoint: string | null;
    readonly head: string | null;
    readonly caughtUp: boolean | null;
  };
  /** Alert delivery queue: waiting, active, delayed and failed jobs; null while Redis is down. */
  readonly queues: { readonly alerts: QueueDepth | null };
}

async function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([promise, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('timeout')), ms)))]);
  } finally {
    if (timer) clearTimeout(timer);
  }
}

/** 200 when everything answers, 200 `degraded` when only Redis is down, 503 when the event store is down. Public: it names no child. */
@Public()
@Controller('health')
export class HealthController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly redis: RedisHub,
    private readonly readModels: ReadModelConnection,
    private readonly alertsQueue: AlertsQueueDepth,
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
    const alerts = redisUp ? await within(this.alertsQueue.depth(), 2_000).catch(() => null) : null;
    const lag = storeUp ? await projectionLag(this.store, this.readModels.readModels).catch(() => undefined) : undefined;
    res.status(storeUp ? 200 : 503);
    return {
      status: storeUp && redisUp ? 'ok' : 'degraded',
      eventStore: { status: storeUp ? 'up' : 'down' },
      redis: { status: redisUp ? 'up' : 'down' },
      projections: lag
        ? { lag: lag.lagEvents, checkpoint: lag.checkpoint, head: lag.head, caughtUp: lag.caughtUp }
        : { lag: null, checkpoint: null, head: null, caughtUp: null },
      queues: { alerts },
    };
  }
}
