import type { JourneyEventType, LocalDate } from '../../events';
import { JourneyRuleViolation } from '../../errors';
import { STEP_LABELS } from './step-labels';

/** A related step that may or may not have been recorded yet (null: not yet). */
export interface DatedStep {
  readonly step: JourneyEventType;
  readonly on: LocalDate | null;
}

/**
 * "A step's occurredOn is not before the step it follows" (docs/domain-rules.md §3).
 * Events may be recorded late and in any order, so the rule compares business dates, never the
 * recording order: a step must not be dated before any recorded step it follows ...
 */
export function assertNotBeforePreviousSteps(
  step: JourneyEventType,
  occurredOn: LocalDate,
  previous: readonly DatedStep[],
  context: Record<string, unknown> = {},
): void {
  let conflict: { step: JourneyEventType; on: LocalDate } | null = null;
  for (const p of previous) {
    if (p.on !== null && p.on > occurredOn && (conflict === null || p.on > conflict.on)) conflict = { step: p.step, on: p.on };
  }
  if (conflict === null) return;
  throw new JourneyRuleViolation(
    'OCCURRED_BEFORE_PREVIOUS_STEP',
    `${step} is dated ${occurredOn}, before ${STEP_LABELS[conflict.step]} (${conflict.on}). A step cannot be dated before the step it follows: check both dates.`,
    { step, occurredOn, previousStep: conflict.step, previousStepOn: conflict.on, ...context },
  );
}

/**
 * ... and, when it is back-dated in among steps already recorded, not dated after a recorded
 * step that follows it. Without this, the same history would be accepted or refused depending
 * on the order the caseworker typed it in.
 */
export function assertNotAfterNextSteps(
  step: JourneyEventType,
  occurredOn: LocalDate,
  next: readonly DatedStep[],
  context: Record<string, unknown> = {},
): void {
  let conflict: { step: JourneyEventType; on: LocalDate } | null = null;
  for (const n of next) {
    if (n.on !== null && n.on < occurredOn && (conflict === null || n.on < conflict.on)) conflict = { step: n.step, on: n.on };
  }
  if (conflict === null) return;
  throw new JourneyRuleViolation(
    'OCCURRED_AFTER_NEXT_STEP',
    `${step} is dated ${occurredOn}, after ${STEP_LABELS[conflict.step]} (${conflict.on}), a step that follows it. Check both dates.`,
    { step, occurredOn, nextStep: conflict.step, nextStepOn: conflict.on, ...context },
  );
}

/** Earliest and latest of a list of dates, null when empty. */
export function earliest(dates: readonly LocalDate[]): LocalDate | null {
  return dates.reduce<LocalDate | null>((min, d) => (min === null || d < min ? d : min), null);
}

export function latest(dates: readonly LocalDate[]): LocalDate | null {
  return dates.reduce<LocalDate | null>((max, d) => (max === null || d > max ? d : max), null);
}
