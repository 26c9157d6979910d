import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { addDays, minDate, type LocalDate } from '@sj/domain';
import { clockSweepAlerts, oldestNewsworthyDueDate, type ClockSweepOptions, type SweptClock } from '../rules/clock-sweep.rule';
import type { AlertsDb } from '../store/alerts.database';
import { raiseAlerts } from '../store/alert-rows';

export function readModelsFile(dataDir: string): string {
  return join(dataDir, 'read-models.sqlite');
}

/**
 * The clocks that could alert on `sweepDay`: due from the start of the previous school year (a
 * breach still news) to `sweepDay + window` (due-soon), with the child's area and caseworker.
 * Read-only; a missing file or tables not yet projected mean nothing to sweep.
 */
export function readSweepCandidates(file: string, sweepDay: LocalDate, options: ClockSweepOptions): SweptClock[] {
  if (!existsSync(file)) return [];
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    const hasTables = db.prepare("SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'table' AND name IN ('rm_clocks', 'rm_children')").get() as {
      n: number;
    };
    if (hasTables.n < 2) return [];
    return db
      .prepare(
        `SELECT c.child_id AS childId, ch.area AS area, ch.caseworker AS caseworker, c.clock AS clock, c.clock_key AS key,
                c.started_on AS startedOn, c.due_on AS dueOn, c.stopped_on AS stoppedOn, c.closed_on AS closedOn, c.excepted_on AS exceptedOn
         FROM rm_clocks c JOIN rm_children ch ON ch.child_id = c.child_id
         WHERE c.due_on IS NOT NULL AND c.due_on >= ? AND c.due_on <= ?
         ORDER BY c.child_id, c.clock, c.clock_key`,
      )
      .all(
        minDate(oldestNewsworthyDueDate(sweepDay), addDays(sweepDay, -options.recentDays)),
        addDays(sweepDay, options.warningWindowDays),
      ) as SweptClock[];
  } finally {
    db.close();
  }
}

/** Runs the sweep rule for `sweepDay` and stores the alerts it calls for; returns how many were new. */
export function runClockSweep(deps: {
  readModelsFile: string;
  alerts: AlertsDb;
  sweepDay: LocalDate;
  options: ClockSweepOptions;
  now: Date;
}): number {
  const decisions = clockSweepAlerts(readSweepCandidates(deps.readModelsFile, deps.sweepDay, deps.options), deps.sweepDay, deps.options);
  return raiseAlerts(deps.alerts, decisions, deps.now.toISOString());
}
