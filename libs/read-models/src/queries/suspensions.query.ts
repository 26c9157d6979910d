import {
  countsAsOf,
  DEFAULT_INCLUSION_CONFIG,
  schoolYearOf,
  summariseSchoolYears,
  type CountedSuspension,
  type ExclusionReason,
  type InclusionConfig,
  type LocalDate,
  type Term,
} from '@sj/domain';
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

interface RecordRow {
  child_id: string;
  kind: 'suspension' | 'exclusion';
  record_id: string;
  school: string;
  occurred_on: string;
  school_year: number;
  term: Term | null;
  school_days: number | null;
  reason: string;
  ended_on: string | null;
}

/**
 * `GET /suspensions`: per child, the school year's counted suspensions as of asOf (rescinded and
 * voided ones excluded), days per term, the 15-day term and 45-day year limits, the three-suspension
 * trigger and permanent exclusions; most suspended first. Exact for any asOf: the read model keeps
 * each child's suspensions and exclusions with their rescission (overturn) dates, and the figures come
 * from the domain's `countsAsOf` and `summariseSchoolYears`, as `computeInclusion(events, config, asOf)`.
 */
export function querySuspensions(
  db: ReadModelDb,
  params: SuspensionsQueryParams,
  config: InclusionConfig = DEFAULT_INCLUSION_CONFIG,
): SuspensionsResult {
  const schoolYear = params.schoolYear ?? schoolYearOf(params.asOf);
  const empty: SuspensionTotals = { childrenSuspended: 0, suspensions: 0, suspensionDays: 0, triggers: 0, overTermLimit: 0, overYearLimit: 0, permanentExclusions: 0 };
  if (!hasTables(db, 'rm_suspension_records', 'rm_children')) return { ...pageOf([], params, params.asOf), schoolYear, totals: empty };
  const children = childFilterSql(params, 'ch');
  const bind = { schoolYear, asOf: params.asOf, ...children.params };
  // children with a suspension or exclusion in the school year that counts as of asOf
  const candidates = `
    SELECT DISTINCT r.child_id, ch.area, ch.school FROM rm_suspension_records r JOIN rm_children ch ON ch.child_id = r.child_id
    WHERE r.school_year = @schoolYear AND r.occurred_on <= @asOf AND (r.ended_on IS NULL OR r.ended_on > @asOf)${children.sql}`;
  const found = db.prepare(candidates).all(bind) as Array<{ child_id: string; area: string; school: string | null }>;
  if (found.length === 0) return { ...pageOf([], params, params.asOf), schoolYear, totals: empty };
  // their records of this school year and the one before (a rolling 12-month trigger window looks back into it)
  const records = db
    .prepare(
      `WITH candidates AS (${candidates})
       SELECT r.child_id, r.kind, r.record_id, r.school, r.occurred_on, r.school_year, r.term, r.school_days, r.reason, r.ended_on
       FROM rm_suspension_records r JOIN candidates c ON c.child_id = r.child_id
       WHERE r.school_year IN (@previousYear, @schoolYear) AND r.occurred_on <= @asOf
       ORDER BY r.child_id, r.occurred_on, r.revision`,
    )
    .all({ ...bind, previousYear: schoolYear - 1 }) as RecordRow[];
  const byChild = new Map<string, RecordRow[]>();
  for (const row of records) {
    const list = byChild.get(row.child_id);
    if (list) list.push(row);
    else byChild.set(row.child_id, [row]);
  }
  const items: SuspensionItem[] = [];
  for (const child of found) {
    const item = toItem(child, schoolYear, byChild.get(child.child_id) ?? [], params.asOf, config);
    if (item !== null && (!params.triggered || item.triggeredOn !== null)) items.push(item);
  }
  items.sort(
    (a, b) =>
      b.suspensionCount - a.suspensionCount || b.suspensionDays - a.suspensionDays || (a.childId < b.childId ? -1 : a.childId > b.childId ? 1 : 0),
  );
  return { ...pageOf(items, params, params.asOf), schoolYear, totals: totalsOf(items) };
}

/** One child's figures for the school year as of asOf; null when nothing counts in that year. */
function toItem(
  child: { child_id: string; area: string; school: string | null },
  schoolYear: number,
  rows: readonly RecordRow[],
  asOf: LocalDate,
  config: InclusionConfig,
): SuspensionItem | null {
  const suspensions: CountedSuspension[] = [];
  let permanentExclusions = 0;
  for (const row of rows) {
    if (!countsAsOf({ occurredOn: row.occurred_on, rescindedOn: row.ended_on }, asOf)) continue;
    if (row.kind === 'exclusion') {
      if (row.school_year === schoolYear) permanentExclusions += 1;
      continue;
    }
    suspensions.push({
      suspensionId: row.record_id,
      school: row.school,
      schoolDays: row.school_days ?? 0,
      reason: row.reason as ExclusionReason,
      occurredOn: row.occurred_on,
      schoolYear: row.school_year,
      term: row.term ?? 'autumn',
    });
  }
  const year = summariseSchoolYears(suspensions, config).find((y) => y.schoolYear === schoolYear);
  if (year === undefined && permanentExclusions === 0) return null;
  const term = (name: Term): TermFigures => {
    const t = year?.terms.find((x) => x.term === name);
    return { count: t?.suspensionCount ?? 0, days: t?.suspensionDays ?? 0 };
  };
  return {
    childId: child.child_id,
    area: child.area,
    school: child.school,
    schoolYear,
    suspensionCount: year?.suspensionCount ?? 0,
    suspensionDays: year?.suspensionDays ?? 0,
    terms: { autumn: term('autumn'), spring: term('spring'), summer: term('summer') },
    overTermLimit: year?.terms.some((t) => t.overTermLimit) ?? false,
    overYearLimit: year?.overYearLimit ?? false,
    triggeredOn: year?.trigger?.thresholdReachedOn ?? null,
    permanentExclusions,
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
