import type { JourneyEventType } from '@sj/domain';

/**
 * What recording an event of a type can do to one rule's alerts: make one hold (raise or reopen it),
 * make one stop holding (withdraw it), either, or nothing.
 */
export type EventReaction = 'raises' | 'withdraws' | 'raises-or-withdraws' | 'ignored';

/**
 * One reaction for EVERY event type: a new event type does not compile until each rule has decided
 * whether it can raise or withdraw that rule's alerts.
 */
export type EventReactions = Readonly<Record<JourneyEventType, EventReaction>>;

export function canRaise(reaction: EventReaction): boolean {
  return reaction === 'raises' || reaction === 'raises-or-withdraws';
}

export function canWithdraw(reaction: EventReaction): boolean {
  return reaction === 'withdraws' || reaction === 'raises-or-withdraws';
}
