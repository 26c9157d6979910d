import type { LocalDate, RecordedJourneyEvent } from '../events';
import { compareDates } from '../dates';
import { eventsAsOf } from '../clocks';

/**
 * One stretch of time a child lived in one area (docs/domain-rules.md §6, area history).
 * `from` is the first day in the area, null for the area given at registration (it holds from the
 * beginning, so a clock or suspension dated before the registration still has an area);
 * `until` is the first day in the next area, null while the child is still there.
 */
export interface AreaPeriod {
  readonly area: string;
  readonly from: LocalDate | null;
  readonly until: LocalDate | null;
}

/**
 * Where the child lived, and when. Panels and managers work per area, and every figure belongs to the
 * area the child was in on the date that matters for it, so a move must not carry the past with it.
 *
 * A `ChildDetailsChanged` naming an area takes effect on its `occurredOn`, whenever it was typed in:
 * moves apply in business-date order (ties in the order recorded, so the last one typed for a day
 * wins). Voided events never count. A change to the area the child already lives in changes nothing,
 * so consecutive periods always name different areas. Empty when no registration counts.
 */
export function areaHistory(events: readonly RecordedJourneyEvent[]): AreaPeriod[] {
  const ordered = eventsAsOf(events);
  const registration = ordered.find((e) => e.event.type === 'ChildRegistered');
  if (registration?.event.type !== 'ChildRegistered') return [];
  const starts: { from: LocalDate | null; area: string }[] = [{ from: null, area: registration.event.data.area }];
  for (const { event } of ordered) {
    if (event.type !== 'ChildDetailsChanged' || event.data.area === undefined) continue;
    const area = event.data.area;
    const last = starts[starts.length - 1];
    if (last.area === area) continue;
    if (last.from !== null && compareDates(last.from, event.occurredOn) === 0) {
      // a second move on the same day replaces the first; moving back undoes the day's move altogether
      starts.pop();
      if (starts[starts.length - 1].area !== area) starts.push({ from: event.occurredOn, area });
    } else {
      starts.push({ from: event.occurredOn, area });
    }
  }
  return starts.map((start, i) => ({ area: start.area, from: start.from, until: starts[i + 1]?.from ?? null }));
}

/** The area a history places the child in on `date`; null when there is no history. */
export function areaInHistoryOn(history: readonly AreaPeriod[], date: LocalDate): string | null {
  for (const period of history) {
    const started = period.from === null || compareDates(period.from, date) <= 0;
    const notYetLeft = period.until === null || compareDates(date, period.until) < 0;
    if (started && notYetLeft) return period.area;
  }
  return null;
}

/** The area the child was in on `date` (the registration area for any date before the first move). */
export function areaOn(events: readonly RecordedJourneyEvent[], date: LocalDate): string | null {
  return areaInHistoryOn(areaHistory(events), date);
}
