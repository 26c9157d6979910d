import type { JourneyState } from '@sj/domain';

/**
 * The area whose people may see the child: the child's area now, or, when the registration was voided, the area
 * the last registration was recorded for. Undefined when the stream holds no registration at all.
 */
export function registeredAreaOf(state: JourneyState): string | undefined {
  if (state.child !== null) return state.child.area;
  for (let i = state.events.length - 1; i >= 0; i--) {
    const { event } = state.events[i];
    if (event.type === 'ChildRegistered') return event.data.area;
  }
  return undefined;
}
