import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@sj/config';
import { Queue } from 'bullmq';
import { ALERTS_QUEUE, queueDepth, type QueueDepth } from '@sj/alerts';
import { RedisHub } from '../../../shared/src/redis-hub';

/** The alert delivery queue's depth, for /health (waiting, active, delayed, failed); null while Redis is down. */
@Injectable()
export class AlertsQueueDepth implements OnApplicationShutdown {
  private queue: Queue | undefined;

  constructor(
    private readonly redis: RedisHub,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  depth(): Promise<QueueDepth | null> {
    if (!this.queue) {
      this.queue = new Queue(ALERTS_QUEUE, { connection: this.redis.producer, prefix: this.config.queuePrefix });
      // An outage is reported as a null depth; the queue's own error events would only repeat it.
      this.queue.on('error', () => undefined);
    }
    return queueDepth(this.queue);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.queue?.close();
  }
}
