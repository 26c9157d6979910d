import type { LocalDate, RecordedJourneyEvent } from '../events';
import { addMonths, compareDates, localDate, maxDate, monthNumberOf, schoolYearEnd, schoolYearStart, yearOf } from '../dates';
import { toClockView, type ClockContext, type ClockView, type MiddleSchoolYears } from './clock';
import type { PlanFacts } from './plan-history';

/**
 * `phase-transfer` — SEND Regulations 2014 reg 18(1): where a child or young person is to transfer
 * between phases of education, the plan must be reviewed and amended, so as to name the new school
 * or institution, before 15 February in the calendar year of the transfer (before 31 March for a
 * transfer from secondary school to post-16 provision). "Before 15 February" makes the last
 * compliant day 14 February (30 March for post-16); CoP 9.179 says "by 15 February" but the
 * regulation governs. reg 18(2): a young person moving between post-16 institutions at any other
 * time must have the plan amended at least 5 months before the move.
 *
 * Cohort year C: the calendar year of birth if born September–December, else the year before
 * (children born 1 Sep C – 31 Aug C+1 share a school year group). Transfers (docs/domain-rules.md §4.2):
 * Reception September C+5; from an infant school (one is named for the child) due 14 February C+7;
 * Year 7 September C+12, or, where the LA configures middle schools, into the middle school's first
 * year and out of its last; post-16 September C+17.
 *
 * For a transfer in September T the clock exists when a plan is active at some point from 1 September
 * T−1 (the start of the school year before the transfer) to the due date, and starts on 1 September T−1
 * or on the plan's issue date if later. Stops: AmendedPlanIssued with phaseTransfer: true dated in that
 * school year. Closed when the child stops having a plan (PlanCeased with no plan replacing it).
 * Keys: `reception-T`, `year-3-T`, `year-5-T`…, `year-7-T`, `post-16-T`, `post-16-move-<placementId>`.
 */
export interface PhaseTransferDate {
  readonly transfer: string;
  /** The calendar year whose September the child moves (the due date's year). */
  readonly transferYear: number;
  readonly startsOn: LocalDate;
  readonly dueOn: LocalDate;
  readonly key: string;
}

export interface PhaseTransferOptions {
  /** An infant school is named for the child, so they move again into Year 3. */
  readonly infantSchool: boolean;
  readonly middleSchoolYears: MiddleSchoolYears | null;
}

/** C from a date of birth: birth year if born September–December, else birth year − 1. */
export function cohortYearOf(dateOfBirth: LocalDate): number {
  return monthNumberOf(dateOfBirth) >= 9 ? yearOf(dateOfBirth) : yearOf(dateOfBirth) - 1;
}

/**
 * The cohort year from the (last active) ChildRegistered: a `cohortYear` field when present (personal
 * data erased), else from dateOfBirth. The date of birth is a fact about the child, not something
 * that happens on occurredOn, so it is read whatever asOf is.
 */
export function cohortYearFromEvents(events: readonly RecordedJourneyEvent[]): number | null {
  let cohort: number | null = null;
  for (const { event } of events) {
    if (event.type !== 'ChildRegistered') continue;
    const data = event.data as { dateOfBirth?: unknown; cohortYear?: unknown };
    if (typeof data.cohortYear === 'number' && Number.isInteger(data.cohortYear)) cohort = data.cohortYear;
    else if (typeof data.dateOfBirth === 'string') cohort = cohortYearOf(data.dateOfBirth);
  }
  return cohort;
}

export function phaseTransferDates(cohortYear: number, options: PhaseTransferOptions): PhaseTransferDate[] {
  const at = (transfer: string, transferYear: number, dueMonth: number, dueDay: number): PhaseTransferDate => ({
    transfer,
    transferYear,
    startsOn: schoolYearStart(transferYear - 1),
    dueOn: localDate(transferYear, dueMonth, dueDay),
    key: `${transfer}-${transferYear}`,
  });
  const intoYear = (year: number): PhaseTransferDate => at(`year-${year}`, cohortYear + 5 + year, 2, 14);
  const middle = options.middleSchoolYears;
  return [
    at('reception', cohortYear + 5, 2, 14),
    ...(options.infantSchool ? [at('year-3', cohortYear + 7, 2, 14)] : []),
    ...(middle ? [intoYear(middle.entry), intoYear(middle.exit)] : [intoYear(7)]),
    at('post-16', cohortYear + 17, 3, 30),
  ];
}

