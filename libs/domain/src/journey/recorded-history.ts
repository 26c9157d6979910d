import type { RecordedJourneyEvent } from '../events';

/**
 * A journey's history (`events`, `recordedEventIds`) shared between successive states, so recording one more event
 * costs the same whatever the length of the child's history (docs/domain-rules.md §2: a state is the fold of its
 * stream, and streams only grow).
 *
 * Each state sees a prefix of one append-only buffer: its own length of it. Appending to the state that sees the
 * whole buffer (the newest) pushes onto the buffer; appending to an older state, which would overwrite what a newer
 * state sees, copies its prefix first. Either way no state ever sees its history change: the views refuse writes,
 * and what lies beyond a view's length is invisible to it.
 */

let entriesCopied = 0;

/**
 * Entries (events and event ids) copied so far in this process: when an older state is evolved a second way, or a
 * reader walks a state's events. Appending on top of the newest state copies none.
 */
export function historyEntriesCopied(): number {
  return entriesCopied;
}

interface EventsView {
  readonly buffer: RecordedJourneyEvent[];
  readonly length: number;
}

const eventViews = new WeakMap<readonly RecordedJourneyEvent[], EventsView>();

/** The events in stream order, as an array of its own (folding reads them all anyway). */
export function eventsHistoryOf(events: readonly RecordedJourneyEvent[]): readonly RecordedJourneyEvent[] {
  const buffer = [...events];
  return viewOf(buffer, buffer.length);
}

/** The history with one more event at its end; the history given is unchanged. */
export function withEventAppended(events: readonly RecordedJourneyEvent[], recorded: RecordedJourneyEvent): readonly RecordedJourneyEvent[] {
  const shared = eventViews.get(events);
  if (shared !== undefined && shared.buffer.length === shared.length) {
    shared.buffer.push(recorded);
    return viewOf(shared.buffer, shared.length + 1);
  }
  entriesCopied += events.length;
  const buffer = shared === undefined ? [...events] : shared.buffer.slice(0, shared.length);
  buffer.push(recorded);
  return viewOf(buffer, buffer.length);
}

/** Array methods that only read: on a view they walk its own copy at the speed of a plain array. */
const READING_METHODS = new Set<string | symbol>([
  ...['at', 'concat', 'entries', 'every', 'filter', 'find', 'findIndex', 'findLast', 'findLastIndex', 'flat', 'flatMap', 'forEach'],
  ...['includes', 'indexOf', 'join', 'keys', 'lastIndexOf', 'map', 'reduce', 'reduceRight', 'slice', 'some', 'toLocaleString'],
  ...['toReversed', 'toSorted', 'toSpliced', 'toString', 'values', 'with', Symbol.iterator],
]);

/**
 * A read-only array of the first `length` events of `buffer`. It is an array to every reader (`Array.isArray`,
 * iteration, `find`, `map`, JSON), so the state stays plain data to everything that reads it. Its length, an event by
 * index and `at` are read from the shared buffer; a reader that walks the events (a reading array method, iteration)
 * walks a copy of the view's own, made the first time (walking costs as much as the copy), which nothing else can
 * reach: writing methods go through the view, which refuses every write.
 */
function viewOf(buffer: RecordedJourneyEvent[], length: number): readonly RecordedJourneyEvent[] {
  const own: RecordedJourneyEvent[] = [];
  let copied = false;
  const ownCopy = (): void => {
    if (copied) return;
    copied = true;
    entriesCopied += length;
    for (let i = 0; i < length; i++) own.push(buffer[i]);
  };
  const sharing = (): boolean => Object.isExtensible(own);
  const reading = new Map<string | symbol, unknown>();
  const view = new Proxy(own, {
    get: (target, key, receiver) => {
      if (key === 'length') return length;
      const index = indexOf(key);
      if (index >= 0) return index < length ? buffer[index] : undefined;
      if (!READING_METHODS.has(key) || (key === 'at' && !copied)) return Reflect.get(target, key, receiver) as unknown;
      ownCopy();
      const method = reading.get(key) ?? (Reflect.get(target, key) as (...args: unknown[]) => unknown).bind(target);
      reading.set(key, method);
      return method;
    },
    has: (target, key) => {
      const index = indexOf(key);
      return index >= 0 ? index < length : Reflect.has(target, key);
    },
    ownKeys: (target) => (sharing() ? [...Array.from({ length }, (_, i) => String(i)), 'length'] : Reflect.ownKeys(target)),
    getOwnPropertyDescriptor: (target, key) => {
      if (!sharing()) return Reflect.getOwnPropertyDescriptor(target, key);
      if (key === 'length') return { value: length, writable: true, enumerable: false, configurable: false };
      const index = indexOf(key);
      if (index >= 0) return index < length ? { value: buffer[index], writable: false, enumerable: true, configurable: true } : undefined;
      return Reflect.getOwnPropertyDescriptor(target, key);
    },
    // freezing the view (as a reader that wants to be sure nothing changes may) freezes its own copy
    preventExtensions: (target) => {
      ownCopy();
      return Reflect.preventExtensions(target);
    },
    // only what freezing asks (a property as it already is) succeeds: the view never changes
    defineProperty: (target, key, descriptor) => !sharing() && Reflect.defineProperty(target, key, descriptor),
    set: () => false,
    deleteProperty: () => false,
    setPrototypeOf: () => false,
  });
  eventViews.set(view, { buffer, length });
  return view;
}

