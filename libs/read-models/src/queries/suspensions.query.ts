import { schoolYearOf, type LocalDate } from '@sj/domain';
import type { ReadModelDb } from '../read-model.database';
import { childFilterSql, hasTables, pageOf, type ChildFilters, type Page, type PageRequest } from './manager-filters';
import type { CsvColumn } from './to-csv';

export interface SuspensionsQueryParams extends ChildFilters, PageRequest {
  readonly asOf: LocalDate;
  /** School year N is 1 September N to 31 August N+1; the school year of asOf when absent. */
  readonly schoolYear?: number;
  /** Only children whose Area Inclusion Discussion trigger was reached by asOf. */
  readonly triggered?: boolean;
}

export interface TermFigures {
  readonly count: number;
  readonly days: number;
}

export interface SuspensionItem {
  readonly childId: string;
  readonly area: string;
  readonly school: string | null;
  readonly schoolYear: number;
  readonly suspensionCount: number;
  readonly suspensionDays: number;
  readonly terms: { readonly autumn: TermFigures; readonly spring: TermFigures; readonly summer: TermFigures };
  readonly overTermLimit: boolean;
  readonly overYearLimit: boolean;
  readonly triggeredOn: LocalDate | null;
  readonly permanentExclusions: number;
}

export interface SuspensionTotals {
  readonly childrenSuspended: number;
  readonly suspensions: number;
  readonly suspensionDays: number;
  readonly triggers: number;
  readonly overTermLimit: number;
  readonly overYearLimit: number;
  readonly permanentExclusions: number;
}

export interface SuspensionsResult extends Page<SuspensionItem> {
  readonly schoolYear: number;
  readonly totals: SuspensionTotals;
}

interface SuspensionRow {
  child_id: string;
  area: string;
  school: string | null;
  school_year: number;
  suspension_count: number;
  suspension_days: number;
  autumn_count: number;
  autumn_days: number;
  spring_count: number;
  spring_days: number;
  summer_count: number;
  summer_days: number;
  over_term_limit: number;
  over_year_limit: number;
  trigger_reached_on: string | null;
  permanent_exclusions: number;
}

/**
 * `GET /suspensions`: per child, the school year's counted suspensions (rescinded and voided ones
 * excluded by the domain's `computeInclusion`), days per term, the 15-day term and 45-day year
 * limits, the three-suspension trigger and permanent exclusions; most suspended first.
 * Figures count every suspension recorded so far for the year; a trigger shows once it was reached by asOf.
 */
export function querySuspensions(db: ReadModelDb, params: SuspensionsQueryParams): SuspensionsResult {
  const schoolYear = params.schoolYear ?? schoolYearOf(params.asOf);
  const empty: SuspensionTotals = { childrenSuspended: 0, suspensions: 0, suspensionDays: 0, triggers: 0, overTermLimit: 0, overYearLimit: 0, permanentExclusions: 0 };
  if (!hasTables(db, 'rm_suspension_years', 'rm_children')) return { ...pageOf([], params, params.asOf), schoolYear, totals: empty };
  const children = childFilterSql(params, 'ch');
  const triggered = params.triggered ? ' AND s.trigger_reached_on <= @asOf' : '';
  const rows = db
    .prepare(
      `SELECT s.child_id, ch.area, ch.school, s.school_year, s.suspension_count, s.suspension_days,
              s.autumn_count, s.autumn_days, s.spring_count, s.spring_days, s.summer_count, s.summer_days,
              s.over_term_limit, s.over_year_limit, s.trigger_reached_on, s.permanent_exclusions
       FROM rm_suspension_years s JOIN rm_children ch ON ch.child_id = s.child_id
       WHERE s.school_year = @schoolYear${triggered}${children.sql}
       ORDER BY s.suspension_count DESC, s.suspension_days DESC, s.child_id`,
    )
    .all({ schoolYear, ...(params.triggered ? { asOf: params.asOf } : {}), ...children.params }) as SuspensionRow[];
  const items = rows.map((row) => toItem(row, params.asOf));
  return { ...pageOf(items, params, params.asOf), schoolYear, totals: totalsOf(items) };
}

function toItem(row: SuspensionRow, asOf: LocalDate): SuspensionItem {
  return {
    childId: row.child_id,
    area: row.area,
    school: row.school,
    schoolYear: row.school_year,
    suspensionCount: row.suspension_count,
    suspensionDays: row.suspension_days,
    terms: {
      autumn: { count: row.autumn_count, days: row.autumn_days },
      spring: { count: row.spring_count, days: row.spring_days },
      summer: { count: row.summer_count, days: row.summer_days },
    },
    overTermLimit: row.over_term_limit === 1,
    overYearLimit: row.over_year_limit === 1,
    triggeredOn: row.trigger_reached_on !== null && row.trigger_reached_on <= asOf ? row.trigger_reached_on : null,
    permanentExclusions: row.permanent_exclusions,
  };
}

function totalsOf(items: readonly SuspensionItem[]): SuspensionTotals {
  let days = 0;
  const totals = { childrenSuspended: 0, suspensions: 0, triggers: 0, overTermLimit: 0, overYearLimit: 0, permanentExclusions: 0 };
  for (const item of items) {
    if (item.suspensionCount > 0) totals.childrenSuspended += 1;
    totals.suspensions += item.suspensionCount;
    days += item.suspensionDays;
    if (item.triggeredOn !== null) totals.triggers += 1;
    if (item.overTermLimit) totals.overTermLimit += 1;
    if (item.overYearLimit) totals.overYearLimit += 1;
    totals.permanentExclusions += item.permanentExclusions;
  }
  // half-day amounts: sum in halves so no floating drift shows
  return { ...totals, suspensionDays: Math.round(days * 2) / 2 };
}

export const SUSPENSION_CSV_COLUMNS: ReadonlyArray<CsvColumn<SuspensionItem>> = [
  { header: 'childId', value: (r) => r.childId },
  { header: 'area', value: (r) => r.area },
  { header: 'school', value: (r) => r.school },
  { header: 'schoolYear', value: (r) => r.schoolYear },
  { header: 'suspensionCount', value: (r) => r.suspensionCount },
  { header: 'suspensionDays', value: (r) => r.suspensionDays },
  { header: 'autumnCount', value: (r) => r.terms.autumn.count },
  { header: 'autumnDays', value: (r) => r.terms.autumn.days },
  { header: 'springCount', value: (r) => r.terms.spring.count },
  { header: 'springDays', value: (r) => r.terms.spring.days },
  { header: 'summerCount', value: (r) => r.terms.summer.count },
  { header: 'summerDays', value: (r) => r.terms.summer.days },
  { header: 'overTermLimit', value: (r) => r.overTermLimit },
  { header: 'overYearLimit', value: (r) => r.overYearLimit },
  { header: 'triggeredOn', value: (r) => r.triggeredOn },
  { header: 'permanentExclusions', value: (r) => r.permanentExclusions },
];
