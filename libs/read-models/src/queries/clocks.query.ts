import { addDays, clockStatus, DEFAULT_CLOCK_CONFIG, type ClockName, type ClockStatus, type ClockView, type LocalDate } from '@sj/domain';
import { END_OF_TIME } from '../projections/end-of-time';
import type { ReadModelSql } from '../sql/read-model-sql';
import {
  areaFilterSql,
  areaOnDateJoin,
  childFilterSql,
  filtersByArea,
  pageOf,
  type ChildFilters,
  type Page,
  type PageRequest,
} from './manager-filters';
import type { CsvColumn } from './to-csv';

export const CLOCK_STATUSES: readonly ClockStatus[] = ['running', 'due-soon', 'breached', 'met', 'met-late', 'excepted', 'closed'];

export interface ClocksQueryParams extends ChildFilters, PageRequest {
  readonly asOf: LocalDate;
  /** Any of these statuses; every status when absent or empty. */
  readonly statuses?: readonly ClockStatus[];
  readonly clock?: ClockName;
  /** true: only clocks with daysOverdue > 0 as of asOf (breached, met late, closed after their due date); false: only those without. */
  readonly overdue?: boolean;
  readonly warningWindowDays?: number;
}

/**
 * A clock of a named child, as `GET /clocks` lists it: the domain's view of it, with the area it counts in
 * (where the child was on its stop or close date, or on asOf while it is open: docs/domain-rules.md §6) and the
 * child's current school and caseworker.
 */
export interface ClockItem extends Pick<
  ClockView,
  'clock' | 'key' | 'startedOn' | 'dueOn' | 'stoppedOn' | 'status' | 'daysOverdue' | 'requestId' | 'referralId' | 'adviceId' | 'exception' | 'flags'
> {
  readonly childId: string;
  readonly area: string;
  /** When a closed clock stopped applying (a closed clock can still be overdue: closed after its due date). */
  readonly closedOn?: LocalDate;
  readonly school: string | null;
  readonly caseworker: string | null;
}

/**
 * What the status pass reads for every candidate (from the covering index rm_clocks_status), as raw arrays:
 * at a million events a status pass reads ten thousand rows, and objects cost twice the time of arrays.
 */
type StatusRow = [
  childId: string,
  clock: ClockName,
  key: string,
  dueOn: string | null,
  stoppedOn: string | null,
  closedOn: string | null,
  exceptedOn: string | null,
];

interface DetailRow {
  child_id: string;
  clock: string;
  clock_key: string;
  area: string;
  school: string | null;
  caseworker: string | null;
  started_on: string;
  exception: string | null;
  request_id: string | null;
  referral_id: string | null;
  advice_id: string | null;
  flags: string | null;
}

interface Judged {
  readonly row: StatusRow;
  readonly status: ClockStatus;
  readonly daysOverdue: number;
}

/**
 * SQL conditions each status NEEDS, so an index narrows the rows the domain's `clockStatus` then
 * judges. They never decide a status: a row that passes is kept only if `clockStatus` says so, so
 * the rule itself lives in one place, the domain. Each is only what the status cannot do without,
 * whatever the precedence between stop, close and exception (docs/domain-rules.md §4.3: an exception
 * also applies to a clock that stops after it, in time or late, so `excepted` does not need the clock open).
 * `open` is the SQL for "open as of asOf" (neither stopped nor closed by then): see OPEN_RANGES.
 */
const necessary = (open: string): Record<ClockStatus, string> => ({
  running: open,
  'due-soon': `${open} AND c.due_on >= @asOf AND c.due_on <= @warningEnd`,
  breached: `${open} AND c.due_on < @asOf AND (c.excepted_on IS NULL OR c.excepted_on > @asOf)`,
  excepted: 'c.excepted_on <= @asOf',
  met: 'c.stopped_on <= @asOf',
  'met-late': 'c.stopped_on <= @asOf AND c.stopped_on > c.due_on',
  closed: 'c.closed_on <= @asOf',
});
/**
 * What daysOverdue > 0 needs: open past the due date, or stopped or closed after it (a clock closed
 * after its due date keeps its days overdue: docs/domain-rules.md §2).
 */
const overdue = (open: string): string =>
  `(${open} AND c.due_on < @asOf) OR (c.stopped_on <= @asOf AND c.stopped_on > c.due_on) OR (c.closed_on <= @asOf AND c.closed_on > c.due_on)`;

/**
 * "Open as of asOf" is `open_until > asOf`, asked as "still open today, or closing between asOf and today" so the
 * index can seek to open_until = END_OF_TIME and read only the due dates wanted. SQLite reads both ranges of the OR
 * from the covering index; PostgreSQL turns such an OR into a bitmap scan that visits the table, so there the
 * candidates are read as two queries appended, one per range, each answered from the index alone.
 */
