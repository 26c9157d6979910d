import { addDays, clockStatus, DEFAULT_CLOCK_CONFIG, type ClockName, type ClockStatus, type ClockView, type LocalDate } from '@sj/domain';
import { END_OF_TIME } from '../projections/end-of-time';
import type { ClockKey, ReadModelSql, SqlParams } from '../sql/read-model-sql';
import { areaFilterSql, childFilterSql, filtersByArea, pageOf, type ChildFilters, type Page, type PageRequest } from './manager-filters';
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

/** What the details pass reads for each clock on the page, by primary key. */
interface DetailRow {
  child_id: string;
  clock: ClockName;
  clock_key: string;
  area: string;
  school: string | null;
  caseworker: string | null;
  started_on: string;
  due_on: string | null;
  stopped_on: string | null;
  closed_on: string | null;
  excepted_on: string | null;
  exception: string | null;
  request_id: string | null;
  referral_id: string | null;
  advice_id: string | null;
  flags: string | null;
}

/**
 * Each status as of asOf as conditions on a clock's stored dates: exactly the rows the domain's `clockStatus`
 * gives that status (docs/domain-rules.md §2 and §4.3), so an index narrows the rows, `count(*)` is the total and
 * ORDER BY … LIMIT is the page; only the page's rows are then judged by the domain, for what they show.
 * `open_until` is the first day a clock is no longer open (its stop or close date, the earlier of the two), so:
 * - ended by asOf: `open_until <= asOf`; it stopped (the step happened) when that day is its stop date, else it
 *   closed (a stop on the same day as a close counts as a stop);
 * - an exception dated on or before asOf applies unless the clock ended before the exception's date, and then
 *   shows `excepted`, or `closed` when the clock closed (reg 10(4));
 * - open as of asOf: `open_until > asOf`; its due date against asOf and the warning window decides the rest.
 * A date NULL in SQL makes a comparison unknown, never true: each condition is written so that unknown means no.
 */
const EXCEPTION_APPLIES = '(c.excepted_on <= @asOf AND c.open_until >= c.excepted_on)';
const NO_EXCEPTION_APPLIES = '(c.excepted_on IS NULL OR c.excepted_on > @asOf OR c.open_until < c.excepted_on)';
const STOPPED = '(c.open_until <= @asOf AND c.stopped_on = c.open_until)';
const CLOSED = '(c.open_until <= @asOf AND (c.stopped_on IS NULL OR c.stopped_on > c.open_until))';
/** Open as of asOf, no exception yet: the open statuses' common ground (an exception dated after asOf has not happened). */
const OPEN_UNEXCEPTED = '(c.excepted_on IS NULL OR c.excepted_on > @asOf)';
const OPEN = `c.open_until > @asOf AND ${OPEN_UNEXCEPTED}`;

const STATUS_CONDITIONS: Record<ClockStatus, string> = {
  breached: `${OPEN} AND c.due_on < @asOf`,
  'due-soon': `${OPEN} AND c.due_on >= @asOf AND c.due_on <= @warningEnd`,
  running: `${OPEN} AND (c.due_on IS NULL OR c.due_on > @warningEnd)`,
  met: `${STOPPED} AND ${NO_EXCEPTION_APPLIES} AND (c.due_on IS NULL OR c.stopped_on <= c.due_on)`,
  'met-late': `${STOPPED} AND ${NO_EXCEPTION_APPLIES} AND c.stopped_on > c.due_on`,
  excepted: `${EXCEPTION_APPLIES} AND (c.open_until > @asOf OR c.stopped_on = c.open_until)`,
  closed: CLOSED,
};

/** The open statuses in the order of their due dates: overdue ones (due before asOf) first. */
const OPEN_STATUSES: readonly ClockStatus[] = ['breached', 'due-soon', 'running'];
/** Statuses whose days overdue are always above 0, and those whose days overdue are always 0. */
const ALWAYS_OVERDUE: ReadonlySet<ClockStatus> = new Set(['breached', 'met-late']);
const NEVER_OVERDUE: ReadonlySet<ClockStatus> = new Set(['running', 'due-soon', 'met', 'excepted']);

/**
 * Days overdue as of asOf (what clockStatus gives): 0 without a due date or under an exception; for an ended clock
 * the days from its due date to its stop or close date; for an open one, the days from its due date to asOf.
 */
const daysOverdue = (sql: ReadModelSql): string => `CASE
    WHEN c.due_on IS NULL OR ${EXCEPTION_APPLIES} THEN 0
    WHEN c.open_until <= @asOf THEN CASE WHEN c.open_until > c.due_on THEN ${sql.dialect.daysFrom('c.due_on', 'c.open_until')} ELSE 0 END
    WHEN c.due_on < @asOf THEN ${sql.dialect.daysFrom('c.due_on', '@asOf')}
    ELSE 0 END`;

