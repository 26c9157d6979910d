import type { LocalDate, RecordedJourneyEvent } from '../events';
import { compareDates, localDate, monthNumberOf, schoolYearEnd, schoolYearStart, yearOf } from '../dates';
import { toClockView, type ClockContext, type ClockView } from './clock';
import { planHistory, type PlanFacts } from './plan-history';

/**
 * `phase-transfer` — SEND Regulations 2014 reg 18(1): where a child or young person is to transfer
 * between phases of education, the plan must be reviewed and amended, so as to name the new school
 * or institution, before 15 February in the calendar year of the transfer (before 31 March for a
 * transfer from secondary school to post-16 provision). "Before 15 February" makes the last
 * compliant day 14 February (30 March for post-16); CoP 9.179 says "by 15 February" but the
 * regulation governs.
 *
 * Cohort year C: the calendar year of birth if born September–December, else the year before
 * (children born 1 Sep C – 31 Aug C+1 share a school year group). Transfers:
 * Reception September C+5, Year 7 September C+12, Year 12 (post-16) September C+17.
 *
 * For a transfer in September T the clock exists when a plan is active on 1 September T−1 (the
 * start of the school year before the transfer; a plan issued later that year gets no clock), and
 * starts that day. Stops: AmendedPlanIssued with phaseTransfer: true dated within that school year
 * (1 Sep T−1 to 31 Aug T). Due: 14 Feb T (30 Mar T for post-16). Closed by PlanCeased (or a
 * replacing FinalPlanIssued). Key: `reception-T`, `year-7-T`, `post-16-T`.
 */
export type PhaseTransfer = 'reception' | 'year-7' | 'post-16';

export interface PhaseTransferDate {
  readonly transfer: PhaseTransfer;
  /** The calendar year whose September the child moves. */
  readonly transferYear: number;
  readonly startsOn: LocalDate;
  readonly dueOn: LocalDate;
  readonly key: string;
}

/** C from a date of birth: birth year if born September–December, else birth year − 1. */
export function cohortYearOf(dateOfBirth: LocalDate): number {
  return monthNumberOf(dateOfBirth) >= 9 ? yearOf(dateOfBirth) : yearOf(dateOfBirth) - 1;
}

export function phaseTransferDates(cohortYear: number): PhaseTransferDate[] {
  const at = (transfer: PhaseTransfer, transferYear: number, dueMonth: number, dueDay: number): PhaseTransferDate => ({
    transfer,
    transferYear,
    startsOn: schoolYearStart(transferYear - 1),
    dueOn: localDate(transferYear, dueMonth, dueDay),
    key: `${transfer}-${transferYear}`,
  });
  return [at('reception', cohortYear + 5, 2, 14), at('year-7', cohortYear + 12, 2, 14), at('post-16', cohortYear + 17, 3, 30)];
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

function planActiveOn(plans: readonly PlanFacts[], d: LocalDate): PlanFacts | undefined {
  return plans.find(
    (p) => compareDates(p.issuedOn, d) <= 0 && (p.endedOn === null || compareDates(p.endedOn, d) > 0),
  );
}

/** The phase-transfer clocks for a child of cohort year `cohortYear`. */
export function phaseTransferClocksForCohort(cohortYear: number, ctx: ClockContext): ClockView[] {
  const plans = planHistory(ctx.events);
  const views: ClockView[] = [];
  for (const t of phaseTransferDates(cohortYear)) {
    if (compareDates(t.startsOn, ctx.asOf) > 0) continue; // does not exist yet
    const plan = planActiveOn(plans, t.startsOn);
    if (!plan) continue;
    const yearEnd = schoolYearEnd(t.transferYear - 1);
    const stop = plan.amendedPlansIssued.find(
      (a) => a.phaseTransfer && compareDates(a.on, t.startsOn) >= 0 && compareDates(a.on, yearEnd) <= 0,
    );
    views.push(
      toClockView(
        {
          clock: 'phase-transfer',
          key: t.key,
          requestId: plan.requestId,
          startedOn: t.startsOn,
          dueOn: t.dueOn,
          stoppedOn: stop?.on ?? null,
          closedOn: plan.endedOn,
          source: 'reg 18(1)',
        },
        ctx,
      ),
    );
  }
  return views;
}

export function phaseTransferClocks(ctx: ClockContext, allEvents: readonly RecordedJourneyEvent[] = ctx.events): ClockView[] {
  const cohortYear = cohortYearFromEvents(allEvents);
  return cohortYear === null ? [] : phaseTransferClocksForCohort(cohortYear, ctx);
}
