import { activeEvents, type LocalDate, type RecordedJourneyEvent } from '../events';
import { compareDates } from '../dates';

/**
 * The events that count as of `asOf`, in business-date order.
 *
 * - Voided events never count (activeEvents), whatever the date of the void: a void says the
 *   event was recorded in error, i.e. it never happened, so it is removed from every view,
 *   including views "as of" a date before the void was recorded.
 * - An event whose `occurredOn` is after `asOf` has not happened yet as of `asOf` (docs/domain-rules.md §2),
 *   so a journey can be viewed as of a past date.
 * - Events are ordered by `occurredOn` (a back-dated entry takes its business-date place), ties by
 *   stream revision (the order they were recorded).
 */
export function eventsAsOf(events: readonly RecordedJourneyEvent[], asOf?: LocalDate): RecordedJourneyEvent[] {
  const active = activeEvents(events);
  const visible = asOf === undefined ? active : active.filter((e) => compareDates(e.event.occurredOn, asOf) <= 0);
  return visible
    .map((e, i) => ({ e, i }))
    .sort(
      (a, b) =>
        compareDates(a.e.event.occurredOn, b.e.event.occurredOn) || a.e.streamRevision - b.e.streamRevision || a.i - b.i,
    )
    .map(({ e }) => e);
}