/** The array index a property key names, or -1. */
function indexOf(key: string | symbol): number {
  if (typeof key !== 'string') return -1;
  const first = key.charCodeAt(0);
  if (first < 48 || first > 57) return -1;
  const index = Number(key);
  return Number.isInteger(index) && String(index) === key ? index : -1;
}

interface RecordedId {
  readonly streamRevision: number;
  /** How many ids were recorded before it: a history of `size` ids holds exactly those with `position < size`. */
  readonly position: number;
}

/**
 * Every event id recorded (voided ones and `EventVoided` markers included) → its stream revision, as a read-only
 * Map. Successive histories share one Map of ids, each knowing how many of its ids are its own.
 */
export class RecordedEventIds implements ReadonlyMap<string, number> {
  // not enumerable: a state's ids read as a Map (its entries), whatever is shared behind them
  declare private readonly ids: Map<string, RecordedId>;
  declare private readonly count: number;

  private constructor(ids: Map<string, RecordedId>, count: number) {
    Object.defineProperties(this, { ids: { value: ids }, count: { value: count } });
  }

  static of(events: readonly RecordedJourneyEvent[]): RecordedEventIds {
    const ids = new Map<string, RecordedId>();
    for (const { metadata, streamRevision } of events) {
      const seen = ids.get(metadata.eventId);
      ids.set(metadata.eventId, { streamRevision, position: seen?.position ?? ids.size });
    }
    return new RecordedEventIds(ids, ids.size);
  }

  /** The ids as a shared history: a plain Map (a state built by hand) is copied once. */
  static shared(ids: ReadonlyMap<string, number>): RecordedEventIds {
    if (ids instanceof RecordedEventIds) return ids;
    const copy = new Map<string, RecordedId>();
    for (const [id, streamRevision] of ids) copy.set(id, { streamRevision, position: copy.size });
    entriesCopied += copy.size;
    return new RecordedEventIds(copy, copy.size);
  }

  /** The ids with one more; this history is unchanged. An id already held is not added again. */
  with(eventId: string, streamRevision: number): RecordedEventIds {
    if (this.has(eventId)) return this;
    if (this.ids.size === this.count) return new RecordedEventIds(this.ids.set(eventId, { streamRevision, position: this.count }), this.count + 1);
    const ids = new Map<string, RecordedId>();
    for (const [id, recorded] of this.ids) {
      if (recorded.position >= this.count) break;
      ids.set(id, recorded);
    }
    entriesCopied += ids.size;
    const position = ids.size;
    return new RecordedEventIds(ids.set(eventId, { streamRevision, position }), position + 1);
  }

  get size(): number {
    return this.count;
  }

  has(eventId: string): boolean {
    return this.held(eventId) !== undefined;
  }

  get(eventId: string): number | undefined {
    return this.held(eventId)?.streamRevision;
  }

  *entries(): MapIterator<[string, number]> {
    for (const [id, recorded] of this.ids) {
      if (recorded.position >= this.count) return;
      yield [id, recorded.streamRevision];
    }
  }

  *keys(): MapIterator<string> {
    for (const [id] of this.entries()) yield id;
  }

  *values(): MapIterator<number> {
    for (const [, streamRevision] of this.entries()) yield streamRevision;
  }

  forEach(callback: (value: number, key: string, map: ReadonlyMap<string, number>) => void, thisArg?: unknown): void {
    for (const [id, streamRevision] of this.entries()) callback.call(thisArg, streamRevision, id, this);
  }

  [Symbol.iterator](): MapIterator<[string, number]> {
    return this.entries();
  }

  readonly [Symbol.toStringTag] = 'Map';

  private held(eventId: string): RecordedId | undefined {
    const recorded = this.ids.get(eventId);
    return recorded !== undefined && recorded.position < this.count ? recorded : undefined;
  }
}
