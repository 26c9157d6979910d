import {
  SUSPENSION_DAYS_MAX,
  SUSPENSION_DAYS_MIN,
  type PartTimeTimetableEnded,
  type PartTimeTimetableStarted,
  type PermanentExclusionOverturned,
  type PermanentExclusionRecorded,
  type SuspensionRecorded,
  type SuspensionRescinded,
} from '../../events';
import { JourneyRuleViolation } from '../../errors';
import type { JourneyState } from '../journey.state';
import { assertNotBeforePreviousSteps } from './step-order.rule';
import { entryOf, hasEntry } from '../records';

/**
 * Suspensions, permanent exclusions and part-time timetables (DfE suspension and permanent
 * exclusion guidance, 2024). A rescinded suspension or overturned exclusion stops counting, so
 * each can be undone once, and only after it happened.
 */

/** A suspension is 0.5 to 45 school days in half days (a lunchtime counts 0.5). */
export function assertSuspensionRecorded({ data }: SuspensionRecorded, state: JourneyState): void {
  if (hasEntry(state.suspensions, data.suspensionId)) {
    throw new JourneyRuleViolation(
      'SUSPENSION_ID_IN_USE',
      `Suspension ${data.suspensionId} is already recorded for this child. Use a new suspension id for a new suspension.`,
      { suspensionId: data.suspensionId },
    );
  }
  const days = data.schoolDays;
  if (!Number.isFinite(days) || days < SUSPENSION_DAYS_MIN || days > SUSPENSION_DAYS_MAX || !Number.isInteger(days * 2)) {
    throw new JourneyRuleViolation(
      'SUSPENSION_DAYS_OUT_OF_RANGE',
      `A suspension is ${SUSPENSION_DAYS_MIN} to ${SUSPENSION_DAYS_MAX} school days in half days; ${days} is not possible.`,
      { field: 'schoolDays', schoolDays: days },
    );
  }
}

export function assertSuspensionRescinded({ occurredOn, data }: SuspensionRescinded, state: JourneyState): void {
  const s = entryOf(state.suspensions, data.suspensionId);
  if (s === undefined) {
    throw new JourneyRuleViolation(
      'SUSPENSION_NOT_FOUND',
      `There is no suspension ${data.suspensionId} for this child. Record SuspensionRecorded first.`,
      { suspensionId: data.suspensionId },
    );
  }
  if (s.rescinded) {
    throw new JourneyRuleViolation('SUSPENSION_ALREADY_RESCINDED', `Suspension ${data.suspensionId} was already rescinded on ${s.rescindedOn}.`, {
      suspensionId: data.suspensionId,
      rescindedOn: s.rescindedOn,
    });
  }
  assertNotBeforePreviousSteps('SuspensionRescinded', occurredOn, [{ step: 'SuspensionRecorded', on: s.occurredOn }], {
    suspensionId: data.suspensionId,
  });
}

export function assertPermanentExclusionRecorded({ data }: PermanentExclusionRecorded, state: JourneyState): void {
  if (hasEntry(state.permanentExclusions, data.exclusionId)) {
    throw new JourneyRuleViolation(
      'EXCLUSION_ID_IN_USE',
      `Permanent exclusion ${data.exclusionId} is already recorded for this child. Use a new exclusion id for a new exclusion.`,
      { exclusionId: data.exclusionId },
    );
  }
}

export function assertPermanentExclusionOverturned({ occurredOn, data }: PermanentExclusionOverturned, state: JourneyState): void {
  const x = entryOf(state.permanentExclusions, data.exclusionId);
  if (x === undefined) {
    throw new JourneyRuleViolation(
      'EXCLUSION_NOT_FOUND',
      `There is no permanent exclusion ${data.exclusionId} for this child. Record PermanentExclusionRecorded first.`,
      { exclusionId: data.exclusionId },
    );
  }
  if (x.overturned) {
    throw new JourneyRuleViolation(
      'EXCLUSION_ALREADY_OVERTURNED',
      `Permanent exclusion ${data.exclusionId} was already overturned on ${x.overturnedOn}.`,
      { exclusionId: data.exclusionId, overturnedOn: x.overturnedOn },
    );
  }
  assertNotBeforePreviousSteps('PermanentExclusionOverturned', occurredOn, [{ step: 'PermanentExclusionRecorded', on: x.occurredOn }], {
    exclusionId: data.exclusionId,
  });
}

/** One part-time timetable at a time per school; a new one starts no earlier than the last one ended. */
export function assertPartTimeTimetableStarted({ occurredOn, data }: PartTimeTimetableStarted, state: JourneyState): void {
  const current = entryOf(state.partTimeTimetables, data.school);
  if (current?.status === 'open') {
    throw new JourneyRuleViolation(
      'PART_TIME_TIMETABLE_ALREADY_OPEN',
      `A part-time timetable at ${data.school} started on ${current.startedOn} and has not ended. Record PartTimeTimetableEnded first.`,
      { school: data.school, startedOn: current.startedOn },
    );
  }
  assertNotBeforePreviousSteps('PartTimeTimetableStarted', occurredOn, [{ step: 'PartTimeTimetableEnded', on: current?.endedOn ?? null }], {
    school: data.school,
  });
}

export function assertPartTimeTimetableEnded({ occurredOn, data }: PartTimeTimetableEnded, state: JourneyState): void {
  const current = entryOf(state.partTimeTimetables, data.school);
  if (current?.status !== 'open') {
    throw new JourneyRuleViolation(
      'PART_TIME_TIMETABLE_NOT_FOUND',
      `There is no part-time timetable running at ${data.school} for this child. Record PartTimeTimetableStarted first.`,
      { school: data.school },
    );
  }
  assertNotBeforePreviousSteps('PartTimeTimetableEnded', occurredOn, [{ step: 'PartTimeTimetableStarted', on: current.startedOn }], {
    school: data.school,
  });
}
