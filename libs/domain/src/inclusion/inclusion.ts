import type { ExclusionReason, LocalDate, RecordedJourneyEvent } from '../events';
import { addMonths, compareDates, DEFAULT_TERM_CONFIG, TERMS, termOf, type Term, type TermConfig } from '../dates';
import { eventsAsOf } from '../clocks/events-as-of';

/**
 * Suspensions, permanent exclusions and the suspension trigger (docs/domain-rules.md §6; DfE
 * "Suspension and permanent exclusion" guidance 2024; Somerset Area Inclusion Discussion, seed 001).
 *
 * - A pupil may not be suspended for more than 45 school days in one school year (overYearLimit
 *   when the counted total is > 45); when a term's total exceeds 15 school days the governing board
 *   must consider reinstatement (overTermLimit when > 15).
 * - Rescinded (or voided) suspensions and overturned (or voided) exclusions do not count.
 * - Trigger (local policy, configurable): the threshold-th counted suspension in one school year
 *   ('school-year'), or within any 12 months ('rolling-12-months': the period of 12 months ending
 *   with the suspension's date, attributed to that suspension's school year). At most one trigger per
 *   school year: the first suspension that reaches the threshold. The trigger reflects the suspensions
 *   that count now (a later rescission can remove it); sending the alert once is the alerting side's job.
 */
export interface InclusionConfig {
  readonly triggerThreshold: number;
  readonly triggerWindow: 'school-year' | 'rolling-12-months';
  readonly termDaysLimit: number;
  readonly yearDaysLimit: number;
  readonly terms: TermConfig;
}

export const DEFAULT_INCLUSION_CONFIG: InclusionConfig = {
  triggerThreshold: 3,
  triggerWindow: 'school-year',
  termDaysLimit: 15,
  yearDaysLimit: 45,
  terms: DEFAULT_TERM_CONFIG,
};

export interface CountedSuspension {
  readonly suspensionId: string;
  readonly school: string;
  readonly schoolDays: number;
  readonly reason: ExclusionReason;
  readonly occurredOn: LocalDate;
  readonly schoolYear: number;
  readonly term: Term;
}

/**
 * A suspension of more than this many school days needs full-time education from the sixth school
 * day, arranged by the school (Education and Inspections Act 2006 s.100). A permanently excluded
 * pupil is owed it by the LA from the sixth day whatever happens (Education Act 1996 s.19; the
 * Education (Provision of Full-Time Education for Excluded Pupils) (England) Regulations 2007).
 */
export const SIXTH_DAY_PROVISION_AFTER_SCHOOL_DAYS = 5;

/** A counted suspension as the child's inclusion view shows it. */
export interface SuspensionView extends CountedSuspension {
  /** More than 5 school days: education must be arranged from the sixth day (docs/domain-rules.md §6). */
  readonly sixthDayProvision: boolean;
}

export interface TermSuspensions {
  readonly term: Term;
  readonly suspensionCount: number;
  readonly suspensionDays: number;
  readonly overTermLimit: boolean;
}

export interface SuspensionTrigger {
  /** occurredOn of the suspension that reached the threshold. */
  readonly thresholdReachedOn: LocalDate;
  /** The counted suspensions in the window, in date order, ending with the one that reached it. */
  readonly suspensionIds: string[];
}

export interface SchoolYearSuspensions {
  readonly schoolYear: number;
  readonly suspensionCount: number;
  readonly suspensionDays: number;
  /** Always the three terms, autumn to summer, zeros included. */
  readonly terms: TermSuspensions[];
  readonly overYearLimit: boolean;
  readonly trigger: SuspensionTrigger | null;
}

export interface PermanentExclusionView {
  readonly exclusionId: string;
  readonly school: string;
  readonly reason: ExclusionReason;
  readonly occurredOn: LocalDate;
  /** Always: the LA must arrange full-time education from the sixth school day of a permanent exclusion. */
  readonly sixthDayProvision: true;
}

export interface InclusionView {
  /** Counted suspensions in date order. */
  readonly suspensions: SuspensionView[];
  /** One entry per school year with a counted suspension (or a trigger), ascending. */
  readonly bySchoolYear: SchoolYearSuspensions[];
  readonly permanentExclusions: PermanentExclusionView[];
  /** A PartTimeTimetableStarted for some school with no later PartTimeTimetableEnded for it. */
  readonly partTimeTimetableOpen: boolean;
}

