import type { JourneyEvent, LocalDate } from '../../events';
import { ChildNotRegistered, JourneyRuleViolation } from '../../errors';
import type { JourneyState } from '../journey.state';

/** A child is registered before anything else is recorded for them, and only once. */
export function assertRegistration(event: JourneyEvent, state: JourneyState, childId: string): void {
  if (event.type === 'ChildRegistered') {
    if (state.child !== null) {
      throw new JourneyRuleViolation(
        'CHILD_ALREADY_REGISTERED',
        `Child ${childId} is already registered. To correct their school, area or caseworker, record ChildDetailsChanged.`,
        { childId },
      );
    }
    return;
  }
  if (state.child === null) throw new ChildNotRegistered(childId);
}

/**
 * `occurredOn` is a date that has happened (docs/domain-rules.md §3). The API validates this too,
 * but the domain does not rely on its callers: a future date would start clocks that never ran.
 */
export function assertNotInFuture(event: JourneyEvent, today: LocalDate): void {
  if (event.occurredOn > today) {
    throw new JourneyRuleViolation(
      'OCCURRED_IN_FUTURE',
      `The date ${event.occurredOn} is after today (${today}). Record a step once it has happened.`,
      { occurredOn: event.occurredOn, today },
    );
  }
}

/** Nothing after CaseClosed except EventVoided: voiding the closure is how a case is reopened. */
export function assertCaseOpen(event: JourneyEvent, state: JourneyState): void {
  if (state.caseClosed === null || event.type === 'EventVoided') return;
  throw new JourneyRuleViolation(
    'CASE_CLOSED',
    `The case was closed on ${state.caseClosed.on}. To record anything more, first void the CaseClosed entry to reopen the case.`,
    { closedOn: state.caseClosed.on, eventType: event.type },
  );
}
