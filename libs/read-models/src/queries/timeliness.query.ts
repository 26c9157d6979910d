import { timelinessByMonth, yearOf, type LocalDate, type PlanTimelinessInput, type TimelinessReport } from '@sj/domain';
import type { ReadModelSql } from '../sql/read-model-sql';
import { areaFilterSql, childFilterSql, type ChildFilters } from './manager-filters';
import type { CsvColumn } from './to-csv';

export interface TimelinessQueryParams extends ChildFilters {
  readonly asOf: LocalDate;
  /** Calendar year of issue; the year of asOf when absent. */
  readonly year?: number;
}

export interface TimelinessResult extends TimelinessReport {
  readonly asOf: LocalDate;
}

/**
 * `GET /reports/timeliness`: the domain's 20-week figures by month of issue, with and without exceptions, for
 * plans issued by asOf; a plan counts in the area the child was in on its issue date (docs/domain-rules.md §6).
 */
export async function queryTimeliness(sql: ReadModelSql, params: TimelinessQueryParams): Promise<TimelinessResult> {
  const year = params.year ?? yearOf(params.asOf);
  if (!(await sql.hasTables('rm_final_plans', 'rm_children'))) return { ...timelinessByMonth([], year), asOf: params.asOf };
  const children = childFilterSql(params, 'ch');
  const areas = areaFilterSql(params, 'p.area');
  const rows = await sql.rows<{ request_id: string; received_on: string; final_issued_on: string; excepted: number }>(
    `SELECT p.request_id, p.received_on, p.final_issued_on, p.excepted
     FROM rm_final_plans p JOIN rm_children ch ON ch.child_id = p.child_id
     WHERE p.final_issued_on >= @from AND p.final_issued_on <= @to AND p.final_issued_on <= @asOf${areas.sql}${children.sql}`,
    {
      from: `${String(year).padStart(4, '0')}-01-01`,
      to: `${String(year).padStart(4, '0')}-12-31`,
      asOf: params.asOf,
      ...areas.params,
      ...children.params,
    },
  );
  const plans = rows.map((r): PlanTimelinessInput => ({
    requestId: r.request_id,
    receivedOn: r.received_on,
    finalIssuedOn: r.final_issued_on,
    excepted: r.excepted === 1,
  }));
  return { ...timelinessByMonth(plans, year), asOf: params.asOf };
}

type MonthRow = TimelinessReport['months'][number];

export const TIMELINESS_CSV_COLUMNS: readonly CsvColumn<MonthRow>[] = [
  { header: 'month', value: (r) => r.month },
  { header: 'issued', value: (r) => r.issued },
  { header: 'within20Weeks', value: (r) => r.within20Weeks },
  { header: 'percent', value: (r) => r.percent },
  { header: 'issuedExcludingExceptions', value: (r) => r.issuedExcludingExceptions },
  { header: 'within20WeeksExcludingExceptions', value: (r) => r.within20WeeksExcludingExceptions },
  { header: 'percentExcludingExceptions', value: (r) => r.percentExcludingExceptions },
];
