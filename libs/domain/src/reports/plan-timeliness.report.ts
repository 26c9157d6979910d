import type { LocalDate, RecordedJourneyEvent } from '../events';
import { daysBetween, monthOf, yearOf } from '../dates';
import { eventsAsOf } from '../clocks/events-as-of';
import { ehcRequests, exceptionGoverns } from '../clocks/ehc-requests';

/**
 * New EHC plans issued within 20 weeks, the DfE way ("Education, health and care plans" statistics,
 * SEN2): plans whose final plan was issued in calendar year `year`, grouped by month of issue;
 * within 20 weeks iff issue date − request received date ≤ 140 days (reg 13(2)). "Excluding
 * exceptions" removes plans with a reg 10(4) exception from both numerator and denominator.
 * Percentages are rounded half-up to one decimal place; null when nothing was issued.
 */
export interface PlanTimelinessInput {
  readonly requestId: string;
  readonly receivedOn: LocalDate;
  readonly finalIssuedOn: LocalDate;
  readonly excepted: boolean;
}

export interface TimelinessFigures {
  readonly issued: number;
  readonly within20Weeks: number;
  readonly percent: number | null;
  readonly issuedExcludingExceptions: number;
  readonly within20WeeksExcludingExceptions: number;
  readonly percentExcludingExceptions: number | null;
}

export interface TimelinessReport {
  readonly year: number;
  /** All twelve months, `YYYY-01` to `YYYY-12`, zeros included. */
  readonly months: ({ month: string } & TimelinessFigures)[];
  readonly total: TimelinessFigures;
}

export const TWENTY_WEEKS_IN_DAYS = 140;

export function issuedWithin20Weeks(p: Pick<PlanTimelinessInput, 'receivedOn' | 'finalIssuedOn'>): boolean {
  return daysBetween(p.receivedOn, p.finalIssuedOn) <= TWENTY_WEEKS_IN_DAYS;
}

/** numerator / denominator as a percentage to one decimal place (half up); null for 0/0. */
export function percentOneDecimal(numerator: number, denominator: number): number | null {
  if (denominator === 0) return null;
  return Math.round((numerator * 1000) / denominator) / 10;
}

function figures(plans: readonly PlanTimelinessInput[]): TimelinessFigures {
  const within = plans.filter(issuedWithin20Weeks);
  const notExcepted = plans.filter((p) => !p.excepted);
  const withinNotExcepted = notExcepted.filter(issuedWithin20Weeks);
  return {
    issued: plans.length,
    within20Weeks: within.length,
    percent: percentOneDecimal(within.length, plans.length),
    issuedExcludingExceptions: notExcepted.length,
    within20WeeksExcludingExceptions: withinNotExcepted.length,
    percentExcludingExceptions: percentOneDecimal(withinNotExcepted.length, notExcepted.length),
  };
}

export function timelinessByMonth(plans: readonly PlanTimelinessInput[], year: number): TimelinessReport {
  const inYear = plans.filter((p) => yearOf(p.finalIssuedOn) === year);
  const months = Array.from({ length: 12 }, (_, i) => {
    const month = `${String(year).padStart(4, '0')}-${String(i + 1).padStart(2, '0')}`;
    return { month, ...figures(inYear.filter((p) => monthOf(p.finalIssuedOn) === month)) };
  });
  return { year, months, total: figures(inYear) };
}

/**
 * One child's issued plans as timeliness inputs: every request with a (non-voided) FinalPlanIssued,
 * dated on or before asOf when given. `excepted` when the request's exception governs it: one dated on or before
 * the final plan was issued.
 */
export function planTimelinessInputs(events: readonly RecordedJourneyEvent[], asOf?: LocalDate): PlanTimelinessInput[] {
  return ehcRequests(eventsAsOf(events, asOf)).flatMap((r) =>
    r.finalIssuedOn === null
      ? []
      : [{ requestId: r.requestId, receivedOn: r.receivedOn, finalIssuedOn: r.finalIssuedOn, excepted: exceptionGoverns(r) }],
  );
}