/**
 * The area a clock counts in as of asOf: where the child was on its stop or close date, or on asOf while it is open
 * (docs/domain-rules.md §6). The row carries the area of its `open_until` and the first day of it: from that day
 * on, the area as of any later asOf is that one; before it (asOf before the child's last move) the period holding
 * the day is looked up.
 */
const areaAsOf = (sql: ReadModelSql): string => {
  const day = sql.dialect.least('c.open_until', '@asOf');
  return `(CASE WHEN c.area_from <= @asOf THEN c.area
    ELSE (SELECT p.area FROM rm_child_areas p WHERE p.child_id = c.child_id AND p.from_on <= ${day} AND p.until_on > ${day} LIMIT 1) END)`;
};

/** "Open as of asOf" as two index ranges: still open today, and closing between asOf and today. */
const OPEN_RANGES = [`c.open_until = '${END_OF_TIME}'`, `c.open_until > @asOf AND c.open_until < '${END_OF_TIME}'`];

/** What the query is asked for, once the overdue filter has ruled out the statuses it never or always matches. */
function statusesAsked(params: ClocksQueryParams): { statuses: ClockStatus[]; overdueCondition: boolean } {
  const asked = params.statuses?.length ? CLOCK_STATUSES.filter((s) => params.statuses?.includes(s)) : [...CLOCK_STATUSES];
  if (params.overdue === undefined) return { statuses: asked, overdueCondition: false };
  const ruledOut = params.overdue ? NEVER_OVERDUE : ALWAYS_OVERDUE;
  const statuses = asked.filter((s) => !ruledOut.has(s));
  // only a closed clock may or may not be overdue: it closed before or after its due date
  return { statuses, overdueCondition: statuses.includes('closed') };
}

/**
 * The due dates of the asked-for open statuses: a range when they are neighbours in due-date order (breached,
 * due-soon, running), so the index reads only them, in order.
 */
function dueRange(statuses: readonly ClockStatus[]): { sql: string; undated: boolean } {
  const has = (s: ClockStatus) => statuses.includes(s);
  if (has('breached') && has('running') && !has('due-soon'))
    return { sql: ' AND (c.due_on < @asOf OR c.due_on > @warningEnd OR c.due_on IS NULL)', undated: true };
  const lower = has('breached') ? null : has('due-soon') ? 'c.due_on >= @asOf' : 'c.due_on > @warningEnd';
  const upper = has('running') ? null : has('due-soon') ? 'c.due_on <= @warningEnd' : 'c.due_on < @asOf';
  const undated = has('running');
  if (lower === null) return { sql: upper === null ? '' : ` AND ${upper}`, undated };
  return { sql: ` AND ${upper === null ? (undated ? `(${lower} OR c.due_on IS NULL)` : lower) : `${lower} AND ${upper}`}`, undated };
}

/**
 * `GET /clocks`: every clock started on or before asOf, its status as of asOf, filtered and paged, most overdue
 * first, then by due date (none last), child, clock and key. The filters are range conditions on the stored dates
 * (see STATUS_CONDITIONS): the total is a count of the rows that meet them and the page the first rows in the
 * list's order, so only the page's clocks are read in full and judged by the domain.
 */
