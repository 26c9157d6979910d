import { evolve, foldJourney, type JourneyState } from '@sj/domain';
import { CheckpointedConsumer, childIdFromStreamId, decodeJourneyEvent, journeyStreamId, type EventStore, type StoredEvent } from '@sj/event-store';
import { EventLoopSlices } from '../event-loop-slices';
import type { ChildSearchEntry, ChildSearchIndex } from './child-search-index.port';
import { SearchTermHasher, searchTermsOf } from './child-search-terms';

/** The events that can change who a child is or where they are (a void may undo either). */
const CHANGES_IDENTITY: ReadonlySet<string> = new Set(['ChildRegistered', 'ChildDetailsChanged', 'EventVoided']);

/** Enough for the children being written to now without holding the whole caseload. */
const DEFAULT_HELD_EVENTS = 50_000;

export interface ChildSearchIndexerOptions {
  readonly batchSize?: number;
  /** Events of children's journeys held folded between batches (least recently touched children dropped first). */
  readonly heldEvents?: number;
  readonly retryDelayMs?: number;
  readonly onFailure?: (error: Error) => void;
}

/**
 * Keeps the search index up to date from the decrypted log: a checkpointed consumer of `$all` (run by the worker
 * that projects the read models, under the same writer lock). For each child a batch registers, changes or voids
 * something of, it brings the child's journey up to date and writes the keyed hashes of who they are now; an erased
 * child's stream has no personal fields left, so a rebuild finds nothing to index for them (and the index keeps an
 * erased child's rows away whatever it is given).
 *
 * The journeys of recently touched children are held folded, with the revision they reach: a child whose details
 * change again costs the events appended since (read from that revision on, applied with the domain's `evolve`),
 * not a read and a fold of their whole history.
 */
export class ChildSearchIndexer {
  private readonly consumer: CheckpointedConsumer;
  private hasher: SearchTermHasher | undefined;
  private position: string | undefined;
  /** Set by `stop`, so a start still reading its checkpoint does not follow the log after all. */
  private stopped = false;
  /** Each recently touched child's journey, folded up to `revision`, least recently touched first. */
  private readonly held = new Map<string, { readonly state: JourneyState; readonly revision: number }>();
  private heldEvents = 0;
  private readonly heldCapacity: number;

  constructor(
    private readonly store: EventStore,
    private readonly index: ChildSearchIndex,
    options: ChildSearchIndexerOptions = {},
  ) {
    this.consumer = new CheckpointedConsumer(store, { checkpoint: () => this.position, apply: (batch) => this.apply(batch) }, options);
    this.heldCapacity = options.heldEvents ?? DEFAULT_HELD_EVENTS;
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
    // from the log as it reads now: journeys held from before an erasure are read again without the names
    this.held.clear();
    this.heldEvents = 0;
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
    // a child not held is read and folded whole: between children other work (HTTP requests) may run
    const slices = new EventLoopSlices();
    for (const childId of touched) {
      entries.push(await this.entryFor(childId));
      await slices.yieldIfLong();
    }
    const position = batch[batch.length - 1].position;
    await this.index.write({ entries, position });
    this.position = position;
  }

  private async entryFor(childId: string): Promise<ChildSearchEntry> {
    const { child } = await this.journeyOf(childId);
    if (child === null || child.erased || this.hasher === undefined) return { childId, area: undefined, termHashes: [] };
    return { childId, area: child.area, termHashes: this.hasher.hashAll(searchTermsOf(child)) };
  }

  /** The child's journey as stored now: the held fold advanced by what was appended since, or a fold of the whole stream. */
  private async journeyOf(childId: string): Promise<JourneyState> {
    const before = this.held.get(childId);
    const fresh = (await this.store.readStream(journeyStreamId(childId), { fromRevision: (before?.revision ?? -1) + 1 })).map(decodeJourneyEvent);
    const state = before === undefined ? foldJourney(fresh) : fresh.reduce(evolve, before.state);
    const last = fresh.at(-1);
    if (before !== undefined) {
      this.held.delete(childId);
      this.heldEvents -= before.state.events.length;
    }
    this.held.set(childId, { state, revision: last?.streamRevision ?? before?.revision ?? -1 });
    this.heldEvents += state.events.length;
    for (const [oldest, { state: dropped }] of this.held) {
      if (this.heldEvents <= this.heldCapacity || oldest === childId) break;
      this.held.delete(oldest);
      this.heldEvents -= dropped.events.length;
    }
    return state;
  }
}
