import { activeEvents, type LocalDate, type RecordedJourneyEvent } from '../events';
import { compareDates } from '../dates';

/**
 * The events that count as of `asOf`, in business-date order: the journey's one timeline, which
 * deciding, the journey's state, clocks, waits and alerts all read (docs/domain-rules.md §2).
 *
 * - Voided events never count (activeEvents), whatever the date of the void: a void says the
 *   event was recorded in error, i.e. it never happened, so it is removed from every view,
 *   including views "as of" a date before the void was recorded.
 * - An event whose `occurredOn` is after `asOf` has not happened yet as of `asOf` (docs/domain-rules.md §2),
 *   so a journey can be viewed as of a past date.
 * - Events are ordered by `occurredOn` (a back-dated entry takes its business-date place), ties by
 *   stream revision (the order they were recorded). `ChildRegistered` comes first whatever its date:
 *   registration is the stream's precondition, not a step in time, and may be recorded after the
 *   history it precedes.
 */
export function eventsAsOf(events: readonly RecordedJourneyEvent[], asOf?: LocalDate): readonly RecordedJourneyEvent[] {
  const timeline = timelineOf(events);
  return asOf === undefined ? timeline : timeline.filter((e) => compareDates(e.event.occurredOn, asOf) <= 0);
}

/**
 * The whole timeline of a stream, sorted once per stream: a projection, the clocks, waits and inclusion all
 * read the same journey in turn, and each would otherwise sort it again. A pure function of the (immutable)
 * stream, so remembering it per stream array changes no answer.
 */
const timelines = new WeakMap<readonly RecordedJourneyEvent[], readonly RecordedJourneyEvent[]>();

function timelineOf(events: readonly RecordedJourneyEvent[]): readonly RecordedJourneyEvent[] {
  const known = timelines.get(events);
  if (known !== undefined) return known;
  const timeline = Object.freeze(
    activeEvents(events)
      .map((e, i) => ({ e, i }))
      .sort((a, b) => compareInTimeline(a.e, b.e) || a.i - b.i)
      .map(({ e }) => e),
  );
  timelines.set(events, timeline);
  return timeline;
}

export function compareInTimeline(a: RecordedJourneyEvent, b: RecordedJourneyEvent): number {
  const registration = Number(b.event.type === 'ChildRegistered') - Number(a.event.type === 'ChildRegistered');
  return registration || compareDates(a.event.occurredOn, b.event.occurredOn) || a.streamRevision - b.streamRevision;
}
