import type { LocalDate } from '@sj/domain';
import type { ReadModelDb } from '../read-model.database';

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

/** `AND` conditions on rm_children (aliased `alias`) and their named parameters. */
export function childFilterSql(filters: ChildFilters, alias: string): { sql: string; params: Record<string, string> } {
  const conditions: string[] = [];
  const params: Record<string, string> = {};
  for (const key of ['area', 'school', 'caseworker'] as const) {
    const value = filters[key];
    if (value === undefined) continue;
    conditions.push(`${alias}.${key} = @${key}`);
    params[key] = value;
  }
  if (filters.areas !== undefined) {
    const names = filters.areas.map((area, i) => {
      params[`scopeArea${i}`] = area;
      return `@scopeArea${i}`;
    });
    conditions.push(names.length === 0 ? '0' : `${alias}.area IN (${names.join(', ')})`);
  }
  return { sql: conditions.map((c) => ` AND ${c}`).join(''), params };
}

export function pageOf<T>(all: readonly T[], request: PageRequest, asOf: LocalDate): Page<T> {
  const start = (request.page - 1) * request.pageSize;
  return { items: all.slice(start, start + request.pageSize), page: request.page, pageSize: request.pageSize, total: all.length, asOf };
}

/** True once the read-model tables a query needs exist (the worker creates them on its first start). */
export function hasTables(db: ReadModelDb, ...tables: string[]): boolean {
  const found = db
    .prepare(`SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'table' AND name IN (${tables.map(() => '?').join(', ')})`)
    .get(...tables) as { n: number };
  return found.n === tables.length;
}

/**
 * Runs a query with the caller's area scope dropped when it already covers every area that has a
 * child: the same answer, without a lookup of each candidate row's child. Both reads share one read
 * transaction, so no child in a new area can appear between them.
 */
export function withinCallerScope<P extends ChildFilters, R>(db: ReadModelDb, params: P, query: (db: ReadModelDb, params: P) => R): R {
  return db.transaction(() => {
    if (params.areas === undefined || !hasTables(db, 'rm_children')) return query(db, params);
    const present = (db.prepare('SELECT DISTINCT area FROM rm_children').pluck().all() as string[]).filter((area) => !params.areas!.includes(area));
    if (present.length > 0) return query(db, params);
    const { areas: _everyAreaPresent, ...unscoped } = params;
    return query(db, unscoped as P);
  })();
}
