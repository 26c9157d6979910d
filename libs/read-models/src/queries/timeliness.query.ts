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
  /** EHC needs assessment requests (re-assessment requests too) received in the year, by asOf. */
  readonly requestsReceived: number;
  /** Of those, how many the LA decided not to assess (or re-assess) by asOf. */
  readonly refused: number;
}

/**
 * `GET /reports/timeliness`: the domain's 20-week figures by month of issue, with and without exceptions, for
 * plans issued by asOf; a plan counts in the area the child was in on its issue date (docs/domain-rules.md §6).
 * Beside them, the requests received in the year and how many were refused, each in the area of its receipt:
 * the figures the SEN2 return gives for the same year, when asOf is its census date.
 */
export async function queryTimeliness(sql: ReadModelSql, params: TimelinessQueryParams): Promise<TimelinessResult> {
  const year = params.year ?? yearOf(params.asOf);
  if (!(await sql.hasTables('rm_ehc_requests', 'rm_children')))
    return { ...timelinessByMonth([], year), asOf: params.asOf, requestsReceived: 0, refused: 0 };
  const children = childFilterSql(params, 'ch');
  const bind = {
    from: `${String(year).padStart(4, '0')}-01-01`,
    to: `${String(year).padStart(4, '0')}-12-31`,
    asOf: params.asOf,
    ...children.params,
  };
  const issuedIn = areaFilterSql(params, 'r.issued_area');
  const rows = await sql.rows<{ request_id: string; received_on: string; final_issued_on: string; excepted: number }>(
    `SELECT r.request_id, r.received_on, r.final_issued_on, r.excepted
     FROM rm_ehc_requests r JOIN rm_children ch ON ch.child_id = r.child_id
     WHERE r.final_issued_on >= @from AND r.final_issued_on <= @to AND r.final_issued_on <= @asOf${issuedIn.sql}${children.sql}`,
    { ...bind, ...issuedIn.params },
  );
  const receivedIn = areaFilterSql(params, 'r.received_area');
  const [[requestsReceived, refused]] = await sql.arrays<[number | string, number | string | null]>(
    `SELECT count(*), coalesce(sum(CASE WHEN r.refused_on <= @asOf THEN 1 ELSE 0 END), 0)
     FROM rm_ehc_requests r JOIN rm_children ch ON ch.child_id = r.child_id
     WHERE r.received_on >= @from AND r.received_on <= @to AND r.received_on <= @asOf${receivedIn.sql}${children.sql}`,
    { ...bind, ...receivedIn.params },
  );
  const plans = rows.map((r): PlanTimelinessInput => ({
    requestId: r.request_id,
    receivedOn: r.received_on,
    finalIssuedOn: r.final_issued_on,
    excepted: r.excepted === 1,
  }));
  return { ...timelinessByMonth(plans, year), asOf: params.asOf, requestsReceived: Number(requestsReceived), refused: Number(refused ?? 0) };
}

/** The report's figures for the year under the names the SEN2 return's summary gives them (docs/sen2.md). */
export interface TimelinessYearFigures {
  readonly requestsReceived: number;
  readonly refused: number;
  readonly plansIssued: number;
  readonly within20Weeks: number;
  readonly issuedExcludingExceptions: number;
  readonly within20WeeksExcludingExceptions: number;
}

export function timelinessYearFigures(report: TimelinessResult): TimelinessYearFigures {
  const { total } = report;
  return {
    requestsReceived: report.requestsReceived,
    refused: report.refused,
    plansIssued: total.issued,
    within20Weeks: total.within20Weeks,
    issuedExcludingExceptions: total.issuedExcludingExceptions,
    within20WeeksExcludingExceptions: total.within20WeeksExcludingExceptions,
  };
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
