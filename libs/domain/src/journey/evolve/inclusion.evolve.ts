import type {
  PartTimeTimetableEnded,
  PartTimeTimetableStarted,
  PermanentExclusionOverturned,
  PermanentExclusionRecorded,
  SuspensionRecorded,
  SuspensionRescinded,
} from '../../events';
import type { JourneyState } from '../journey.state';
import { withEntry } from '../records';
import { updateEntry } from './state-updates';

/** DfE suspension guidance: from the sixth consecutive school day the school must provide full-time education. */
const SIXTH_DAY_AFTER_SCHOOL_DAYS = 5;

export function suspensionRecorded(state: JourneyState, { occurredOn, data }: SuspensionRecorded): JourneyState {
  return {
    ...state,
    suspensions: withEntry(state.suspensions, data.suspensionId, {
      suspensionId: data.suspensionId,
      school: data.school,
      schoolDays: data.schoolDays,
      reason: data.reason,
      occurredOn,
      rescinded: false,
      rescindedOn: null,
      sixthDayProvision: data.schoolDays > SIXTH_DAY_AFTER_SCHOOL_DAYS,
    }),
  };
}

/** A rescinded suspension stays on the record but no longer counts towards any total or trigger. */
export function suspensionRescinded(state: JourneyState, { occurredOn, data }: SuspensionRescinded): JourneyState {
  return {
    ...state,
    suspensions: updateEntry(state.suspensions, data.suspensionId, (s) => ({ ...s, rescinded: true, rescindedOn: occurredOn })),
  };
}

export function permanentExclusionRecorded(state: JourneyState, { occurredOn, data }: PermanentExclusionRecorded): JourneyState {
  return {
    ...state,
    permanentExclusions: withEntry(state.permanentExclusions, data.exclusionId, {
      exclusionId: data.exclusionId,
      school: data.school,
      reason: data.reason,
      occurredOn,
      overturned: false,
      overturnedOn: null,
    }),
  };
}

export function permanentExclusionOverturned(state: JourneyState, { occurredOn, data }: PermanentExclusionOverturned): JourneyState {
  return {
    ...state,
    permanentExclusions: updateEntry(state.permanentExclusions, data.exclusionId, (x) => ({
      ...x,
      overturned: true,
      overturnedOn: occurredOn,
    })),
  };
}

/** One entry per school: a new part-time timetable there replaces the finished one. */
export function partTimeTimetableStarted(state: JourneyState, { occurredOn, data }: PartTimeTimetableStarted): JourneyState {
  return {
    ...state,
    partTimeTimetables: withEntry(state.partTimeTimetables, data.school, {
      school: data.school,
      status: 'open',
      startedOn: occurredOn,
      endedOn: null,
    }),
  };
}

export function partTimeTimetableEnded(state: JourneyState, { occurredOn, data }: PartTimeTimetableEnded): JourneyState {
  return {
    ...state,
    partTimeTimetables: updateEntry(state.partTimeTimetables, data.school, (t) => ({ ...t, status: 'closed', endedOn: occurredOn })),
  };
}