/** Sum of half-day amounts without floating drift (0.5 steps). */
function sumDays(xs: readonly CountedSuspension[]): number {
  return Math.round(xs.reduce((t, s) => t + s.schoolDays, 0) * 2) / 2;
}

/** A suspension as recorded, with the date it was rescinded (null: not rescinded). */
export interface RecordedSuspension extends CountedSuspension {
  /** The earliest active SuspensionRescinded's occurredOn for it, or null. */
  readonly rescindedOn: LocalDate | null;
}

/** A permanent exclusion as recorded, with the date it was overturned (null: not overturned). */
export interface RecordedExclusion extends PermanentExclusionView {
  /** The earliest active PermanentExclusionOverturned's occurredOn for it, or null. */
  readonly overturnedOn: LocalDate | null;
}

export interface InclusionHistory {
  /** In business-date order (ties by stream revision); `revision` is the recording event's stream revision. */
  readonly suspensions: (RecordedSuspension & { readonly revision: number })[];
  readonly exclusions: (RecordedExclusion & { readonly revision: number })[];
}

/**
 * Every suspension and permanent exclusion in a child's stream, each once (the first recorded, in
 * business-date order), with when it was rescinded or overturned. Voided events never count. From
 * this, `countsAsOf` and `summariseSchoolYears` give the same figures as `computeInclusion(events,
 * config, asOf)` for any `asOf`, so a read model can store the history and judge as of any date.
 */
export function inclusionHistory(
  events: readonly RecordedJourneyEvent[],
  config: Pick<InclusionConfig, 'terms'> = DEFAULT_INCLUSION_CONFIG,
): InclusionHistory {
  const ordered = eventsAsOf(events);
  const suspensions: (Omit<CountedSuspension, 'schoolYear' | 'term'> & { revision: number })[] = [];
  const rescinded = new Map<string, LocalDate>();
  const exclusions: (PermanentExclusionView & { revision: number })[] = [];
  const overturned = new Map<string, LocalDate>();
  // ids seen, so a long history is walked once rather than searched again for every entry
  const suspensionIds = new Set<string>();
  const exclusionIds = new Set<string>();
  for (const { event, streamRevision } of ordered) {
    switch (event.type) {
      case 'SuspensionRecorded':
        if (!suspensionIds.has(event.data.suspensionId)) {
          const { suspensionId, school, schoolDays, reason } = event.data;
          suspensionIds.add(suspensionId);
          suspensions.push({ suspensionId, school, schoolDays, reason, occurredOn: event.occurredOn, revision: streamRevision });
        }
        break;
      case 'SuspensionRescinded':
        if (!rescinded.has(event.data.suspensionId)) rescinded.set(event.data.suspensionId, event.occurredOn);
        break;
      case 'PermanentExclusionRecorded':
        if (!exclusionIds.has(event.data.exclusionId)) {
          const { exclusionId, school, reason } = event.data;
          exclusionIds.add(exclusionId);
          exclusions.push({ exclusionId, school, reason, occurredOn: event.occurredOn, sixthDayProvision: true, revision: streamRevision });
        }
        break;
      case 'PermanentExclusionOverturned':
        if (!overturned.has(event.data.exclusionId)) overturned.set(event.data.exclusionId, event.occurredOn);
        break;
      default:
        break;
    }
  }
  return {
    suspensions: suspensions.map((s) => ({ ...s, ...termOf(s.occurredOn, config.terms), rescindedOn: rescinded.get(s.suspensionId) ?? null })),
    exclusions: exclusions.map((x) => ({ ...x, overturnedOn: overturned.get(x.exclusionId) ?? null })),
  };
}

/**
 * Whether a recorded suspension (or exclusion) counts as of `asOf`: it had happened by then and had
 * not yet been rescinded (overturned). Without `asOf`, whether it counts now.
 */
export function countsAsOf(
  record: { readonly occurredOn: LocalDate; readonly rescindedOn?: LocalDate | null; readonly overturnedOn?: LocalDate | null },
  asOf?: LocalDate,
): boolean {
  const ended = record.rescindedOn ?? record.overturnedOn ?? null;
  if (asOf === undefined) return ended === null;
  return compareDates(record.occurredOn, asOf) <= 0 && (ended === null || compareDates(ended, asOf) > 0);
}

