import { DuplicateEventIdError, type NewEvent, type ReadStreamOptions } from './event-store.port';

/**
 * Checks both adapters make before touching their store, so they refuse the same malformed appends the same way:
 * an empty append has no result to report, and an id repeated within one append can never be stored twice.
 */
export function assertAppendable(events: readonly NewEvent[]): void {
  if (events.length === 0) throw new RangeError('an append needs at least one event');
  const seen = new Set<string>();
  for (const { eventId } of events) {
    if (seen.has(eventId)) throw new DuplicateEventIdError(eventId);
    seen.add(eventId);
  }
}

/** The first revision a stream read returns: 0 unless asked otherwise; a revision that cannot exist is a programming error. */
export function fromRevisionOf(options: ReadStreamOptions): number {
  const from = options.fromRevision ?? 0;
  if (!Number.isSafeInteger(from) || from < 0) throw new RangeError(`fromRevision must be a whole number from 0, not ${String(from)}`);
  return from;
}
