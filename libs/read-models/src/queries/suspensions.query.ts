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
import type { ReadModelSql } from '../sql/read-model-sql';
import { areaFilterSql, childFilterSql, pageOf, type ChildFilters, type Page, type PageRequest } from './manager-filters';
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

/**
 * One child's school year in one area: the suspensions and exclusions dated while the child lived there
 * (a child who moved during the year has an item per area). The trigger and the term and year limits
 * are the child's, whatever the area, and show in the item of the area the child was in when they were
 * reached (docs/domain-rules.md §6).
 */
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
  area: string;
}

/**
 * `GET /suspensions`: per child and area, the school year's counted suspensions as of asOf (rescinded and
 * voided ones excluded), days per term, the 15-day term and 45-day year limits, the three-suspension
 * trigger and permanent exclusions; most suspended first. Exact for any asOf: the read model keeps
 * each child's suspensions and exclusions with their rescission (overturn) dates and the area of their
 * date, and the figures come from the domain's `countsAsOf` and `summariseSchoolYears`, as
 * `computeInclusion(events, config, asOf)`.
 */
export async function querySuspensions(
  sql: ReadModelSql,
  params: SuspensionsQueryParams,
  config: InclusionConfig = DEFAULT_INCLUSION_CONFIG,
): Promise<SuspensionsResult> {
  const schoolYear = params.schoolYear ?? schoolYearOf(params.asOf);
  const empty: SuspensionTotals = {
    childrenSuspended: 0,
    suspensions: 0,
    suspensionDays: 0,
    triggers: 0,
    overTermLimit: 0,
    overYearLimit: 0,
    permanentExclusions: 0,
  };
  if (!(await sql.hasTables('rm_suspension_records', 'rm_children'))) return { ...pageOf([], params, params.asOf), schoolYear, totals: empty };
  const children = childFilterSql(params, 'ch');
  const areas = areaFilterSql(params, 'r.area');
  const bind = { schoolYear, asOf: params.asOf, ...areas.params, ...children.params };
  // children and areas with a suspension or exclusion in the school year that counts as of asOf
  const candidates = `
    SELECT DISTINCT r.child_id, r.area, ch.school FROM rm_suspension_records r JOIN rm_children ch ON ch.child_id = r.child_id
    WHERE r.school_year = @schoolYear AND r.occurred_on <= @asOf AND (r.ended_on IS NULL OR r.ended_on > @asOf)${areas.sql}${children.sql}`;
  const found = await sql.rows<{ child_id: string; area: string; school: string | null }>(candidates, bind);
  if (found.length === 0) return { ...pageOf([], params, params.asOf), schoolYear, totals: empty };
  // every record of those children in this school year and the one before, whatever the area: the
  // trigger and the limits are the child's (a rolling 12-month trigger window looks back a year)
  const records = await sql.rows<RecordRow>(
    `WITH candidates AS (SELECT DISTINCT child_id FROM (${candidates}) AS found)
     SELECT r.child_id, r.kind, r.record_id, r.school, r.occurred_on, r.school_year, r.term, r.school_days, r.reason, r.ended_on, r.area
     FROM rm_suspension_records r JOIN candidates c ON c.child_id = r.child_id
     WHERE r.school_year IN (@previousYear, @schoolYear) AND r.occurred_on <= @asOf
     ORDER BY r.child_id, r.occurred_on, r.revision`,
    { ...bind, previousYear: schoolYear - 1 },
  );
  const byChild = new Map<string, RecordRow[]>();
  for (const row of records) {
    const list = byChild.get(row.child_id);
    if (list) list.push(row);
    else byChild.set(row.child_id, [row]);
  }
  const years = new Map<string, ChildYear>();
  const items: SuspensionItem[] = [];
  for (const candidate of found) {
    let year = years.get(candidate.child_id);
    if (year === undefined) years.set(candidate.child_id, (year = childYear(byChild.get(candidate.child_id) ?? [], schoolYear, params.asOf, config)));
    const item = toItem(candidate, year, schoolYear, config);
    if (item !== null && (!params.triggered || item.triggeredOn !== null)) items.push(item);
  }
  items.sort(
    (a, b) =>
      b.suspensionCount - a.suspensionCount ||
      b.suspensionDays - a.suspensionDays ||
      (a.childId < b.childId ? -1 : a.childId > b.childId ? 1 : 0) ||
      (a.area < b.area ? -1 : a.area > b.area ? 1 : 0),
  );
  return { ...pageOf(items, params, params.asOf), schoolYear, totals: totalsOf(items) };
}

/** A counted suspension with the area of its date. */
type AreaSuspension = CountedSuspension & { readonly area: string };

