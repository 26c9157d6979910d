import { addDays, minDate, type LocalDate } from '@sj/domain';
import { clockSweepAlerts, oldestNewsworthyDueDate, type ClockSweepOptions, type SweptClock } from '../rules/clock-sweep.rule';
import type { AlertStore } from '../store/alert-store.port';

/**
 * Where the sweep finds the clocks that could alert on `sweepDay`: due from the start of the previous school
 * year (a breach still news) to `sweepDay + window` (due-soon), with the child's area and caseworker.
 */
export type SweepCandidates = (sweepDay: LocalDate, options: ClockSweepOptions) => Promise<SweptClock[]>;

/** The due dates the sweep asks about: from the oldest still newsworthy to the end of the warning window. */
export function sweepWindow(sweepDay: LocalDate, options: ClockSweepOptions): { readonly from: LocalDate; readonly to: LocalDate } {
  return {
    from: minDate(oldestNewsworthyDueDate(sweepDay), addDays(sweepDay, -options.recentDays)),
    to: addDays(sweepDay, options.warningWindowDays),
  };
}

/** The sweep's candidates: the read models' clocks due within the sweep's window. */
export function sweepCandidatesFrom(dueClocks: (from: LocalDate, to: LocalDate) => Promise<SweptClock[]>): SweepCandidates {
  return (sweepDay, options) => {
    const window = sweepWindow(sweepDay, options);
    return dueClocks(window.from, window.to);
  };
}

/**
 * Runs the sweep rule for `sweepDay` and stores the alerts it calls for (raised once, never withdrawn); returns
 * how many were new.
 */
export async function runClockSweep(deps: {
  candidates: SweepCandidates;
  alerts: AlertStore;
  sweepDay: LocalDate;
  options: ClockSweepOptions;
  now: Date;
}): Promise<number> {
  const decisions = clockSweepAlerts(await deps.candidates(deps.sweepDay, deps.options), deps.sweepDay, deps.options);
  return deps.alerts.applyChanges(
    decisions.map((decision) => ({ kind: 'raised' as const, causedBy: 'sweep', decision })),
    deps.now.toISOString(),
  );
}
