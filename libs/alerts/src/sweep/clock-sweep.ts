import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { addDays, minDate, type LocalDate } from '@sj/domain';
import { clockSweepAlerts, oldestNewsworthyDueDate, type ClockSweepOptions, type SweptClock } from '../rules/clock-sweep.rule';
import type { AlertStore } from '../store/alert-store.port';

export function readModelsFile(dataDir: string): string {
  return join(dataDir, 'read-models.sqlite');
}

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

/** The sweep's candidates from the SQLite read models file. */
export function sweepCandidatesFromFile(file: string): SweepCandidates {
  return (sweepDay, options) => Promise.resolve(readSweepCandidates(file, sweepDay, options));
}

/** The candidates in the SQLite read models (`<DATA_DIR>/read-models.sqlite`), read-only; a missing file or tables not yet projected mean nothing to sweep. */
export function readSweepCandidates(file: string, sweepDay: LocalDate, options: ClockSweepOptions): SweptClock[] {
  if (!existsSync(file)) return [];
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    const hasTables = db.prepare("SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'table' AND name IN ('rm_clocks', 'rm_children')").get() as {
      n: number;
    };
    if (hasTables.n < 2) return [];
    const window = sweepWindow(sweepDay, options);
    return db
      .prepare(
        `SELECT c.child_id AS childId, ch.area AS area, ch.caseworker AS caseworker, c.clock AS clock, c.clock_key AS key,
                c.started_on AS startedOn, c.due_on AS dueOn, c.stopped_on AS stoppedOn, c.closed_on AS closedOn, c.excepted_on AS exceptedOn
         FROM rm_clocks c JOIN rm_children ch ON ch.child_id = c.child_id
         WHERE c.due_on IS NOT NULL AND c.due_on >= ? AND c.due_on <= ?
         ORDER BY c.child_id, c.clock, c.clock_key`,
      )
      .all(window.from, window.to) as SweptClock[];
  } finally {
    db.close();
  }
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
