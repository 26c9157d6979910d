import type { EventVoided, JourneyEventType, RecordedJourneyEvent } from '../../events';
import { JourneyRuleViolation } from '../../errors';
import { eventsAsOf } from '../../clocks/events-as-of';
import type { JourneyState } from '../journey.state';
import { hasEntry } from '../records';
import { STEP_LABELS } from './step-labels';

/** Does this timeline hold, checking every step from position `from` on? Throws `BREAKS_LATER_STEP` if not. */
export type TimelineCheck = (timeline: readonly RecordedJourneyEvent[], from: number) => void;

/**
 * Voiding corrects an entry made in error (docs/domain-rules.md §2): the voided event stays in the
 * history but nothing counts it. Only an active entry of this child's stream can be voided, and
 * not one the rest of the journey now stands on.
 */
export function assertCanVoid({ data }: EventVoided, state: JourneyState, holds: TimelineCheck): void {
  const target = state.events.find((e) => e.metadata.eventId === data.eventId);
  if (target === undefined) {
    throw new JourneyRuleViolation('VOIDED_EVENT_NOT_FOUND', `There is no entry ${data.eventId} in this child's journey to void.`, {
      eventId: data.eventId,
    });
  }
  if (hasEntry(state.voidedEventIds, data.eventId)) {
    throw new JourneyRuleViolation('EVENT_ALREADY_VOIDED', `Entry ${data.eventId} (${target.event.type}) is already voided.`, {
      eventId: data.eventId,
      eventType: target.event.type,
    });
  }
  if (target.event.type === 'EventVoided') {
    throw new JourneyRuleViolation(
      'CANNOT_VOID_A_VOID',
      `Entry ${data.eventId} is itself a void. A voided entry cannot be restored; record the step again instead.`,
      { eventId: data.eventId },
    );
  }
  if (target.event.type === 'ChildRegistered') {
    throw new JourneyRuleViolation(
      'CANNOT_VOID_REGISTRATION',
      "The child's registration cannot be voided. To correct their school, area or caseworker, record ChildDetailsChanged.",
      { eventId: data.eventId },
    );
  }
  assertNoDependants(target, state, holds);
}

/**
 * Replays the journey's timeline without the target and checks every step dated after it would still be
 * accepted in its place: voiding a ReferralReceived while that referral's PreAssessmentStarted is active,
 * or a PlanCeased after which another final plan was issued, would leave a journey the order rules could
 * never have produced.
 */
function assertNoDependants(target: RecordedJourneyEvent, state: JourneyState, holds: TimelineCheck): void {
  const timeline = eventsAsOf(state.events);
  const at = timeline.indexOf(target);
  try {
    holds(
      timeline.filter((e) => e !== target),
      at,
    );
  } catch (error) {
    if (!(error instanceof JourneyRuleViolation) || error.code !== 'BREAKS_LATER_STEP') throw error;
    const { laterEventId, laterEventType, laterOccurredOn, laterRule } = error.details;
    const type = laterEventType as JourneyEventType;
    throw new JourneyRuleViolation(
      'VOID_HAS_DEPENDANTS',
      `Entry ${target.metadata.eventId} (${target.event.type}) cannot be voided while a later entry depends on it: ` +
        `${String(laterEventId)} (${type}, ${STEP_LABELS[type]} on ${String(laterOccurredOn)}). Void the later steps first.`,
      {
        eventId: target.metadata.eventId,
        eventType: target.event.type,
        dependantEventId: laterEventId,
        dependantEventType: laterEventType,
        dependantRule: laterRule,
      },
    );
  }
}
