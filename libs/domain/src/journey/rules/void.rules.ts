import { activeEvents, type EventVoided, type RecordedJourneyEvent } from '../../events';
import { DomainError, JourneyRuleViolation } from '../../errors';
import { applyEvent } from '../journey.evolve';
import { initialJourneyState, type JourneyState } from '../journey.state';
import { hasEntry } from '../records';
import { STEP_LABELS } from './step-labels';

/** Would this event be accepted on top of this state? Throws the refusal if not. */
export type AcceptanceCheck = (recorded: RecordedJourneyEvent, stateBefore: JourneyState) => void;

/**
 * Voiding corrects an entry made in error (docs/domain-rules.md §2): the voided event stays in the
 * history but nothing counts it. Only an active entry of this child's stream can be voided, and
 * not one the rest of the journey now stands on.
 */
export function assertCanVoid({ data }: EventVoided, state: JourneyState, accepts: AcceptanceCheck): void {
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
  assertNoDependants(target, state, accepts);
}

/**
 * Replays the journey without the target and checks every active event recorded after it would
 * still be accepted: voiding a ReferralReceived while that referral's PreAssessmentStarted is
 * active, or a PlanCeased after which another final plan was issued, would leave a journey the
 * order rules could never have produced.
 */
function assertNoDependants(target: RecordedJourneyEvent, state: JourneyState, accepts: AcceptanceCheck): void {
  const targetAt = state.events.indexOf(target);
  const later = new Set(state.events.slice(targetAt + 1));
  let replayed = initialJourneyState;
  for (const recorded of activeEvents(state.events.filter((e) => e !== target))) {
    if (later.has(recorded)) {
      try {
        accepts(recorded, replayed);
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        throw new JourneyRuleViolation(
          'VOID_HAS_DEPENDANTS',
          `Entry ${target.metadata.eventId} (${target.event.type}) cannot be voided while a later entry depends on it: ` +
            `${recorded.metadata.eventId} (${recorded.event.type}, ${STEP_LABELS[recorded.event.type]} on ${recorded.event.occurredOn}). ` +
            'Void the later steps first.',
          {
            eventId: target.metadata.eventId,
            eventType: target.event.type,
            dependantEventId: recorded.metadata.eventId,
            dependantEventType: recorded.event.type,
            dependantRule: error.code,
          },
        );
      }
    }
    replayed = applyEvent(replayed, recorded.event);
  }
}
