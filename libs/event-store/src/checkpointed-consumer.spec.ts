import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CheckpointedConsumer } from './checkpointed-consumer';
import type { StoredEvent } from './event-store.port';
import { SqliteEventStore } from './sqlite/sqlite.event-store';

const event = (n: number) => ({
  eventId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  type: 'SuspensionRecorded',
  data: { n },
  metadata: {},
});

async function until(condition: () => boolean, what: string): Promise<void> {
  for (let waited = 0; !condition(); waited += 10) {
    if (waited > 5_000) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('A checkpointed consumer', () => {
  let dir: string;
  let store: SqliteEventStore;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'sj-consumer-'));
    store = new SqliteEventStore(join(dir, 'events.sqlite'), { pollIntervalMs: 10 });
  });

  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('applies each event once, in order, resuming from its checkpoint after a failed batch', async () => {
    await store.append('journey-a', [event(1), event(2)], 'no-stream');
    let checkpoint: string | undefined;
    const applied: number[] = [];
    let failures = 0;
    const consumer = new CheckpointedConsumer(
      store,
      {
        checkpoint: () => checkpoint,
        apply: async (batch: readonly StoredEvent[]) => {
          if (failures === 0 && batch.some((e) => (e.data as { n: number }).n === 3)) {
            failures += 1;
            throw new Error('disk full');
          }
          applied.push(...batch.map((e) => (e.data as { n: number }).n));
          checkpoint = batch[batch.length - 1].position;
        },
      },
      { retryDelayMs: 20, flushDelayMs: 5 },
    );
    consumer.start();
    await until(() => consumer.isCaughtUp, 'caught up');
    await store.append('journey-a', [event(3)], 1);
    await store.append('journey-b', [event(4)], 'no-stream');
    await until(() => applied.length === 4, 'all four events applied');
    await consumer.stop();

    expect(failures).toBe(1);
    expect(applied).toEqual([1, 2, 3, 4]);
    expect(checkpoint).toBe(await store.headPosition());
  });

  it('catches up without a live subscription and reports progress per batch', async () => {
    await store.append('journey-a', [1, 2, 3, 4, 5].map(event), 'no-stream');
    await store.append('other-stream', [event(6)], 'no-stream');
    const seen: number[] = [];
    const progress: number[] = [];
    let checkpoint: string | undefined;
    const consumer = new CheckpointedConsumer(
      store,
      {
        checkpoint: () => checkpoint,
        apply: async (batch) => {
          seen.push(...batch.map((e) => (e.data as { n: number }).n));
          checkpoint = batch[batch.length - 1].position;
        },
      },
      { batchSize: 2 },
    );

    expect(await consumer.catchUp((n) => progress.push(n))).toBe(5);
    expect(seen).toEqual([1, 2, 3, 4, 5]);
    expect(progress).toEqual([2, 4, 5]);
    expect(await consumer.catchUp()).toBe(0);
  });
});