export async function queryClocks(sql: ReadModelSql, params: ClocksQueryParams): Promise<Page<ClockItem>> {
  if (!(await sql.hasTables('rm_clocks', 'rm_children', 'rm_child_areas'))) return pageOf([], params, params.asOf);
  const window = params.warningWindowDays ?? DEFAULT_CLOCK_CONFIG.warningWindowDays;
  const { statuses, overdueCondition } = statusesAsked(params);
  if (statuses.length === 0) return pageOf([], params, params.asOf);
  const children = childFilterSql(params, 'ch');
  const areas = filtersByArea(params) ? areaFilterSql(params, areaAsOf(sql)) : { sql: '', params: {} };
  const join = children.sql === '' ? '' : ` ${sql.dialect.orderedJoin} rm_children ch ON ch.child_id = c.child_id`;
  const filters = `c.started_on <= @asOf${params.clock !== undefined ? ' AND c.clock = @clock' : ''}${areas.sql}${children.sql}`;
  const bind = {
    asOf: params.asOf,
    warningEnd: addDays(params.asOf, window),
    ...(params.clock !== undefined ? { clock: params.clock } : {}),
    ...areas.params,
    ...children.params,
  };
  const page = { limit: params.pageSize, offset: (params.page - 1) * params.pageSize };

  let total: number;
  let keys: ClockKey[];
  if (statuses.every((s) => OPEN_STATUSES.includes(s))) {
    // Open clocks only: days overdue fall as due dates rise, so the list's order is the due date's, and the
    // index gives the rows in it. Each open range is one arm; the page merges the two.
    const due = dueRange(statuses);
    const arms = OPEN_RANGES.map(
      (range) =>
        `SELECT c.due_on AS due_on, c.child_id AS child_id, c.clock AS clock, c.clock_key AS clock_key FROM rm_clocks c${join} WHERE ${range} AND ${OPEN_UNEXCEPTED}${due.sql} AND ${filters}`,
    );
    total = await countOf(sql, arms, bind);
    // Each arm gives at most the rows up to the page's end, in the list's order: the still-open arm straight from the
    // index, so a page of breached clocks reads its own rows, not every breached clock (PostgreSQL sorted them all
    // to merge the arms). The merge then orders those few.
    const inOrder = (alias: string) =>
      `${due.undated ? sql.dialect.nullsLast(`${alias}.due_on`) : `${alias}.due_on`}, ${alias}.child_id, ${alias}.clock, ${alias}.clock_key`;
    const limited = arms.map((arm, i) => `SELECT * FROM (${arm} ORDER BY ${inOrder('c')} LIMIT @reach) a${i}`);
    keys = (
      await sql.arrays<[string | null, string, string, string]>(
        `SELECT * FROM (${limited.join(' UNION ALL ')}) u ORDER BY ${inOrder('u')} LIMIT @limit OFFSET @offset`,
        { ...bind, ...page, reach: page.offset + page.limit },
      )
    ).map(([, childId, clock, key]) => [childId, clock, key]);
  } else {
    const ended = statuses.every((s) => s === 'met' || s === 'met-late' || s === 'closed');
    const days = daysOverdue(sql);
    const where =
      `${filters}${ended ? ' AND c.open_until <= @asOf' : ''}` +
      (statuses.length === CLOCK_STATUSES.length ? '' : ` AND ((${statuses.map((s) => STATUS_CONDITIONS[s]).join(') OR (')}))`) +
      (overdueCondition ? ` AND (${days}) ${params.overdue ? '>' : '='} 0` : '');
    const from = `FROM rm_clocks c${join} WHERE ${where}`;
    total = await countOf(sql, [`SELECT 1 ${from}`], bind);
    keys = (
      await sql.arrays<[string, string, string, number]>(
        `SELECT c.child_id, c.clock, c.clock_key, ${days} AS days_overdue ${from}
         ORDER BY days_overdue DESC, ${sql.dialect.nullsLast('c.due_on')}, c.child_id, c.clock, c.clock_key LIMIT @limit OFFSET @offset`,
        { ...bind, ...page },
      )
    ).map(([childId, clock, key]) => [childId, clock, key]);
  }

  const details = await detailsOf(sql, keys, params.asOf);
  return {
    items: keys.flatMap(([childId, clock, key]) => {
      const detail = details.get(keyOf(childId, clock, key));
      return detail ? [toItem(detail, params.asOf, window)] : [];
    }),
    page: params.page,
    pageSize: params.pageSize,
    total,
    asOf: params.asOf,
  };
}

async function countOf(sql: ReadModelSql, selects: readonly string[], bind: SqlParams): Promise<number> {
  const [[count]] = await sql.arrays<[number | string]>(`SELECT ${selects.map((s) => `(SELECT count(*) FROM (${s}) n)`).join(' + ')}`, bind);
  return Number(count);
}

const keyOf = (childId: string, clock: string, key: string): string => `${childId}\u0000${clock}\u0000${key}`;

/** The page's clocks by primary key, each with its area as of asOf and the child's school and caseworker. */
async function detailsOf(sql: ReadModelSql, keys: readonly ClockKey[], asOf: LocalDate): Promise<Map<string, DetailRow>> {
  if (keys.length === 0) return new Map();
  const wanted = sql.dialect.clockKeys(keys);
  const rows = await sql.rows<DetailRow>(
    `SELECT c.child_id, c.clock, c.clock_key, coalesce(${areaAsOf(sql)}, ch.area) AS area, ch.school, ch.caseworker, c.started_on, c.due_on,
            c.stopped_on, c.closed_on, c.excepted_on, c.exception, c.request_id, c.referral_id, c.advice_id, c.flags
     FROM ${wanted.sql} ${sql.dialect.orderedJoin} rm_clocks c ON c.child_id = k.child_id AND c.clock = k.clock AND c.clock_key = k.clock_key
     JOIN rm_children ch ON ch.child_id = c.child_id`,
    { ...wanted.params, asOf },
  );
  return new Map(rows.map((r) => [keyOf(r.child_id, r.clock, r.clock_key), r]));
}

/** A clock on the page as the domain judges it as of asOf. */
function toItem(detail: DetailRow, asOf: LocalDate, window: number): ClockItem {
  const { due_on: dueOn, stopped_on: stopped, closed_on: closedOn } = detail;
  const { status, daysOverdue } = clockStatus({ dueOn, stoppedOn: stopped, closedOn, exceptedOn: detail.excepted_on }, asOf, window);
  // a stop the clock has had by asOf, unless a close came first (then the clock is closed, not stopped)
  const stoppedOn = stopped !== null && stopped <= asOf && status !== 'closed' ? stopped : null;
  return {
    childId: detail.child_id,
    area: detail.area,
    school: detail.school,
    caseworker: detail.caseworker,
    clock: detail.clock,
    key: detail.clock_key,
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