const OPEN_RANGES = {
  together: [{ range: '', open: `(c.open_until = '${END_OF_TIME}' OR (c.open_until > @asOf AND c.open_until < '${END_OF_TIME}'))` }],
  apart: [
    { range: ` AND c.open_until = '${END_OF_TIME}'`, open: 'TRUE' },
    { range: ` AND c.open_until < '${END_OF_TIME}'`, open: 'c.open_until > @asOf' },
  ],
};

/** The day that decides a clock's area as of asOf: its stop or close date once it has one, else asOf. */
const areaDate = (sql: ReadModelSql): string => sql.dialect.least('c.open_until', '@asOf');

/**
 * `GET /clocks`: every clock started on or before asOf, its status as of asOf, filtered and paged,
 * most overdue first, then by due date. Two passes: judge every candidate from a covering index,
 * then read the details of the page's rows only.
 */
export async function queryClocks(sql: ReadModelSql, params: ClocksQueryParams): Promise<Page<ClockItem>> {
  if (!(await sql.hasTables('rm_clocks', 'rm_children', 'rm_child_areas'))) return pageOf([], params, params.asOf);
  const window = params.warningWindowDays ?? DEFAULT_CLOCK_CONFIG.warningWindowDays;
  const wanted = new Set(params.statuses?.length ? params.statuses : CLOCK_STATUSES);
  const children = childFilterSql(params, 'ch');
  const areas = areaFilterSql(params, 'a.area');
  // an ordered join keeps rm_clocks as the outer loop: starting from an area's children and looking up
  // each child's clocks is several times slower than filtering the (few) open clocks by child.
  const join =
    (filtersByArea(params) ? areaOnDateJoin(sql, 'a', 'c.child_id', areaDate(sql), true) : '') +
    (children.sql === '' ? '' : ` ${sql.dialect.orderedJoin} rm_children ch ON ch.child_id = c.child_id`);
  const byStatus = wanted.size !== CLOCK_STATUSES.length;
  const prefilter = (open: string): string =>
    (byStatus ? ` AND ((${[...wanted].map((s) => necessary(open)[s]).join(') OR (')}))` : '') +
    (params.overdue === true ? ` AND c.due_on IS NOT NULL AND (${overdue(open)})` : '');
  // split only where the open ranges matter: a query for every status reads every clock started by asOf anyway
  const ranges = sql.dialect.appendsOpenRanges && (byStatus || params.overdue === true) ? OPEN_RANGES.apart : OPEN_RANGES.together;
  const query = ranges
    .map(
      ({ range, open }) => `SELECT c.child_id, c.clock, c.clock_key, c.due_on, c.stopped_on, c.closed_on, c.excepted_on
       FROM rm_clocks c${join}
       WHERE c.started_on <= @asOf${range}${params.clock !== undefined ? ' AND c.clock = @clock' : ''}${areas.sql}${children.sql}${prefilter(open)}`,
    )
    .join('\n UNION ALL ');
  const candidates = await sql.arrays<StatusRow>(query, {
    asOf: params.asOf,
    ...(query.includes('@warningEnd') ? { warningEnd: addDays(params.asOf, window) } : {}),
    ...(params.clock !== undefined ? { clock: params.clock } : {}),
    ...areas.params,
    ...children.params,
  });

  // clockStatus is a pure function of these four dates (asOf and window fixed): thousands of open
  // clocks share a few hundred due dates, so each distinct combination is judged once.
  const verdicts = new Map<string, ReturnType<typeof clockStatus>>();
  const judged: Judged[] = [];
  for (const row of candidates) {
    const [, , , dueOn, stoppedOn, closedOn, exceptedOn] = row;
    const key = `${dueOn}|${stoppedOn}|${closedOn}|${exceptedOn}`;
    let verdict = verdicts.get(key);
    if (verdict === undefined) {
      verdict = clockStatus({ dueOn, stoppedOn, closedOn, exceptedOn }, params.asOf, window);
      verdicts.set(key, verdict);
    }
    if (!wanted.has(verdict.status)) continue;
    if (params.overdue !== undefined && verdict.daysOverdue > 0 !== params.overdue) continue;
    judged.push({ row, status: verdict.status, daysOverdue: verdict.daysOverdue });
  }
  judged.sort(mostOverdueFirst);
  const start = (params.page - 1) * params.pageSize;
  const onPage = judged.slice(start, start + params.pageSize);
  const details = await detailsOf(
    sql,
    onPage.map(({ row: [childId, clock, key] }) => [childId, clock, key] as const),
    params.asOf,
  );
  return {
    items: onPage.flatMap((j) => {
      const detail = details.get(keyOf(j.row[0], j.row[1], j.row[2]));
      return detail ? [toItem(j, detail, params.asOf)] : [];
    }),
    page: params.page,
    pageSize: params.pageSize,
    total: judged.length,
    asOf: params.asOf,
  };
}

