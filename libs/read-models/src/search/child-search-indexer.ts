import { foldJourney } from '@sj/domain';
import { CheckpointedConsumer, childIdFromStreamId, decodeJourneyEvent, journeyStreamId, type EventStore, type StoredEvent } from '@sj/event-store';
import type { ChildSearchEntry, ChildSearchIndex } from './child-search-index.port';
import { SearchTermHasher, searchTermsOf } from './child-search-terms';

/** The events that can change who a child is or where they are (a void may undo either). */
const CHANGES_IDENTITY: ReadonlySet<string> = new Set(['ChildRegistered', 'ChildDetailsChanged', 'EventVoided']);

export interface ChildSearchIndexerOptions {
  readonly batchSize?: number;
  readonly retryDelayMs?: number;
  readonly onFailure?: (error: Error) => void;
}

/**
 * Keeps the search index up to date from the decrypted log: a checkpointed consumer of `$all` (run by the worker
 * that projects the read models, under the same writer lock). For each child a batch registers, changes or voids
 * something of, it folds the child's whole stream and writes the keyed hashes of who they are now; an erased
 * child's stream has no personal fields left, so a rebuild finds nothing to index for them.
 */
export class ChildSearchIndexer {
  private readonly consumer: CheckpointedConsumer;
  private hasher: SearchTermHasher | undefined;
  private position: string | undefined;
  /** Set by `stop`, so a start still reading its checkpoint does not follow the log after all. */
  private stopped = false;

  constructor(
    private readonly store: EventStore,
    private readonly index: ChildSearchIndex,
    options: ChildSearchIndexerOptions = {},
  ) {
    this.consumer = new CheckpointedConsumer(store, { checkpoint: () => this.position, apply: (batch) => this.apply(batch) }, options);
  }

  get isCaughtUp(): boolean {
    return this.consumer.isCaughtUp;
  }

  /** Follows the log from the index's checkpoint. */
  async start(): Promise<void> {
    if (this.consumer.isRunning) return;
    this.stopped = false;
    await this.prepare();
    if (!this.stoppedMeanwhile()) this.consumer.start();
  }

  stop(): Promise<void> {
    this.stopped = true;
    return this.consumer.stop();
  }

  /** Indexes everything stored after the checkpoint, then returns. */
  async catchUp(): Promise<number> {
    await this.prepare();
    return this.consumer.catchUp();
  }

  /** Forgets every row and indexes the whole log again (erasures stay forgotten). */
  async rebuild(): Promise<number> {
    await this.index.clear();
    return this.catchUp();
  }

  /** Read through a method: `stop` may have been called while `start` awaited. */
  private stoppedMeanwhile(): boolean {
    return this.stopped;
  }

  private async prepare(): Promise<void> {
    this.hasher ??= new SearchTermHasher(await this.index.hashKey());
    this.position = await this.index.checkpoint();
  }

  private async apply(batch: readonly StoredEvent[]): Promise<void> {
    const touched = new Set<string>();
    for (const event of batch) {
      const childId = childIdFromStreamId(event.streamId);
      if (childId !== undefined && CHANGES_IDENTITY.has(event.type)) touched.add(childId);
    }
    const entries: ChildSearchEntry[] = [];
    for (const childId of touched) entries.push(await this.entryFor(childId));
    const position = batch[batch.length - 1].position;
    await this.index.write({ entries, position });
    this.position = position;
  }

  private async entryFor(childId: string): Promise<ChildSearchEntry> {
    const { child } = foldJourney((await this.store.readStream(journeyStreamId(childId))).map(decodeJourneyEvent));
    if (child === null || child.erased || this.hasher === undefined) return { childId, area: undefined, termHashes: [] };
    return { childId, area: child.area, termHashes: this.hasher.hashAll(searchTermsOf(child)) };
  }
}
