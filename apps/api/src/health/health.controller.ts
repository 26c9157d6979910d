import { Controller, Get, Inject, Res } from '@nestjs/common';
import type { AlertStore, QueueDepth } from '@sj/alerts';
import type { EventStore } from '@sj/event-store';
import { consumerLag, type ProjectionLag } from '@sj/read-models';
import type { Response } from 'express';
import { RedisHub } from '../../../shared/src/redis-hub';
import { EVENT_STORE } from '../../../shared/src/tokens';
import { ALERT_STORE } from '../alerts/alert-store.provider';
import { AlertsQueueDepth } from '../alerts/alerts-queue-depth';
import { Public } from '../auth/auth.decorators';
import { ReadModelConnection } from '../managers/read-model-connection';
import { AlertChannelsHealth, type AlertChannelsStatus } from './alert-channels-health';
import { StorageHealth, type StorageStatus } from './storage-health';

type Status = 'up' | 'down';

/** One consumer of the event log: where its checkpoint stands against the head. */
export interface ConsumerLag {
  readonly checkpoint: string | null;
  /** Events between its checkpoint and the head (null when positions are not numbers, or it cannot be read). */
  readonly lag: number | null;
  readonly caughtUp: boolean | null;
}

export interface HealthResponse {
  readonly status: 'ok' | 'degraded';
  readonly eventStore: { readonly status: Status };
  readonly redis: { readonly status: Status };
  /** Whether anything can be recorded: `failing` (with the reason) while a write would be refused, a full disk say. */
  readonly storage: StorageStatus;
  /**
   * How far the consumers of the log trail it: `lag` is the largest, `checkpoint` that of the consumer furthest
   * behind, `caughtUp` true only when every consumer is; `consumers` has each (the read-model projections and the
   * alert consumer). Null where it cannot be told (the event store is down).
   */
  readonly projections: {
    readonly lag: number | null;
    readonly checkpoint: string | null;
    readonly head: string | null;
    readonly caughtUp: boolean | null;
    readonly consumers: { readonly readModels: ConsumerLag; readonly alerts: ConsumerLag };
  };
  /** Alert delivery queue: waiting, active, delayed and failed jobs; null while Redis is down. */
  readonly queues: { readonly alerts: QueueDepth | null };
  /** Whether alerts can leave the in-app inbox: each channel that is missing, misconfigured or unreachable. */
  readonly alerts: AlertChannelsStatus;
}

async function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([promise, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('timeout')), ms)))]);
  } finally {
    if (timer) clearTimeout(timer);
  }
}

const UNKNOWN_LAG: ConsumerLag = { checkpoint: null, lag: null, caughtUp: null };

function asConsumer(lag: ProjectionLag | undefined): ConsumerLag {
  return lag === undefined ? UNKNOWN_LAG : { checkpoint: lag.checkpoint, lag: lag.lagEvents, caughtUp: lag.caughtUp };
}

/** The consumers taken together: as far behind as the one furthest behind. */
function combined(head: string | null, consumers: readonly ConsumerLag[]): HealthResponse['projections'] {
  const [readModels, alerts] = consumers as [ConsumerLag, ConsumerLag];
  const lags = consumers.map((consumer) => consumer.lag);
  const furthest = consumers.reduce((a, b) => ((b.lag ?? -1) > (a.lag ?? -1) ? b : a));
  return {
    lag: lags.some((lag) => lag === null) ? null : Math.max(...(lags as number[])),
    checkpoint: furthest.checkpoint,
    head,
    caughtUp: consumers.some((consumer) => consumer.caughtUp === null) ? null : consumers.every((consumer) => consumer.caughtUp === true),
    consumers: { readModels, alerts },
  };
}

/**
 * 200 `ok` when everything answers; 200 `degraded` while Redis is down, storage refuses writes (a full disk) or
 * alerts cannot leave the in-app inbox; 503 when the event store cannot be read. Public: it names no child.
 */
@Public()
@Controller('health')
export class HealthController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(ALERT_STORE) private readonly alertStore: AlertStore,
    private readonly redis: RedisHub,
    private readonly readModels: ReadModelConnection,
    private readonly alertsQueue: AlertsQueueDepth,
    private readonly storage: StorageHealth,
    private readonly alertChannels: AlertChannelsHealth,
  ) {}

  @Get()
  async health(@Res({ passthrough: true }) res: Response): Promise<HealthResponse> {
    const [storeUp, redisUp, storage, alerts] = await Promise.all([
      within(this.store.ping(), 2_000).then(
        () => true,
        () => false,
      ),
      this.redis.isUp(),
      this.storage.status(),
      within(this.alertChannels.status(), 5_000).catch((): AlertChannelsStatus => ({ status: 'degraded', pending: null, problems: [] })),
    ]);
    const queue = redisUp ? await within(this.alertsQueue.depth(), 2_000).catch(() => null) : null;
    const projections = storeUp ? await this.lag() : combined(null, [UNKNOWN_LAG, UNKNOWN_LAG]);
    res.status(storeUp ? 200 : 503);
    return {
      status: storeUp && redisUp && storage.status === 'ok' && alerts.status === 'ok' ? 'ok' : 'degraded',
      eventStore: { status: storeUp ? 'up' : 'down' },
      redis: { status: redisUp ? 'up' : 'down' },
      storage,
      projections,
      queues: { alerts: queue },
      alerts,
    };
  }

  private async lag(): Promise<HealthResponse['projections']> {
    const head = await this.store.headPosition().catch(() => undefined);
    const [readModels, alerts] = await Promise.all([
      this.readModels.readModels
        .readCheckpoint()
        .then((checkpoint) => consumerLag(this.store, checkpoint.position ?? null))
        .catch(() => undefined),
      this.alertStore
        .checkpoint()
        .then((checkpoint) => consumerLag(this.store, checkpoint ?? null))
        .catch(() => undefined),
    ]);
    return combined(head ?? null, [asConsumer(readModels), asConsumer(alerts)]);
  }
}