const keyOf = (childId: string, clock: string, key: string): string => `${childId}\u0000${clock}\u0000${key}`;

/** The page's clocks by primary key, each with its area as of asOf and the child's school and caseworker. */
async function detailsOf(sql: ReadModelSql, keys: readonly (readonly [string, string, string])[], asOf: LocalDate): Promise<Map<string, DetailRow>> {
  if (keys.length === 0) return new Map();
  const wanted = sql.dialect.clockKeys(keys);
  const rows = await sql.rows<DetailRow>(
    `SELECT c.child_id, c.clock, c.clock_key, coalesce(a.area, ch.area) AS area, ch.school, ch.caseworker, c.started_on, c.exception, c.request_id,
            c.referral_id, c.advice_id, c.flags
     FROM ${wanted.sql} ${sql.dialect.orderedJoin} rm_clocks c ON c.child_id = k.child_id AND c.clock = k.clock AND c.clock_key = k.clock_key
     JOIN rm_children ch ON ch.child_id = c.child_id
     LEFT JOIN rm_child_areas a ON a.child_id = c.child_id AND a.from_on <= ${areaDate(sql)} AND a.until_on > ${areaDate(sql)}`,
    { ...wanted.params, asOf },
  );
  return new Map(rows.map((r) => [keyOf(r.child_id, r.clock, r.clock_key), r]));
}

function toItem({ row, status, daysOverdue }: Judged, detail: DetailRow, asOf: LocalDate): ClockItem {
  // a stop the clock has had by asOf, unless a close came first (then the clock is closed, not stopped)
  const [childId, clock, key, dueOn, stopped, closedOn] = row;
  const stoppedOn = stopped !== null && stopped <= asOf && status !== 'closed' ? stopped : null;
  return {
    childId,
    area: detail.area,
    school: detail.school,
    caseworker: detail.caseworker,
    clock,
    key,
    startedOn: detail.started_on,
    dueOn,
    stoppedOn,
    ...(status === 'closed' && closedOn !== null ? { closedOn } : {}),
    status,
    daysOverdue,
    ...(detail.request_id !== null ? { requestId: detail.request_id } : {}),
    ...(detail.referral_id !== null ? { referralId: detail.referral_id } : {}),
    ...(detail.advice_id !== null ? { adviceId: detail.advice_id } : {}),
    ...(detail.exception !== null ? { exception: detail.exception } : {}),
    ...(detail.flags !== null ? { flags: detail.flags.split(',') } : {}),
  };
}

/** Most overdue first, then earliest due (no due date last), then a stable order. */
function mostOverdueFirst(a: Judged, b: Judged): number {
  if (a.daysOverdue !== b.daysOverdue) return b.daysOverdue - a.daysOverdue;
  const [xChild, xClock, xKey, xDue] = a.row;
  const [yChild, yClock, yKey, yDue] = b.row;
  if (xDue !== yDue) return xDue === null ? 1 : yDue === null ? -1 : xDue < yDue ? -1 : 1;
  return compareText(xChild, yChild) || compareText(xClock, yClock) || compareText(xKey, yKey);
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export const CLOCK_CSV_COLUMNS: readonly CsvColumn<ClockItem>[] = [
  { header: 'childId', value: (r) => r.childId },
  { header: 'area', value: (r) => r.area },
  { header: 'school', value: (r) => r.school },
  { header: 'caseworker', value: (r) => r.caseworker },
  { header: 'clock', value: (r) => r.clock },
  { header: 'key', value: (r) => r.key },
  { header: 'startedOn', value: (r) => r.startedOn },
  { header: 'dueOn', value: (r) => r.dueOn },
  { header: 'stoppedOn', value: (r) => r.stoppedOn },
  { header: 'status', value: (r) => r.status },
  { header: 'daysOverdue', value: (r) => r.daysOverdue },
  { header: 'requestId', value: (r) => r.requestId },
  { header: 'referralId', value: (r) => r.referralId },
  { header: 'adviceId', value: (r) => r.adviceId },
  { header: 'exception', value: (r) => r.exception },
  { header: 'flags', value: (r) => r.flags?.join(';') },
  { header: 'closedOn', value: (r) => r.closedOn },
];