/**
 * Per school year: counts and days (per term too), the term and year limits and the trigger, from
 * counted suspensions in business-date order. One entry per school year with a counted suspension,
 * ascending. For the trigger of school year N under 'rolling-12-months', pass the suspensions of
 * school year N − 1 too.
 */
export function summariseSchoolYears(
  suspensions: readonly CountedSuspension[],
  config: InclusionConfig = DEFAULT_INCLUSION_CONFIG,
): SchoolYearSuspensions[] {
  const triggers = suspensionTriggers(suspensions, config);
  const years = [...new Set([...suspensions.map((s) => s.schoolYear), ...triggers.keys()])].sort((a, b) => a - b);
  return years.map((schoolYear): SchoolYearSuspensions => {
    const inYear = suspensions.filter((s) => s.schoolYear === schoolYear);
    const suspensionDays = sumDays(inYear);
    return {
      schoolYear,
      suspensionCount: inYear.length,
      suspensionDays,
      terms: TERMS.map((term) => {
        const inTerm = inYear.filter((s) => s.term === term);
        const days = sumDays(inTerm);
        return { term, suspensionCount: inTerm.length, suspensionDays: days, overTermLimit: days > config.termDaysLimit };
      }),
      overYearLimit: suspensionDays > config.yearDaysLimit,
      trigger: triggers.get(schoolYear) ?? null,
    };
  });
}

/**
 * One child's suspensions and exclusions. `asOf` (optional) hides events dated after it; without it
 * every event counts.
 */
export function computeInclusion(
  events: readonly RecordedJourneyEvent[],
  config: InclusionConfig = DEFAULT_INCLUSION_CONFIG,
  asOf?: LocalDate,
): InclusionView {
  const history = inclusionHistory(events, config);
  const suspensions: SuspensionView[] = history.suspensions
    .filter((s) => countsAsOf(s, asOf))
    .map(({ suspensionId, school, schoolDays, reason, occurredOn, schoolYear, term }) => ({
      suspensionId,
      school,
      schoolDays,
      reason,
      occurredOn,
      schoolYear,
      term,
      sixthDayProvision: schoolDays > SIXTH_DAY_PROVISION_AFTER_SCHOOL_DAYS,
    }));
  const permanentExclusions: PermanentExclusionView[] = history.exclusions
    .filter((x) => countsAsOf(x, asOf))
    .map(({ exclusionId, school, reason, occurredOn }) => ({ exclusionId, school, reason, occurredOn, sixthDayProvision: true }));

  const partTime = new Set<string>();
  for (const { event } of eventsAsOf(events, asOf)) {
    if (event.type === 'PartTimeTimetableStarted') partTime.add(event.data.school);
    else if (event.type === 'PartTimeTimetableEnded') partTime.delete(event.data.school);
  }

  return {
    suspensions,
    bySchoolYear: summariseSchoolYears(suspensions, config),
    permanentExclusions,
    partTimeTimetableOpen: partTime.size > 0,
  };
}

/** The first suspension reaching the threshold in each school year, per the configured window. */
export function suspensionTriggers(
  suspensions: readonly CountedSuspension[],
  config: Pick<InclusionConfig, 'triggerThreshold' | 'triggerWindow'>,
): Map<number, SuspensionTrigger> {
  const triggers = new Map<number, SuspensionTrigger>();
  const threshold = Math.max(1, config.triggerThreshold);
  suspensions.forEach((s, i) => {
    if (triggers.has(s.schoolYear)) return;
    const upToHere = suspensions.slice(0, i + 1);
    const window =
      config.triggerWindow === 'school-year'
        ? upToHere.filter((x) => x.schoolYear === s.schoolYear)
        : // the period of 12 months ending with s's date: after (s − 12 months)
          upToHere.filter((x) => compareDates(x.occurredOn, addMonths(s.occurredOn, -12)) > 0);
    if (window.length >= threshold) {
      triggers.set(s.schoolYear, { thresholdReachedOn: s.occurredOn, suspensionIds: window.map((x) => x.suspensionId) });
    }
  });
  return triggers;
}
