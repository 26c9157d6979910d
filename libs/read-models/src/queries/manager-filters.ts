import type { LocalDate } from '@sj/domain';
import type { ReadModelSql, SqlParams } from '../sql/read-model-sql';

/** The filters every managers' query takes (README.md): a child's area, school and caseworker, from rm_children. */
export interface ChildFilters {
  readonly area?: string;
  /** Only children in one of these areas (the caller's areas); an empty list matches nobody. */
  readonly areas?: readonly string[];
  readonly school?: string;
  readonly caseworker?: string;
}

export interface PageRequest {
  /** 1-based. */
  readonly page: number;
  readonly pageSize: number;
}

export interface Page<T> {
  readonly items: T[];
  readonly page: number;
  readonly pageSize: number;
  readonly total: number;
  readonly asOf: LocalDate;
}

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 500;
/** A CSV export is the whole filtered table, up to this many rows. */
export const MAX_CSV_ROWS = 100_000;

/**
 * `AND` conditions on the child's current school and caseworker (rm_children, aliased `alias`). The area is
 * not among them: an area is a matter of dates (see `areaFilterSql`).
 */
export function childFilterSql(filters: ChildFilters, alias: string): { sql: string; params: SqlParams } {
  const conditions: string[] = [];
  const params: Record<string, string> = {};
  for (const key of ['school', 'caseworker'] as const) {
    const value = filters[key];
    if (value === undefined) continue;
    conditions.push(`${alias}.${key} = @${key}`);
    params[key] = value;
  }
  return { sql: conditions.map((c) => ` AND ${c}`).join(''), params };
}

/**
 * `AND` conditions on the area a figure belongs to (`column`: the area of the child on the date that
 * matters for the figure, docs/domain-rules.md §6): the `area` filter and the caller's areas.
 */
export function areaFilterSql(filters: ChildFilters, column: string): { sql: string; params: SqlParams } {
  const conditions: string[] = [];
  const params: Record<string, string> = {};
  if (filters.area !== undefined) {
    conditions.push(`${column} = @area`);
    params.area = filters.area;
  }
  if (filters.areas !== undefined) {
    const names = filters.areas.map((area, i) => {
      params[`scopeArea${i}`] = area;
      return `@scopeArea${i}`;
    });
    conditions.push(names.length === 0 ? '1 = 0' : `${column} IN (${names.join(', ')})`);
  }
  return { sql: conditions.map((c) => ` AND ${c}`).join(''), params };
}

/** Whether a query must look up the area of each candidate row's date at all. */
export function filtersByArea(filters: ChildFilters): boolean {
  return filters.area !== undefined || filters.areas !== undefined;
}

export function pageOf<T>(all: readonly T[], request: PageRequest, asOf: LocalDate): Page<T> {
  const start = (request.page - 1) * request.pageSize;
  return { items: all.slice(start, start + request.pageSize), page: request.page, pageSize: request.pageSize, total: all.length, asOf };
}

/**
 * Every area any child has lived in, one index seek per area (rm_child_areas_by_area): a handful of areas
 * among a hundred thousand periods, where DISTINCT would read every entry.
 */
const AREAS_PRESENT = `
  WITH RECURSIVE present(area) AS (
    SELECT min(area) FROM rm_child_areas
    UNION ALL
    SELECT (SELECT min(area) FROM rm_child_areas WHERE area > present.area) FROM present WHERE present.area IS NOT NULL
  )
  SELECT area FROM present WHERE area IS NOT NULL`;

/**
 * Runs a query with the caller's area scope dropped when it already covers every area any child has
 * ever lived in: the same answer, without a lookup of each candidate row's area. The caller runs both
 * reads in one snapshot, so no child in a new area can appear between them.
 */
export async function withinCallerScope<P extends ChildFilters, R>(
  sql: ReadModelSql,
  params: P,
  query: (sql: ReadModelSql, params: P) => Promise<R>,
): Promise<R> {
  const scope = params.areas;
  if (scope === undefined || !(await sql.hasTables('rm_child_areas'))) return query(sql, params);
  const present = (await sql.rows<{ area: string }>(AREAS_PRESENT)).filter(({ area }) => !scope.includes(area));
  if (present.length > 0) return query(sql, params);
  const { areas: _everyAreaPresent, ...unscoped } = params;
  return query(sql, unscoped as P);
}
