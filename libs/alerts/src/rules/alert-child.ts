import { eventsAsOf, type RecordedJourneyEvent } from '@sj/domain';
import type { AlertChild } from './inclusion-alert-candidate';

/**
 * The child's area and caseworker once `recorded` (the events recorded so far) are in place, in
 * business-date order: an area change takes effect on its `occurredOn` (docs/domain-rules.md §6,
 * area history), so an alert raised now goes to the area the child is in now. Undefined before the
 * child is registered.
 */
export function alertChildOf(childId: string, recorded: readonly RecordedJourneyEvent[]): AlertChild | undefined {
  let child: { area: string; caseworker: string | null } | undefined;
  for (const { event } of eventsAsOf(recorded)) {
    if (event.type === 'ChildRegistered') child = { area: event.data.area, caseworker: event.data.caseworker ?? null };
    else if (event.type === 'ChildDetailsChanged' && child !== undefined) {
      child = { area: event.data.area ?? child.area, caseworker: event.data.caseworker ?? child.caseworker };
    }
  }
  return child && { childId, ...child };
}
