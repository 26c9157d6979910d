import { evolve, foldJourney, type JourneyState, type RecordedJourneyEvent } from '@sj/domain';
import { childIdFromStreamId, decodeJourneyEvent, type ChildKeyStore, type EventStore } from '@sj/event-store';

/** Events held across all cached journeys by default: a few hundred long journeys, or thousands of ordinary ones. */
export const DEFAULT_JOURNEY_CACHE_EVENTS = 100_000;

/** A child's journey folded up to `revision` (the last event folded; -1 for a stream with none). */
export interface FoldedJourney {
  readonly state: JourneyState;
  readonly revision: number;
}

interface Entry extends FoldedJourney {
  /** Whether the child's personal data had been erased when the events were read. */
  readonly erased: boolean;
}

/**
 * Each child's journey state, folded up to a stream revision, so recording an event or reading a journey costs
 * what was appended since it was last seen rather than a read and a fold of the child's whole history.
 *
 * - Streams are append-only, so a state at revision r stays true of the first r + 1 events: only the events after
 *   r are read (`fromRevision`) and applied with the domain's `evolve`, which gives what `foldJourney` of the whole
 *   stream gives (an event dated before what is already folded, or a void, makes it refold).
 * - Erasure (UK GDPR Art. 17) appends nothing: it destroys the child's key. A state read while the key was live
 *   holds personal data, so it is dropped once the key store says the child is erased, and the stream read again.
 * - Least recently used journeys are dropped once the events held exceed `capacityEvents`.
 */
export class JourneyStateCache {
  private readonly entries = new Map<string, Entry>();
  private heldEvents = 0;

  constructor(
    private readonly store: EventStore,
    private readonly keys: ChildKeyStore,
    private readonly capacityEvents: number = DEFAULT_JOURNEY_CACHE_EVENTS,
  ) {}

  /** The journey as stored now: the cached state advanced by whatever was appended since. */
  async current(streamId: string): Promise<FoldedJourney> {
    const erased = await this.isErased(streamId);
    const cached = this.entries.get(streamId);
    const base = cached?.erased === erased ? cached : undefined;
    const fresh = (await this.store.readStream(streamId, base ? { fromRevision: base.revision + 1 } : {})).map(decodeJourneyEvent);
    if (base !== undefined && fresh.length === 0) {
      this.touch(streamId, base);
      return base;
    }
    const state = base === undefined ? foldJourney(fresh) : advance(base.state, fresh);
    const last = fresh.at(-1);
    const entry: Entry = { state, revision: last === undefined ? -1 : last.streamRevision, erased };
    this.put(streamId, entry);
    return entry;
  }

  /** Journeys held now (for tests and diagnostics). */
  get size(): number {
    return this.entries.size;
  }

  private async isErased(streamId: string): Promise<boolean> {
    const childId = childIdFromStreamId(streamId);
    if (childId === undefined) return false;
    return (await this.keys.existingKeys([childId])).get(childId) === 'erased';
  }

  private touch(streamId: string, entry: Entry): void {
    this.entries.delete(streamId);
    this.entries.set(streamId, entry);
  }

  private put(streamId: string, entry: Entry): void {
    this.drop(streamId);
    this.entries.set(streamId, entry);
    this.heldEvents += weightOf(entry);
    for (const [oldest, held] of this.entries) {
      if (this.heldEvents <= this.capacityEvents || oldest === streamId) break;
      this.drop(oldest, held);
    }
  }

  private drop(streamId: string, entry = this.entries.get(streamId)): void {
    if (entry === undefined) return;
    this.entries.delete(streamId);
    this.heldEvents -= weightOf(entry);
  }
}

/** One event at a time, or, when more was appended than is held, one fold of the lot: the same state either way. */
function advance(state: JourneyState, fresh: readonly RecordedJourneyEvent[]): JourneyState {
  return fresh.length > state.events.length ? foldJourney([...state.events, ...fresh]) : fresh.reduce(evolve, state);
}

function weightOf(entry: Entry): number {
  return entry.state.events.length + 1;
}
