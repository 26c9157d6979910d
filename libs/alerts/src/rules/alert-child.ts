import type { JourneyState } from '@sj/domain';
import type { AlertChild } from './inclusion-alert-candidate';

/**
 * The child's area and caseworker in the journey folded so far, from the journey's one business-date fold: an
 * area change takes effect on its `occurredOn` (docs/domain-rules.md §6, area history), so an alert raised now
 * goes to the area the child is in now. Undefined before the child is registered.
 */
export function alertChildOf(childId: string, journey: JourneyState): AlertChild | undefined {
  const child = journey.child;
  return child === null ? undefined : { childId, area: child.area, caseworker: child.caseworker };
}