/**
 * One child's school year as of asOf, every area together: what counts, and the area each of the
 * child's thresholds was reached in (the trigger; each term over its limit; the year over its limit).
 */
interface ChildYear {
  readonly suspensions: readonly AreaSuspension[];
  readonly exclusions: readonly { readonly area: string }[];
  readonly trigger: { readonly on: LocalDate; readonly area: string } | null;
  readonly termLimitAreas: ReadonlyMap<Term, string>;
  readonly yearLimitArea: string | null;
}

function childYear(rows: readonly RecordRow[], schoolYear: number, asOf: LocalDate, config: InclusionConfig): ChildYear {
  const counted: AreaSuspension[] = [];
  const exclusions: { area: string }[] = [];
  for (const row of rows) {
    if (!countsAsOf({ occurredOn: row.occurred_on, rescindedOn: row.ended_on }, asOf)) continue;
    if (row.kind === 'exclusion') {
      if (row.school_year === schoolYear) exclusions.push({ area: row.area });
      continue;
    }
    counted.push({
      suspensionId: row.record_id,
      school: row.school,
      schoolDays: row.school_days ?? 0,
      reason: row.reason as ExclusionReason,
      occurredOn: row.occurred_on,
      schoolYear: row.school_year,
      term: row.term ?? 'autumn',
      area: row.area,
    });
  }
  const whole = summariseSchoolYears(counted, config).find((y) => y.schoolYear === schoolYear);
  const trigger = whole?.trigger ?? null;
  const reaching = trigger ? counted.find((s) => s.suspensionId === trigger.suspensionIds.at(-1)) : undefined;
  // a limit is reached by the suspension that first takes the total over it: the domain judges each running total
  const inYear = counted.filter((s) => s.schoolYear === schoolYear);
  const termLimitAreas = new Map<Term, string>();
  let yearLimitArea: string | null = null;
  if (whole && (whole.overYearLimit || whole.terms.some((t) => t.overTermLimit))) {
    inYear.forEach((suspension, i) => {
      const sofar = summariseSchoolYears(inYear.slice(0, i + 1), config).find((y) => y.schoolYear === schoolYear);
      for (const term of sofar?.terms ?? []) if (term.overTermLimit && !termLimitAreas.has(term.term)) termLimitAreas.set(term.term, suspension.area);
      if (sofar?.overYearLimit && yearLimitArea === null) yearLimitArea = suspension.area;
    });
  }
  return {
    suspensions: inYear,
    exclusions,
    trigger: trigger && reaching ? { on: trigger.thresholdReachedOn, area: reaching.area } : null,
    termLimitAreas,
    yearLimitArea,
  };
}

/** One child's figures for the school year in one area as of asOf; null when nothing counts there. */
function toItem(
  child: { child_id: string; area: string; school: string | null },
  year: ChildYear,
  schoolYear: number,
  config: InclusionConfig,
): SuspensionItem | null {
  const here = year.suspensions.filter((s) => s.area === child.area);
  const permanentExclusions = year.exclusions.filter((x) => x.area === child.area).length;
  const figures = summariseSchoolYears(here, config).find((y) => y.schoolYear === schoolYear);
  if (figures === undefined && permanentExclusions === 0) return null;
  const term = (name: Term): TermFigures => {
    const t = figures?.terms.find((x) => x.term === name);
    return { count: t?.suspensionCount ?? 0, days: t?.suspensionDays ?? 0 };
  };
  return {
    childId: child.child_id,
    area: child.area,
    school: child.school,
    schoolYear,
    suspensionCount: figures?.suspensionCount ?? 0,
    suspensionDays: figures?.suspensionDays ?? 0,
    terms: { autumn: term('autumn'), spring: term('spring'), summer: term('summer') },
    overTermLimit: [...year.termLimitAreas.values()].includes(child.area),
    overYearLimit: year.yearLimitArea === child.area,
    triggeredOn: year.trigger?.area === child.area ? year.trigger.on : null,
    permanentExclusions,
  };
}

function totalsOf(items: readonly SuspensionItem[]): SuspensionTotals {
  let days = 0;
  const totals = { childrenSuspended: 0, suspensions: 0, triggers: 0, overTermLimit: 0, overYearLimit: 0, permanentExclusions: 0 };
  // a child who moved during the year has an item per area but is one child suspended
  totals.childrenSuspended = new Set(items.filter((item) => item.suspensionCount > 0).map((item) => item.childId)).size;
  for (const item of items) {
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

export const SUSPENSION_CSV_COLUMNS: readonly CsvColumn<SuspensionItem>[] = [
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
