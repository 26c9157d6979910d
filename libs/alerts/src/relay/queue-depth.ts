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
    const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'failed');
    return { waiting: counts.waiting ?? 0, active: counts.active ?? 0, delayed: counts.delayed ?? 0, failed: counts.failed ?? 0 };
  } catch {
    return null;
  }
}
