import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { Queue } from 'bullmq';
import { ALERTS_QUEUE, queueDepth, type QueueDepth } from '@sj/alerts';
import { RedisHub } from '../../../shared/src/redis-hub';

/** The alert delivery queue's depth, for /health (waiting, active, delayed, failed); null while Redis is down. */
@Injectable()
export class AlertsQueueDepth implements OnApplicationShutdown {
  private queue: Queue | undefined;

  constructor(private readonly redis: RedisHub) {}

  depth(): Promise<QueueDepth | null> {
    if (!this.queue) {
      this.queue = new Queue(ALERTS_QUEUE, { connection: this.redis.producer });
      // An outage is reported as a null depth; the queue's own error events would only repeat it.
      this.queue.on('error', () => undefined);
    }
    return queueDepth(this.queue);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.queue?.close();
  }
}
