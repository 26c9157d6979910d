import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { waitUntilReady } from '@sj/queues';
import { RedisHub } from '../../shared/src/redis-hub';

/** Waits for the connection the worker's consumers use (`maxRetriesPerRequest: null`) and says the worker is ready. */
@Injectable()
export class WorkerReadyService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Worker');

  constructor(private readonly redis: RedisHub) {}

  async onApplicationBootstrap(): Promise<void> {
    await waitUntilReady(this.redis.connection('worker', 'sj-worker'));
    this.logger.log('worker ready');
  }
}
