import type { RecordedJourneyEvent } from '@sj/domain';

interface CachedJourney {
  lastRevision: number;
  /** Kept serialised: a million events as JSON strings cost a fraction of the same events as live objects. */
  json: string;
}

/**
 * The projection runner's memory of each child's stream, so a batch touching a child need not
 * re-read the whole stream. Least recently used children are dropped past `capacity` and re-read
 * from the event store when next touched.
 */
export class JourneyCache {
  private readonly entries = new Map<string, CachedJourney>();

  constructor(private readonly capacity: number) {}

  get(childId: string): { lastRevision: number; events: RecordedJourneyEvent[] } | undefined {
    const entry = this.entries.get(childId);
    if (!entry) return undefined;
    this.entries.delete(childId);
    this.entries.set(childId, entry);
    return { lastRevision: entry.lastRevision, events: JSON.parse(entry.json) as RecordedJourneyEvent[] };
  }

  set(childId: string, events: readonly RecordedJourneyEvent[]): void {
    this.entries.delete(childId);
    this.entries.set(childId, { lastRevision: events.length ? events[events.length - 1].streamRevision : -1, json: JSON.stringify(events) });
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= this.capacity) break;
      this.entries.delete(oldest);
    }
  }

  delete(childId: string): void {
    this.entries.delete(childId);
  }

  clear(): void {
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}
