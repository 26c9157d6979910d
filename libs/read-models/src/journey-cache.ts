import type { JourneyState, RecordedJourneyEvent } from '@sj/domain';

/** A child's stream up to `lastRevision`, and while the child is hot its journey folded from those events. */
export interface HeldJourney {
  readonly lastRevision: number;
  readonly events: readonly RecordedJourneyEvent[];
  /** `foldJourney(events)`, kept only while the child is hot: a cooled child is folded again when next touched. */
  readonly state: JourneyState | undefined;
}

interface CachedJourney {
  lastRevision: number;
  /** The events as live objects while the child is among the most recently touched; otherwise undefined. */
  events: readonly RecordedJourneyEvent[] | undefined;
  state: JourneyState | undefined;
  /** While hot: each projection's rows last written for the child, as JSON, so rows that did not change need no write. */
  written: Map<string, string> | undefined;
  /** Kept serialised once the child is no longer hot: a million events as JSON strings cost a fraction of the same events as live objects. */
  json: string | undefined;
}

/** Events kept as live objects by default: the children being written to now, without a JSON round trip per batch. */
export const DEFAULT_HOT_EVENTS = 50_000;

/**
 * The projection runner's memory of each child's stream, so a batch touching a child need not
 * re-read the whole stream. Least recently used children are dropped past `capacity` and re-read
 * from the event store when next touched. The most recently touched children (up to `hotEvents` events in all)
 * are held as live objects with their folded journey, so a child written to again and again costs no parse, no
 * serialisation and no fold of its whole history per batch; the rest are held serialised.
 */
export class JourneyCache {
  private readonly entries = new Map<string, CachedJourney>();
  /** Children held as live objects, least recently touched first. */
  private readonly hot = new Map<string, number>();
  private hotEvents = 0;

  constructor(
    private readonly capacity: number,
    private readonly hotCapacity: number = DEFAULT_HOT_EVENTS,
  ) {}

  get(childId: string): HeldJourney | undefined {
    const entry = this.entries.get(childId);
    if (!entry) return undefined;
    this.entries.delete(childId);
    this.entries.set(childId, entry);
    const events = entry.events ?? (JSON.parse(entry.json ?? '[]') as RecordedJourneyEvent[]);
    return { lastRevision: entry.lastRevision, events, state: entry.state };
  }

  /** Holds the child's events, and `state` when given: it must be `foldJourney(events)`. */
  set(childId: string, events: readonly RecordedJourneyEvent[], state?: JourneyState): void {
    const written = this.entries.get(childId)?.written;
    this.delete(childId);
    const lastRevision = events.length ? events[events.length - 1].streamRevision : -1;
    this.entries.set(childId, { lastRevision, events, state, written, json: undefined });
    this.hot.set(childId, events.length);
    this.hotEvents += events.length;
    for (const [coldest, count] of this.hot) {
      if (this.hotEvents <= this.hotCapacity || coldest === childId) break;
      this.cool(coldest, count);
    }
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= this.capacity) break;
      this.delete(oldest);
    }
  }

  /** The rows last written for the child by the projection (JSON), while the child is hot. */
  rowsWritten(childId: string, projection: string): string | undefined {
    return this.entries.get(childId)?.written?.get(projection);
  }

  /** Remembers rows the read models now hold for the child (only once their write committed), while the child is hot. */
  noteRowsWritten(childId: string, projection: string, rows: string): void {
    const entry = this.entries.get(childId);
    if (entry?.events === undefined) return;
    entry.written ??= new Map();
    entry.written.set(projection, rows);
  }

  delete(childId: string): void {
    const count = this.hot.get(childId);
    if (count !== undefined) {
      this.hot.delete(childId);
      this.hotEvents -= count;
    }
    this.entries.delete(childId);
  }

  clear(): void {
    this.entries.clear();
    this.hot.clear();
    this.hotEvents = 0;
  }

  get size(): number {
    return this.entries.size;
  }

  /** Serialises a child that is no longer among the most recently touched. */
  private cool(childId: string, count: number): void {
    this.hot.delete(childId);
    this.hotEvents -= count;
    const entry = this.entries.get(childId);
    if (entry?.events === undefined) return;
    entry.json = JSON.stringify(entry.events);
    entry.events = undefined;
    entry.state = undefined;
    entry.written = undefined;
  }
}
