import type { LocalDate } from '@sj/domain';
import type { DueClock } from '../read-model-store.port';
import type { ReadModelSql } from '../sql/read-model-sql';

/** The daily sweep's candidates: clocks due in [from, to], with the child's current area and caseworker. */
export async function queryDueClocks(sql: ReadModelSql, from: LocalDate, to: LocalDate): Promise<DueClock[]> {
  if (!(await sql.hasTables('rm_clocks', 'rm_children'))) return [];
  return sql.rows<DueClock>(
    `SELECT c.child_id AS "childId", ch.area AS area, ch.caseworker AS caseworker, c.clock AS clock, c.clock_key AS key,
            c.started_on AS "startedOn", c.due_on AS "dueOn", c.stopped_on AS "stoppedOn", c.closed_on AS "closedOn", c.excepted_on AS "exceptedOn"
     FROM rm_clocks c JOIN rm_children ch ON ch.child_id = c.child_id
     WHERE c.due_on IS NOT NULL AND c.due_on >= @from AND c.due_on <= @to
     ORDER BY c.child_id, c.clock, c.clock_key`,
    { from, to },
  );
}
