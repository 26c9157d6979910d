import { addDays, clockStatus, compareDates, DEFAULT_CLOCK_CONFIG, maxDate, schoolYearOf, schoolYearStart, type LocalDate } from '@sj/domain';
import type { AlertDecision, Recipient } from './alert-decision';

/** One clock as the read model keeps it (dates only; status is judged as of the sweep day). */
export interface SweptClock {
  readonly childId: string;
  readonly area: string;
  readonly caseworker: string | null;
  readonly clock: string;
  readonly key: string;
  readonly startedOn: LocalDate;
  readonly dueOn: LocalDate | null;
  readonly stoppedOn: LocalDate | null;
  readonly closedOn: LocalDate | null;
  readonly exceptedOn: LocalDate | null;
}

export interface ClockSweepOptions {
  /** A clock warns that it is due soon only if it became due-soon within this many days up to the sweep day. */
  readonly recentDays: number;
  /** docs/domain-rules.md §2: an open clock is due-soon from due − window (default 14 days). */
  readonly warningWindowDays: number;
}

export const DEFAULT_CLOCK_SWEEP_OPTIONS: ClockSweepOptions = { recentDays: 7, warningWindowDays: DEFAULT_CLOCK_CONFIG.warningWindowDays };

/** The first day a breach is still news on `sweepDay`: the start of the previous school year. */
export function oldestNewsworthyDueDate(sweepDay: LocalDate): LocalDate {
  return schoolYearStart(schoolYearOf(sweepDay) - 1);
}

function isBreachNews(dueOn: LocalDate, sweepDay: LocalDate): boolean {
  return compareDates(dueOn, oldestNewsworthyDueDate(sweepDay)) >= 0;
}

/**
 * The daily clock sweep (docs/domain-rules.md sections 2 and 4; docs/ENGINEERING.md "Alert delivery without loss"):
 * deadlines are dates, so once a day is enough. Status is the domain's own `clockStatus` as of the
 * sweep day, so a back-dated stop, an exception, a void or a not-assess decision means no alert.
 *
 * - due-soon as of the sweep day, and became due-soon (due − window, or the start if later) within
 *   the last `recentDays` days (sweepDay − n < became ≤ sweepDay: a week of missed sweeps is caught
 *   up; a warning weeks old is no use) → the caseworker;
 * - breached as of the sweep day, and due in the sweep day's school year or the one before → the
 *   caseworker and the area's managers. Like a late-entered suspension (docs/domain-rules.md §6), a
 *   breach found late, e.g. once a back-dated request is recorded, is still news; one due before
 *   that is history (a migration) and raises nothing. Its id makes it once per clock.
 * A child without a caseworker has the due-soon warning sent to the area's managers, so it is not lost.
 */
export function clockSweepAlerts(
  clocks: readonly SweptClock[],
  sweepDay: LocalDate,
  options: ClockSweepOptions = DEFAULT_CLOCK_SWEEP_OPTIONS,
): AlertDecision[] {
  const recentFrom = addDays(sweepDay, -options.recentDays);
  const recent = (became: LocalDate): boolean => compareDates(became, recentFrom) > 0 && compareDates(became, sweepDay) <= 0;
  const decisions: AlertDecision[] = [];
  for (const c of clocks) {
    if (c.dueOn === null || compareDates(c.startedOn, sweepDay) > 0) continue;
    const { status, daysOverdue } = clockStatus(
      { dueOn: c.dueOn, stoppedOn: c.stoppedOn, closedOn: c.closedOn, exceptedOn: c.exceptedOn },
      sweepDay,
      options.warningWindowDays,
    );
    const managers: Recipient = `managers:${c.area}`;
    const caseworker: Recipient | null = c.caseworker ? `caseworker:${c.caseworker}` : null;
    const facts = { clock: c.clock, key: c.key, startedOn: c.startedOn, dueOn: c.dueOn, sweptOn: sweepDay };
    if (status === 'due-soon' && recent(maxDate(c.startedOn, addDays(c.dueOn, -options.warningWindowDays)))) {
      decisions.push({
        alertId: `clock:${c.childId}:${c.clock}:${c.key}:due-soon`,
        rule: 'clock-due-soon',
        childId: c.childId,
        area: c.area,
        recipients: [caseworker ?? managers],
        period: c.dueOn,
        facts,
      });
    } else if (status === 'breached' && isBreachNews(c.dueOn, sweepDay)) {
      decisions.push({
        alertId: `clock:${c.childId}:${c.clock}:${c.key}:breached`,
        rule: 'clock-breached',
        childId: c.childId,
        area: c.area,
        recipients: caseworker ? [caseworker, managers] : [managers],
        period: c.dueOn,
        facts: { ...facts, daysOverdue },
      });
    }
  }
  return decisions;
}
