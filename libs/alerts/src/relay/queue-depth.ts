import type { Queue } from 'bullmq';

export interface QueueDepth {
  readonly waiting: number;
  readonly active: number;
  readonly delayed: number;
  readonly failed: number;
}

/** The delivery queue's depth for /health; null when Redis does not answer. */
export async function queueDepth(queue: Queue): Promise<QueueDepth | null> {
  try {
    // BullMQ answers every state asked for, zero included.
    const { waiting = 0, active = 0, delayed = 0, failed = 0 } = await queue.getJobCounts('waiting', 'active', 'delayed', 'failed');
    return { waiting, active, delayed, failed };
  } catch {
    return null;
  }
}
