import { JOURNEY_STREAM_PREFIX, type EventStore } from '@sj/event-store';
import type { ReadModelQueries } from './read-model-store.port';

export interface ProjectionLag {
  /** The last position projected; null before the first batch. */
  readonly checkpoint: string | null;
  /** The last position stored; null for an empty store. */
  readonly head: string | null;
  /** head − checkpoint, when positions are plain numbers (SQLite); null otherwise (EventStoreDB's are opaque). */
  readonly lagEvents: number | null;
  /** No journey event is stored after the checkpoint. */
  readonly caughtUp: boolean;
}

const NUMERIC = /^\d{1,15}$/;

/**
 * How far the read models trail the log, for `/health`; any process may ask (the API reads the worker's
 * checkpoint from the read models). `readModels` is undefined where there are none to ask yet.
 * Positions after the last journey event may belong to other streams, so a numeric lag can overstate.
 */
export async function projectionLag(store: EventStore, readModels: Pick<ReadModelQueries, 'readCheckpoint'> | undefined): Promise<ProjectionLag> {
  return consumerLag(store, readModels ? ((await readModels.readCheckpoint()).position ?? null) : null);
}

/** How far any consumer of the journey streams (the projections, the alert consumer) trails the log from its checkpoint. */
export async function consumerLag(store: EventStore, checkpoint: string | null): Promise<ProjectionLag> {
  const head = (await store.headPosition()) ?? null;
  const caughtUp = !(await journeyEventAfter(store, checkpoint));
  const lagEvents =
    head === null
      ? 0
      : NUMERIC.test(head) && (checkpoint === null || NUMERIC.test(checkpoint))
        ? Math.max(0, Number(head) - Number(checkpoint ?? 0))
        : null;
  return { checkpoint, head, lagEvents, caughtUp };
}

/**
 * The projections read journey streams only, so the checkpoint is a journey event's position: the head of the whole
 * log can lie beyond it for good (an EventStoreDB server's other streams), and only a journey event after it is
 * work still to do.
 */
async function journeyEventAfter(store: EventStore, checkpoint: string | null): Promise<boolean> {
  for await (const batch of store.readAll({ after: checkpoint ?? undefined, streamPrefix: JOURNEY_STREAM_PREFIX, batchSize: 1 })) {
    if (batch.length > 0) return true;
  }
  return false;
}
