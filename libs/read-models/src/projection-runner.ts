import { evolve, foldJourney, type JourneyState, type RecordedJourneyEvent } from '@sj/domain';
import { CheckpointedConsumer, childIdFromStreamId, decodeJourneyEvent, journeyStreamId, type EventStore, type StoredEvent } from '@sj/event-store';
import { EventLoopSlices } from './event-loop-slices';
import { JourneyCache } from './journey-cache';
import { canChangeRows, type ChildJourney, type Projection, type ProjectionRow } from './projection';
import type { ReadModelWriter } from './read-model-store.port';

export interface ProjectionRunnerLogger {
  info(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export interface ProjectionRunnerOptions {
  /** Events per read-model transaction. */
  readonly batchSize?: number;
  /** How long a partial batch may wait for company before it is written. */
  readonly flushDelayMs?: number;
  /** Children whose streams stay in memory between batches. */
  readonly cacheCapacity?: number;
  /** Events of the most recently touched children held as live objects with their folded journeys. */
  readonly hotEvents?: number;
  /** Wait before resubscribing after a failure. */
  readonly retryDelayMs?: number;
  readonly logger?: ProjectionRunnerLogger;
  readonly now?: () => Date;
}

export interface RebuildProgress {
  readonly eventsProjected: number;
  readonly totalEvents: number | undefined;
}

/** A child a batch brought events for: its journey now, and what arrived (all of it, for a child read whole). */
interface TouchedChild {
  readonly journey: ChildJourney;
  readonly fresh: readonly RecordedJourneyEvent[] | 'whole stream';
  /** The runner held the child before this batch (one being written to): worth remembering its rows for. */
  readonly metAgain: boolean;
}

const silentLogger: ProjectionRunnerLogger = { info: () => undefined, error: () => undefined };

/**
 * Keeps the read models up to date from the event log: a checkpointed consumer of `$all`.
 * Each batch's row changes and its checkpoint are written in one transaction, so after a
 * crash the runner resumes exactly where the read models are.
 */
export class ProjectionRunner {
  private readonly logger: ProjectionRunnerLogger;
  private readonly now: () => Date;
  private readonly cache: JourneyCache;
  private readonly consumer: CheckpointedConsumer;
  private schemaReady: Promise<void> | undefined;
  /**
   * The stored checkpoint, read when the runner starts or catches up and moved with every batch it writes: the
   * runner is the read models' only writer, so the copy stays what the store holds.
   */
  private checkpoint: string | undefined;

  constructor(
    private readonly store: EventStore,
    private readonly readModels: ReadModelWriter,
    private readonly projections: readonly Projection[],
    options: ProjectionRunnerOptions = {},
  ) {
    this.logger = options.logger ?? silentLogger;
    this.now = options.now ?? (() => new Date());
    // 10 000 streams: a miss costs one indexed readStream; at 50 000 a million-event rebuild peaked near 1 GiB RSS.
    this.cache = new JourneyCache(options.cacheCapacity ?? 10_000, options.hotEvents);
    this.consumer = new CheckpointedConsumer(
      store,
      { checkpoint: () => this.checkpoint, apply: (batch) => this.applyBatch(batch) },
      {
        ...(options.batchSize !== undefined ? { batchSize: options.batchSize } : {}),
        ...(options.flushDelayMs !== undefined ? { flushDelayMs: options.flushDelayMs } : {}),
        ...(options.retryDelayMs !== undefined ? { retryDelayMs: options.retryDelayMs } : {}),
        onFailure: (error) => this.logger.error('projection subscription failed; resubscribing from the checkpoint', { error: error.message }),
      },
    );
  }

  /** True once the subscription has delivered everything that was stored when it started. */
  get isCaughtUp(): boolean {
    return this.consumer.isCaughtUp;
  }

  /** Starts following the log from the stored checkpoint; rebuilds first if a projection's version changed. */
  async start(): Promise<void> {
    if (this.consumer.isRunning) return;
    await this.ensureSchema();
    if (await this.versionsChanged()) {
      this.logger.info('projection versions changed: rebuilding read models from the log');
      await this.rebuild();
    }
    this.checkpoint = (await this.readModels.readCheckpoint()).position;
    this.consumer.start();
  }

  stop(): Promise<void> {
    return this.consumer.stop();
  }

  /** Projects everything stored after the checkpoint, then returns (no live subscription). */
  async catchUp(onProgress?: (progress: RebuildProgress) => void): Promise<number> {
    await this.ensureSchema();
    this.checkpoint = (await this.readModels.readCheckpoint()).position;
    const totalEvents = await this.countEventsAfter(this.checkpoint);
    return this.consumer.catchUp((eventsProjected) => onProgress?.({ eventsProjected, totalEvents }));
  }

  /** Drops every read model and projects the whole log again. */
  async rebuild(onProgress?: (progress: RebuildProgress) => void): Promise<number> {
    const wasRunning = this.consumer.isRunning;
    if (wasRunning) await this.stop();
    await this.ensureSchema();
    this.cache.clear();
    await this.readModels.clear(this.projections);
    const projected = await this.catchUp(onProgress);
    // what the rebuild set aside (a projection's row-by-row triggers, SQLite's secondary indexes) is put back, and what it kept counted afresh
    await this.readModels.ensureSchema(this.projections);
    await this.readModels.settle(this.projections);
    if (wasRunning) this.consumer.start();
    return projected;
  }

  /** Creates the read-model tables once per runner (dropping those another projection version built). */
  private ensureSchema(): Promise<void> {
    this.schemaReady ??= this.readModels.ensureSchema(this.projections).catch((error: unknown) => {
      this.schemaReady = undefined;
      throw error;
    });
    return this.schemaReady;
  }

  private async versionsChanged(): Promise<boolean> {
    const stored = await this.readModels.storedVersions();
    return this.projections.some((projection) => stored.get(projection.name) !== projection.version);
  }

  private async applyBatch(batch: readonly StoredEvent[]): Promise<void> {
    const touched = await this.foldIntoCache(batch);
    const last = batch[batch.length - 1];
    try {
      const { replacements, written } = await this.replacementsFor(touched);
      await this.readModels.write({
        replacements,
        position: last.position,
        events: batch.length,
        lastEventRecordedAt: last.createdAt,
        updatedAt: this.now().toISOString(),
      });
      for (const { childId, projection, rows } of written) this.cache.noteRowsWritten(childId, projection, rows);
    } catch (error) {
      // The cache already holds this batch, so when the consumer delivers it again from the checkpoint its events
      // would look old and the children be skipped: they are read whole from the store instead.
      for (const childId of touched.keys()) this.cache.delete(childId);
      throw error;
    }
    this.checkpoint = last.position;
  }

  /**
   * Each projection's rows for each touched child it handles, child by child: between children the runner lets other
   * work (HTTP requests, in a process that also serves the API) run once a few milliseconds have passed. Rows equal
   * to those this runner last wrote for the child are left out: the read models hold them already (the runner is
   * their only writer, and a failed write forgets what it would have written), so a change of school rewrites the
   * child's row, not every clock and suspension of their history.
   */
  private async replacementsFor(touched: ReadonlyMap<string, TouchedChild>) {
    const replacements = this.projections.map((projection) => ({ projection, children: [] as { childId: string; rows: ProjectionRow[] }[] }));
    const written: { childId: string; projection: string; rows: string }[] = [];
    const slices = new EventLoopSlices();
    for (const { journey, fresh, metAgain } of touched.values()) {
      const { childId } = journey;
      for (const { projection, children } of replacements) {
        if (fresh !== 'whole stream' && !fresh.some(({ event }) => canChangeRows(projection, event))) continue;
        const rows = projection.rowsFor(journey);
        // a child met for the first time in a while (every child, in a rebuild) is written without comparing
        if (metAgain) {
          const json = JSON.stringify(rows);
          if (json === this.cache.rowsWritten(childId, projection.name)) continue;
          written.push({ childId, projection: projection.name, rows: json });
        }
        children.push({ childId, rows });
      }
      await slices.yieldIfLong();
    }
    return { replacements, written };
  }

  /**
   * Adds the batch's events to each child's cached stream and folded journey. Returns each changed child's journey
   * and the events it received; a child read whole from the store counts as changed by everything.
   */
  private async foldIntoCache(batch: readonly StoredEvent[]): Promise<Map<string, TouchedChild>> {
    const byChild = new Map<string, StoredEvent[]>();
    for (const event of batch) {
      const childId = childIdFromStreamId(event.streamId);
      if (childId === undefined) continue;
      const list = byChild.get(childId);
      if (list) list.push(event);
      else byChild.set(childId, [event]);
    }
    const touched = new Map<string, TouchedChild>();
    // a child read whole (after a restart or an eviction) is folded whole: between children other work may run
    const slices = new EventLoopSlices();
    for (const [childId, events] of byChild) {
      await slices.yieldIfLong();
      const cached = this.cache.get(childId);
      const loadedWhole = cached === undefined && events[0].streamRevision > 0;
      const base = cached ?? (loadedWhole ? await this.loadJourney(childId) : { lastRevision: -1, events: [], state: undefined });
      const fresh = events.filter((event) => event.streamRevision > base.lastRevision).map(decodeJourneyEvent);
      if (fresh.length === 0 && !loadedWhole) continue;
      const all = [...base.events, ...fresh];
      const state = base.state === undefined ? foldJourney(all) : advance(base.state, fresh, all);
      // the fold is kept for a child met again (one being written to), not for each child a rebuild meets once
      this.cache.set(childId, all, cached === undefined ? undefined : state);
      touched.set(childId, {
        journey: { childId, events: all, state },
        fresh: loadedWhole ? 'whole stream' : fresh,
        metAgain: cached !== undefined,
      });
    }
    return touched;
  }

  /** A child first seen mid-stream (after a restart or an eviction) is read whole from the store. */
  private async loadJourney(childId: string): Promise<{ lastRevision: number; events: RecordedJourneyEvent[]; state: undefined }> {
    const events = (await this.store.readStream(journeyStreamId(childId))).map(decodeJourneyEvent);
    return { lastRevision: events.length ? events[events.length - 1].streamRevision : -1, events, state: undefined };
  }

  private async countEventsAfter(position: string | undefined): Promise<number | undefined> {
    const head = await this.store.headPosition();
    if (head === undefined) return 0;
    const numeric = /^\d+$/;
    if (numeric.test(head) && (position === undefined || numeric.test(position))) return Number(head) - Number(position ?? 0);
    return undefined;
  }
}

/**
 * The folded journey moved on by the events appended since: one `evolve` each (which refolds only for an entry dated
 * before what is folded, or a void), or one fold of the lot when more arrived than was held. The same state either way.
 */
function advance(state: JourneyState, fresh: readonly RecordedJourneyEvent[], all: readonly RecordedJourneyEvent[]): JourneyState {
  return fresh.length > state.events.length ? foldJourney(all) : fresh.reduce(evolve, state);
}
