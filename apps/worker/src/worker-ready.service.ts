import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { waitUntilReady } from '@sj/queues';
import { RedisHub } from '../../shared/src/redis-hub';

/**
 * The worker's start-up: for now it opens the connection its consumers will use
 * (`maxRetriesPerRequest: null`) and says it is ready. Projections, alerts and the daily
 * clock sweep arrive with later issues.
 */
@Injectable()
export class WorkerReadyService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Worker');

  constructor(private readonly redis: RedisHub) {}

  async onApplicationBootstrap(): Promise<void> {
    await waitUntilReady(this.redis.connection('worker', 'sj-worker'));
    this.logger.log('worker ready');
  }
}
