/**
 * Event ids are unique across the whole log (the port's promise, which the SQLite store keeps with a unique index),
 * but EventStoreDB only recognises an id again inside one stream, at the revision the append expects. So before
 * events are appended, each id is claimed for its stream by the first event of a stream of its own,
 * `sj-event-id-<id>`, appended with "no stream" expected: of two appends claiming one id, the server lets exactly
 * one create that stream, and the other learns from it which stream holds the id.
 *
 * A claim outlives an append that failed after it (a concurrency conflict, a lost connection): the id stays
 * usable in the stream that claimed it, and refused in every other, which is what a retry needs.
 */
import {
  DuplicateEventIdError,
  EventStoreError,
  type AppendResult,
  type ExpectedRevision,
  type NewEvent,
  type StoredEvent,
} from '../event-store.port';

export const EVENT_ID_CLAIM_STREAM_PREFIX = 'sj-event-id-';
export const EVENT_ID_CLAIMED = 'EventIdClaimed';

export function claimStreamOf(eventId: string): string {
  return `${EVENT_ID_CLAIM_STREAM_PREFIX}${eventId}`;
}

export function claimData(streamId: string): { readonly streamId: string } {
  return { streamId };
}

/** The stream a claim event gives the id to. */
export function claimantOf(data: unknown): string {
  const streamId = typeof data === 'object' && data !== null ? (data as { streamId?: unknown }).streamId : undefined;
  if (typeof streamId !== 'string' || streamId.length === 0) {
    throw new EventStoreError('EVENT_ID_CLAIM_UNREADABLE', 'an event id claim does not name its stream');
  }
  return streamId;
}

/**
 * For an append some of whose ids this stream had already claimed: the original result when every id sits in
 * the stream where this append would put it (a retry of an append that was stored), nothing when none of them is
 * stored (the claiming append failed: write now). An id stored anywhere else in the stream, or a retry that only
 * partly matches, reuses ids and is refused, as the SQLite store refuses it.
 */
export function originalAppend(events: readonly NewEvent[], expected: ExpectedRevision, stream: readonly StoredEvent[]): AppendResult | undefined {
  const byId = new Map(stream.map((event) => [event.eventId, event]));
  const stored = events.map((event) => byId.get(event.eventId));
  const firstStored = stored.findIndex((event) => event !== undefined);
  if (firstStored === -1) return undefined;

  const firstRevision = expected === 'no-stream' ? 0 : expected === 'any' ? stored[0]?.streamRevision : expected + 1;
  const inPlace = (event: StoredEvent | undefined, i: number): event is StoredEvent =>
    firstRevision !== undefined && event?.streamRevision === firstRevision + i;
  if (!stored.every(inPlace)) throw new DuplicateEventIdError(events[firstStored].eventId);
  const last = stored[stored.length - 1];
  return { nextExpectedRevision: last.streamRevision, position: last.position };
}
