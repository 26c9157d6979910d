import type { RecordedJourneyEvent } from './journey-event';

/**
 * The events that count: everything but `EventVoided` markers and the events they void.
 * A voided event stays in the stream for history (docs/domain-rules.md §2) but no projection counts it.
 */
export function activeEvents(events: readonly RecordedJourneyEvent[]): RecordedJourneyEvent[] {
  const voided = voidedEventIds(events);
  return events.filter((e) => e.event.type !== 'EventVoided' && !voided.has(e.metadata.eventId));
}

export function voidedEventIds(events: readonly RecordedJourneyEvent[]): Set<string> {
  const voided = new Set<string>();
  for (const { event } of events) {
    if (event.type === 'EventVoided') voided.add(event.data.eventId);
  }
  return voided;
}