/** The plans as unbroken spells: a plan replaced by a re-assessment's plan continues in its successor. */
function planSpellEnd(plans: readonly PlanFacts[], plan: PlanFacts): LocalDate | null {
  let current = plan;
  for (;;) {
    const endedOn = current.endedOn;
    if (endedOn === null) return null;
    const next = plans.find((p) => p !== current && p.issuedOn === endedOn);
    if (next === undefined) return endedOn;
    current = next;
  }
}

function planActiveDuring(plans: readonly PlanFacts[], from: LocalDate, to: LocalDate): PlanFacts | undefined {
  return plans.find((p) => compareDates(p.issuedOn, to) <= 0 && (p.endedOn === null || compareDates(p.endedOn, from) > 0));
}

const INFANT_SCHOOL = /\binfant/i;

/** The school or placement named is an infant school, so the child transfers again into year 3. */
export function isInfantSchool(name: string): boolean {
  return INFANT_SCHOOL.test(name);
}

/** An infant school is named: as the child's school or a plan's placement, at any time. */
function namesInfantSchool(events: readonly RecordedJourneyEvent[]): boolean {
  return events.some(({ event }) => {
    switch (event.type) {
      case 'ChildRegistered':
      case 'ChildDetailsChanged':
        return event.data.school !== undefined && isInfantSchool(event.data.school);
      case 'FinalPlanIssued':
      case 'AmendedPlanIssued':
        return isInfantSchool(event.data.placement);
      default:
        return false;
    }
  });
}

/** The phase-transfer clocks for a child of cohort year `cohortYear`. */
export function phaseTransferClocksForCohort(cohortYear: number, ctx: ClockContext, options: PhaseTransferOptions): ClockView[] {
  const plans = ctx.plans;
  const transfers = phaseTransferDates(cohortYear, options).flatMap((t) => {
    if (compareDates(t.startsOn, ctx.asOf) > 0) return []; // does not exist yet
    const plan = planActiveDuring(plans, t.startsOn, t.dueOn);
    if (!plan) return [];
    return [{ key: t.key, plan, startedOn: maxDate(t.startsOn, plan.issuedOn), dueOn: t.dueOn, until: schoolYearEnd(t.transferYear - 1) }];
  });
  return [...transfers, ...post16Moves(cohortYear, ctx, plans)].map((t) => {
    const stop = plans
      .flatMap((p) => p.amendedPlansIssued)
      .find((a) => a.phaseTransfer && compareDates(a.on, t.startedOn) >= 0 && compareDates(a.on, t.until) <= 0);
    return toClockView(
      {
        clock: 'phase-transfer',
        key: t.key,
        requestId: t.plan.requestId,
        startedOn: t.startedOn,
        dueOn: t.dueOn,
        stoppedOn: stop?.on ?? null,
        closedOn: planSpellEnd(plans, t.plan),
        source: t.key.startsWith('post-16-move') ? 'reg 18(2)' : 'reg 18(1)',
      },
      ctx,
    );
  });
}

/**
 * reg 18(2): a young person already in post-16 education (on or after 1 September C+17) for whom a new
 * post-16 placement is named to start later: the amended plan is due 5 months before that start.
 */
function post16Moves(cohortYear: number, ctx: ClockContext, plans: readonly PlanFacts[]) {
  const post16From = schoolYearStart(cohortYear + 17);
  return ctx.events.flatMap(({ event }) => {
    if (event.type !== 'PlacementNamed') return [];
    const namedOn = event.occurredOn;
    if (compareDates(namedOn, post16From) < 0 || compareDates(event.data.startedOn, namedOn) <= 0) return [];
    const plan = planActiveDuring(plans, namedOn, namedOn);
    if (!plan) return [];
    return [
      {
        key: `post-16-move-${event.data.placementId}`,
        plan,
        startedOn: namedOn,
        dueOn: addMonths(event.data.startedOn, -5),
        until: event.data.startedOn,
      },
    ];
  });
}

export function phaseTransferClocks(ctx: ClockContext, allEvents: readonly RecordedJourneyEvent[] = ctx.events): ClockView[] {
  const cohortYear = cohortYearFromEvents(allEvents);
  if (cohortYear === null) return [];
  return phaseTransferClocksForCohort(cohortYear, ctx, {
    infantSchool: namesInfantSchool(allEvents),
    middleSchoolYears: ctx.config.middleSchoolYears ?? null,
  });
}
