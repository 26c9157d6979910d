import { addMonths, daysInMonth, localDate, monthNumberOf, REFERRAL_SERVICES, yearOf, type LocalDate, type ReferralService } from '@sj/domain';
import { BEGINNING_OF_TIME, END_OF_TIME } from '../projections/end-of-time';
import { WAITING_FIGURE_TABLES } from '../projections/waiting-figures.schema';
import { dayNumber } from '../projections/waiting-times.projection';
import type { ReadModelSql, SqlParams } from '../sql/read-model-sql';
import { countWait, summariseCountedWaits, type CountedWaits } from './counted-waits';
import { areaFilterSql, childFilterSql, filtersByArea, pageOf, type ChildFilters, type Page, type PageRequest } from './manager-filters';
import type { CsvColumn } from './to-csv';

export interface WaitingTimesQueryParams extends ChildFilters, PageRequest {
  readonly asOf: LocalDate;
  /** One service; every service when absent. */
  readonly service?: ReferralService;
}

/** Per area and service, the referrals still waiting as of asOf (docs/domain-rules.md §5). */
export interface WaitingSummary {
  readonly area: string;
  readonly service: ReferralService;
  readonly waiting: number;
  readonly median: number | null;
  readonly p90: number | null;
  readonly longest: number | null;
}

/** One month of the trend: who was waiting at its end (or at asOf, for the current month), and who was first seen in it. */
export interface WaitingTrendMonth {
  readonly month: string;
  readonly measuredOn: LocalDate;
  readonly waiting: number;
  readonly medianWaiting: number | null;
  readonly firstSeen: number;
  readonly medianWaitOfFirstSeen: number | null;
}

export interface WaitingItem {
  readonly childId: string;
  readonly area: string;
  readonly referralId: string;
  readonly service: ReferralService;
  readonly receivedOn: LocalDate;
  readonly daysWaited: number;
  readonly stage: string;
}

export interface WaitingTimesResult extends Page<WaitingItem> {
  readonly summary: WaitingSummary[];
}

export type WaitingTrendQueryParams = Omit<WaitingTimesQueryParams, keyof PageRequest>;

export interface WaitingTrendResult {
  readonly asOf: LocalDate;
  readonly service: ReferralService | null;
  readonly months: WaitingTrendMonth[];
}

/** A referral on the page of the waiting list: its area on asOf, and what the list shows. */
type WaitingLine = [
  area: string,
  service: ReferralService,
  receivedDay: number,
  childId: string,
  referralId: string,
  receivedOn: LocalDate,
  preAssessmentStartedOn: LocalDate | null,
  triagedOn: LocalDate | null,
];

/** How many referrals of one area and service, received on one day, are waiting as of asOf. */
type WaitingCount = [area: string, service: ReferralService, receivedDay: number, count: number | string];

/** What the row-by-row trend reads of each referral, as day numbers, with the days the child was in the asked-for areas. */
type TrendRow = [
  receivedDay: number,
  waitingFromDay: number,
  openUntilDay: number,
  seenDay: number | null,
  inAreaFromDay: number,
  inAreaUntilDay: number,
];

const TREND_MONTHS = 12;

/** Shared by the list and the trend: the child's school and caseworker, and the service. */
function referralFilters(sql: ReadModelSql, params: WaitingTrendQueryParams) {
  const children = childFilterSql(params, 'ch');
  const childJoin = children.sql === '' ? '' : ` ${sql.dialect.orderedJoin} rm_children ch ON ch.child_id = r.child_id`;
  const service = params.service !== undefined ? ' AND r.service = @service' : '';
  const bind = { asOf: params.asOf, ...(params.service !== undefined ? { service: params.service } : {}), ...children.params };
  return { children, childJoin, service, bind };
}

/**
 * The area a wait open on asOf counts in: the child's area on asOf (docs/domain-rules.md §6). The row carries the
 * area of its `open_until` and the first day of it: from that day on it is the area on any asOf the wait is open;
 * before it (asOf before the child's last move) the period holding asOf is looked up.
 */
const AREA_ON_AS_OF = `(CASE WHEN r.area_from <= @asOf THEN r.area
    ELSE (SELECT p.area FROM rm_child_areas p WHERE p.child_id = r.child_id AND p.from_on <= @asOf AND p.until_on > @asOf LIMIT 1) END)`;

/**
 * `GET /waiting-times`: waits so far of referrals received on or before asOf and neither seen nor
 * ended by then (the domain's `referralWait` rule: waiting until the first InitialAppointmentHeld,
 * ReferralClosed or not-accepted triage), summarised per area with the domain's figures (count, nearest-rank
 * median and p90, longest), and the waiting list, longest wait first. A wait open on asOf belongs to the area the
 * child is in on asOf (docs/domain-rules.md §6). The summary reads counts of the waiting referrals by area, service
 * and day received (kept by the database for open waits, see waiting-figures.schema.ts), not every referral; the
 * page is the first rows of the list in its order.
 */
export async function queryWaitingTimes(sql: ReadModelSql, params: WaitingTimesQueryParams): Promise<WaitingTimesResult> {
  const { asOf } = params;
  const figures = await sql.hasTables(...READ_TABLES, ...WAITING_FIGURE_TABLES);
  if (!figures && !(await sql.hasTables(...READ_TABLES))) return { ...pageOf([], params, asOf), summary: [] };
  const { children, childJoin, service, bind } = referralFilters(sql, params);
  const areas = areaFilterSql(params, AREA_ON_AS_OF);
  // a row is one stretch of waiting, so "waiting as of D" is waiting_from <= D < open_until (dates are ISO
  // strings: text order is date order). A child without a registration has no area, and no figure counts it. The
  // stretches still open and those ending after asOf are read apart: each is one range of rm_referrals_open, the
  // first in the list's order.
  const waiting = `FROM rm_referrals r${childJoin} WHERE r.waiting_from <= @asOf AND r.area IS NOT NULL${service}${areas.sql}${children.sql}`;
  const stillOpen = `${waiting} AND r.open_until = @endOfTime`;
  const endingAfter = `${waiting} AND r.open_until > @asOf AND r.open_until < @endOfTime`;
  const counts =
    figures && children.sql === ''
      ? await waitingCounts(sql, params)
      : await sql.arrays<WaitingCount>(
          `SELECT ${AREA_ON_AS_OF} AS area, r.service, r.received_day, count(*) ${waiting} AND r.open_until > @asOf GROUP BY 1, 2, 3`,
          { ...bind, ...areas.params },
        );
  const total = counts.reduce((n, [, , , count]) => n + Number(count), 0);
  const offset = (params.page - 1) * params.pageSize;
  // named, because a compound SELECT orders by its result columns' names, which a join to rm_children leaves ambiguous
  const line = `${AREA_ON_AS_OF} AS area, r.service, r.received_day, r.child_id AS child_id, r.referral_id AS referral_id, r.received_on AS received_on, r.pre_assessment_started_on, r.triaged_on`;
  const page =
    offset >= total
      ? []
      : await sql.arrays<WaitingLine>(
          `SELECT ${line} ${stillOpen} UNION ALL SELECT ${line} ${endingAfter}
           ORDER BY received_on, child_id, referral_id LIMIT @limit OFFSET @offset`,
          { ...bind, ...areas.params, endOfTime: END_OF_TIME, limit: params.pageSize, offset },
        );
  const asOfDay = dayNumber(asOf);
  const items = page.map(([area, service, receivedDay, childId, referralId, receivedOn, preAssessmentStartedOn, triagedOn]): WaitingItem => ({
    childId,
    area,
    referralId,
    service,
    receivedOn,
    daysWaited: asOfDay - receivedDay,
    stage: stageOf({ service, pre_assessment_started_on: preAssessmentStartedOn, triaged_on: triagedOn }, asOf),
  }));
  return { items, page: params.page, pageSize: params.pageSize, total, asOf, summary: summarise(counts, asOfDay) };
}

/**
 * How many referrals of each area, service and day received wait on asOf, from the kept counts of open stretches
 * (rm_waiting_open, in their area from area_from on), and from rm_referrals the rest: stretches ending after asOf,
 * and open stretches of a child who moved after asOf, whose area then is looked up.
 */
async function waitingCounts(sql: ReadModelSql, params: WaitingTimesQueryParams): Promise<WaitingCount[]> {
  const open = servicesSql(params, 'o.service');
  const openArea = areaFilterSql(params, 'o.area');
  const rows = servicesSql(params, 'r.service');
  const rowArea = areaFilterSql(params, AREA_ON_AS_OF);
  const waitingRows = `${rows.sql} AND r.waiting_from <= @asOf AND r.area IS NOT NULL${rowArea.sql}`;
  return sql.arrays<WaitingCount>(
    `SELECT o.area, o.service, o.received_day, sum(o.waiting) FROM rm_waiting_open o
       WHERE ${open.sql} AND o.area_from <= @asOf AND o.waiting_from_day <= @asOfDay${openArea.sql} GROUP BY o.area, o.service, o.received_day
     UNION ALL SELECT ${AREA_ON_AS_OF}, r.service, r.received_day, count(*) FROM rm_referrals r
       WHERE ${waitingRows} AND r.open_until > @asOf AND r.open_until < @endOfTime GROUP BY 1, 2, 3
     UNION ALL SELECT ${AREA_ON_AS_OF}, r.service, r.received_day, count(*) FROM rm_referrals r
       WHERE ${waitingRows} AND r.area_from > @asOf AND r.open_until_day = @endOfTimeDay GROUP BY 1, 2, 3`,
    {
      ...open.params,
      ...openArea.params,
      ...rows.params,
      ...rowArea.params,
      asOf: params.asOf,
      asOfDay: dayNumber(params.asOf),
      endOfTime: END_OF_TIME,
      endOfTimeDay: END_OF_TIME_DAY,
    },
  );
}

/**
 * `GET /waiting-times/trend`: for each of the twelve months ending with asOf's month, who was waiting
 * at its end (count and median wait) and who was first seen in it (count and median wait). With an area filter, a
 * wait counts at a month end in the area the child was in on that day, and a first appointment in the area of its
 * date (docs/domain-rules.md §6). The database keeps most of these figures as counts (waiting-figures.schema.ts):
 * the trend reads them and the few referrals they leave out. A school or caseworker filter is a child's current
 * detail, which the counts do not carry: then every referral open during the year is read.
 */
export async function queryWaitingTrend(sql: ReadModelSql, params: WaitingTrendQueryParams): Promise<WaitingTrendResult> {
  const { asOf } = params;
  const monthEnds = trendMonthEnds(asOf);
  const result = (months: WaitingTrendMonth[]): WaitingTrendResult => ({ asOf, service: params.service ?? null, months });
  const figures = await sql.hasTables(...READ_TABLES, ...WAITING_FIGURE_TABLES);
  if (!figures && !(await sql.hasTables(...READ_TABLES))) return result(monthEnds.map((e) => emptyMonth(e)));
  // a school or caseworker is a child's current detail, which the counts do not carry
  const fromCounts = figures && childFilterSql(params, 'ch').sql === '';
  const months = fromCounts ? await trendFromCounts(sql, params, monthEnds) : await trendFromRows(sql, params, monthEnds);
  return result(months.map(({ waits, seen }, i) => trendMonth(monthEnds[i], waits, seen)));
}

const READ_TABLES = ['rm_referrals', 'rm_children', 'rm_child_areas'];

/** One point of the trend as it is gathered: how many waited how many days, at its end and when first seen in it. */
interface TrendTally {
  readonly waits: Map<number, number>;
  readonly seen: Map<number, number>;
}

/** `service IN (…)`: one service, or every service, so the counts' keys are always searched from the service on. */
function servicesSql(params: WaitingTrendQueryParams, column: string): { sql: string; params: SqlParams } {
  const services = params.service !== undefined ? [params.service] : REFERRAL_SERVICES;
  const bind: Record<string, string> = {};
  const names = services.map((service, i) => {
    bind[`service${i}`] = service;
    return `@service${i}`;
  });
  return { sql: `${column} IN (${names.join(', ')})`, params: bind };
}

/** The month counts of the areas asked for, or those kept for every area together. */
function countsOfAreas(params: WaitingTrendQueryParams, alias: string): { sql: string; params: SqlParams } {
  if (!filtersByArea(params)) return { sql: ` AND ${alias}.every = 1 AND ${alias}.area = ''`, params: {} };
  const areas = areaFilterSql(params, `${alias}.area`);
  return { sql: ` AND ${alias}.every = 0${areas.sql}`, params: areas.params };
}

/**
 * The trend from the kept counts, and from rm_referrals only what they leave out: a month end is a figure of
 * stretches that had ended (rm_waiting_month_ends) plus those still open (rm_waiting_open); asOf, not a month end,
 * adds the stretches that end after it; first appointments are counted per month (rm_first_seen_months) except
 * those of asOf's own month. Without an area filter that is all, but for open stretches of children with no area.
 * With one, a child with no area, or whose last area period began inside the window, is judged row by row for the
 * month ends before that period (the area of each is looked up), and so are first appointments held once the wait
 * had ended.
 */
async function trendFromCounts(sql: ReadModelSql, params: WaitingTrendQueryParams, monthEnds: readonly LocalDate[]): Promise<TrendTally[]> {
  const { asOf } = params;
  const ends = monthEnds.map(dayNumber);
  const last = monthEnds.length - 1;
  const tallies: TrendTally[] = monthEnds.map(() => ({ waits: new Map(), seen: new Map() }));
  const trendStart = firstDayOfMonth(monthEnds[0]);
  const asOfMonthStart = firstDayOfMonth(asOf);
  const bind = { asOf, trendStart, asOfMonthStart, endOfTime: END_OF_TIME, endOfTimeDay: END_OF_TIME_DAY };
  const byArea = filtersByArea(params);

  // One statement, each part a kind of figure in the same shape [kind, label, a, b, count], a key's rows (one per
  // service and area asked for) added up here:
  // - ENDED: stretches that had ended, at the counted month ends (label the month end, a the day received);
  // - OPEN: open stretches (in an area: of children in it since the window's start; without one, also of children
  //   with no area), waiting at every point from their first day (a the first day waiting, b the day received);
  // - ENDING_AFTER: ended stretches (of the same children) still waiting on asOf, which is not a counted month end;
  // - SEEN: first appointments per month (label the month, a the days waited): counted for whole months, read for
  //   asOf's, and in an area also read when held once the wait had ended.
  const endIndex = new Map(monthEnds.map((end, i) => [end, i]));
  const monthIndex = new Map(monthEnds.map((end, i) => [end.slice(0, 7), i]));
  const ended = servicesSql(params, 'm.service');
  const endedArea = countsOfAreas(params, 'm');
  const open = servicesSql(params, 'o.service');
  const openArea = areaFilterSql(params, 'o.area');
  const openSettled = byArea ? ' AND o.area_from <= @trendStart' : '';
  const rows = servicesSql(params, 'r.service');
  const ownArea = areaFilterSql(params, 'r.area');
  const rowSettled = byArea ? ' AND r.area IS NOT NULL AND r.area_from <= @trendStart' : '';
  const seenCounts = servicesSql(params, 'f.service');
  const seenCountsArea = countsOfAreas(params, 'f');
  const seenArea = areaFilterSql(params, AREA_ON_FIRST_SEEN);
  const seenLine = `${SEEN}, substr(r.initial_appointment_on, 1, 7), r.seen_day - r.received_day, 0, count(*)`;
  const seenElsewhere = `UNION ALL SELECT ${seenLine} FROM rm_referrals r
       WHERE ${rows.sql} AND (seen_day <> open_until_day OR area IS NULL) AND r.initial_appointment_on >= @trendStart
         AND r.initial_appointment_on < @asOfMonthStart AND r.seen_day IS NOT NULL${seenArea.sql}
       GROUP BY 2, 3`;
  // without an area filter, open stretches of children with no area, which rm_waiting_open leaves out
  const withoutArea = `UNION ALL SELECT ${OPEN}, '', r.waiting_from_day, r.received_day, count(*) FROM rm_referrals r
       WHERE ${rows.sql} AND r.area_from IS NULL AND r.open_until_day = @endOfTimeDay GROUP BY r.waiting_from_day, r.received_day`;
  const figures = await sql.arrays<[kind: number, label: string, a: number, b: number, count: number | string]>(
    `SELECT ${ENDED}, m.month_end, m.received_day, 0, m.waiting FROM rm_waiting_month_ends m
       WHERE ${ended.sql} AND m.month_end >= @firstEnd AND m.month_end <= @lastFullEnd${endedArea.sql}
     UNION ALL SELECT ${OPEN}, '', o.waiting_from_day, o.received_day, sum(o.waiting) FROM rm_waiting_open o
       WHERE ${open.sql}${openSettled}${openArea.sql} GROUP BY o.waiting_from_day, o.received_day
     UNION ALL SELECT ${ENDING_AFTER}, '', r.received_day, 0, count(*) FROM rm_referrals r
       WHERE ${rows.sql} AND r.open_until > @asOf AND r.open_until < @endOfTime AND r.waiting_from <= @asOf${rowSettled}${ownArea.sql}
       GROUP BY r.received_day
     UNION ALL SELECT ${SEEN}, f.month, f.waited, 0, f.seen FROM rm_first_seen_months f
       WHERE ${seenCounts.sql} AND f.month >= @firstMonth AND f.month < @asOfMonth${seenCountsArea.sql}
     UNION ALL SELECT ${seenLine} FROM rm_referrals r
       WHERE ${rows.sql} AND r.initial_appointment_on >= @asOfMonthStart AND r.initial_appointment_on <= @asOf AND r.seen_day IS NOT NULL${seenArea.sql}
       GROUP BY 2, 3
     ${byArea ? seenElsewhere : withoutArea}`,
    {
      ...ended.params,
      ...endedArea.params,
      ...open.params,
      ...openArea.params,
      ...rows.params,
      ...ownArea.params,
      ...seenCounts.params,
      ...seenCountsArea.params,
      ...seenArea.params,
      ...bind,
      firstEnd: monthEnds[0],
      lastFullEnd: monthEnds[last - 1],
      firstMonth: trendStart.slice(0, 7),
      asOfMonth: asOf.slice(0, 7),
    },
  );
  for (const [kind, label, a, b, count] of figures) {
    const n = Number(count);
    if (kind === ENDED) {
      const i = endIndex.get(label);
      if (i !== undefined) countWait(tallies[i].waits, ends[i] - a, n);
    } else if (kind === OPEN) {
      ends.forEach((end, i) => {
        if (a <= end) countWait(tallies[i].waits, end - b, n);
      });
    } else if (kind === ENDING_AFTER) {
      countWait(tallies[last].waits, ends[last] - a, n);
    } else {
      const i = monthIndex.get(label);
      if (i !== undefined) countWait(tallies[i].seen, a, n);
    }
  }

  if (!byArea) return tallies;
  // With an area filter, the children in their last area period only since inside the window: each of their month
  // ends not counted above, in the area the child was in on that day (a child with no area is in none). Read by
  // rm_referrals_moved alone: a stretch whose area period began after the window's start is open in it.
  const periodArea = areaFilterSql(params, 'a.area');
  const days = new Map<LocalDate, number>();
  const dayOf = (date: LocalDate): number => {
    let day = days.get(date);
    if (day === undefined) days.set(date, (day = dayNumber(date)));
    return day;
  };
  for (const [receivedDay, waitingFromDay, openUntilDay, areaFrom, inAreaFrom, inAreaUntil] of await sql.arrays<
    [number, number, number, LocalDate, number, number]
  >(
    `SELECT r.received_day, r.waiting_from_day, r.open_until_day, r.area_from, a.from_day, a.until_day FROM rm_referrals r${movedChildPeriods(sql, periodArea.sql)}
     WHERE ${rows.sql} AND r.area_from > @trendStart`,
    { ...rows.params, ...periodArea.params, ...bind },
  )) {
    // the counts in an area hold an ended stretch's month ends from the first day of its area period on
    const countedFrom = openUntilDay !== END_OF_TIME_DAY ? dayOf(areaFrom) : undefined;
    ends.forEach((end, i) => {
      const counted = i < last && countedFrom !== undefined && end >= countedFrom;
      if (!counted && waitingFromDay <= end && end < openUntilDay && inAreaFrom <= end && end < inAreaUntil)
        countWait(tallies[i].waits, end - receivedDay, 1);
    });
  }
  return tallies;
}

/**
 * Joins each stretch `r` of a child who moved inside the window to that child's area periods overlapping the window, in
 * the areas `inAreas` (conditions on `a.area`) names. SQLite follows the ordered join from the stretches into each
 * child's periods by primary key. PostgreSQL's planner would hash every period of the areas instead, so it is given
 * only the areas' moves in the window (rm_child_areas_moved_in and _out): a moved child's periods that overlap the
 * window are those that began in it, or began before it and ended in it.
 */
function movedChildPeriods(sql: ReadModelSql, inAreas: string): string {
  if (sql.dialect.name === 'sqlite')
    return ` ${sql.dialect.orderedJoin} rm_child_areas a ON a.child_id = r.child_id AND a.from_on <= @asOf AND a.until_on > @trendStart${inAreas}`;
  return ` JOIN (SELECT a.child_id, a.from_day, a.until_day FROM rm_child_areas a WHERE a.from_on > @trendStart AND a.from_on <= @asOf${inAreas}
     UNION ALL SELECT a.child_id, a.from_day, a.until_day FROM rm_child_areas a
       WHERE a.until_on > @trendStart AND a.until_on < @endOfTime AND a.from_on <= @trendStart${inAreas}) a ON a.child_id = r.child_id`;
}

const ENDED = 0;
const OPEN = 1;
const ENDING_AFTER = 2;
const SEEN = 3;

/** A first appointment's area: its stretch's own when it ended the wait (the period holding open_until), else looked up. */
const AREA_ON_FIRST_SEEN = `(CASE WHEN r.seen_day = r.open_until_day AND r.area IS NOT NULL THEN r.area
    ELSE (SELECT p.area FROM rm_child_areas p WHERE p.child_id = r.child_id AND p.from_on <= r.initial_appointment_on
      AND p.until_on > r.initial_appointment_on LIMIT 1) END)`;

const END_OF_TIME_DAY = dayNumber(END_OF_TIME);

/**
 * The trend from the rows: every referral open during the window and every one first seen in it, as day numbers,
 * with the days the child was in the asked-for areas: a wait counts at a month end, and a first appointment in its
 * month, only if the child was in those areas on that day.
 */
async function trendFromRows(sql: ReadModelSql, params: WaitingTrendQueryParams, monthEnds: readonly LocalDate[]): Promise<TrendTally[]> {
  const { children, childJoin, service, bind } = referralFilters(sql, params);
  const whole = `${dayNumber(BEGINNING_OF_TIME)}, ${dayNumber(END_OF_TIME)}`;
  const columns = 'r.received_day, r.waiting_from_day, r.open_until_day, r.seen_day';
  const openInWindow = `r.received_on <= @asOf AND r.open_until >= @trendStart${service}${children.sql}`;
  const seenInWindow = `r.initial_appointment_on >= @trendStart AND r.initial_appointment_on <= @asOf AND r.open_until < @trendStart${service}${children.sql}`;
  const trendStart = firstDayOfMonth(monthEnds[0]);
  let query: string;
  let areaParams = {};
  if (!filtersByArea(params)) {
    // without an area filter, each referral once, as if in the area all along
    query = `SELECT ${columns}, ${whole} FROM rm_referrals r${childJoin} WHERE ${openInWindow}
      UNION ALL SELECT ${columns}, ${whole} FROM rm_referrals r${childJoin} WHERE ${seenInWindow}`;
  } else {
    // With an area filter, a stretch whose area period (the one holding its end) began by the window's start was in
    // that area at every month end it waited in the window, and on its first appointment when that ended it: its own
    // area decides, with no lookup. Any other is counted once per period the child spent in the areas asked for
    // during the window. The ordered join keeps rm_referrals (narrowed by its covering index) as the outer loop.
    const ownArea = areaFilterSql(params, 'r.area');
    const periodArea = areaFilterSql(params, 'a.area');
    areaParams = ownArea.params;
    const periods = ` ${sql.dialect.orderedJoin} rm_child_areas a ON a.child_id = r.child_id AND a.from_on <= @asOf AND a.until_on > @trendStart`;
    const settled = 'r.area_from <= @trendStart AND (r.seen_day IS NULL OR r.seen_day = r.open_until_day)';
    // exactly the other stretches, a missing area_from (no registration) among them: a NULL makes no condition true
    const unsettled = '(r.area_from IS NULL OR r.area_from > @trendStart OR r.seen_day <> r.open_until_day)';
    query = `SELECT ${columns}, ${whole} FROM rm_referrals r${childJoin} WHERE ${openInWindow} AND ${settled}${ownArea.sql}
      UNION ALL SELECT ${columns}, a.from_day, a.until_day FROM rm_referrals r${periods}${childJoin}
        WHERE ${openInWindow} AND ${unsettled}${periodArea.sql}
      UNION ALL SELECT ${columns}, a.from_day, a.until_day FROM rm_referrals r${periods}${childJoin} WHERE ${seenInWindow}${periodArea.sql}`;
  }
  const trendRows = await sql.arrays<TrendRow>(query, { ...bind, ...areaParams, trendStart });
  return monthEnds.map((measuredOn) => {
    const end = dayNumber(measuredOn);
    const monthStart = dayNumber(firstDayOfMonth(measuredOn));
    const month: TrendTally = { waits: new Map(), seen: new Map() };
    for (const [receivedDay, waitingFromDay, openUntilDay, seenDay, inAreaFrom, inAreaUntil] of trendRows) {
      // waiting at the month end: in this stretch of waiting then (open_until is the first day it no longer waits)
      if (waitingFromDay <= end && openUntilDay > end && inAreaFrom <= end && end < inAreaUntil) countWait(month.waits, end - receivedDay, 1);
      if (seenDay !== null && seenDay >= monthStart && seenDay <= end && inAreaFrom <= seenDay && seenDay < inAreaUntil)
        countWait(month.seen, seenDay - receivedDay, 1);
    }
    return month;
  });
}

function stageOf(r: { service: ReferralService; pre_assessment_started_on: string | null; triaged_on: string | null }, asOf: LocalDate): string {
  if (r.service !== 'autism-assessment') return 'awaiting first appointment';
  if (r.triaged_on !== null && r.triaged_on <= asOf) return 'awaiting initial appointment';
  if (r.pre_assessment_started_on !== null && r.pre_assessment_started_on <= asOf) return 'awaiting MDT triage';
  return 'awaiting pre-assessment';
}

/** Per area and service, the domain's summary of the waits the counts stand for. */
function summarise(counts: readonly WaitingCount[], asOfDay: number): WaitingSummary[] {
  const groups = new Map<string, { area: string; service: ReferralService; waits: Map<number, number> }>();
  for (const [area, service, receivedDay, count] of counts) {
    const key = `${area}\u0000${service}`;
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { area, service, waits: new Map() }));
    countWait(group.waits, asOfDay - receivedDay, Number(count));
  }
  return [...groups.values()]
    .map(({ area, service, waits }) => {
      const { count, median, p90, longest } = summariseCountedWaits(waits);
      return { area, service, waiting: count, median, p90, longest };
    })
    .sort((a, b) => (a.area < b.area ? -1 : a.area > b.area ? 1 : a.service < b.service ? -1 : a.service > b.service ? 1 : 0));
}

function trendMonth(measuredOn: LocalDate, waits: CountedWaits, seenWaits: CountedWaits): WaitingTrendMonth {
  const waiting = summariseCountedWaits(waits);
  const seen = summariseCountedWaits(seenWaits);
  return {
    month: measuredOn.slice(0, 7),
    measuredOn,
    waiting: waiting.count,
    medianWaiting: waiting.median,
    firstSeen: seen.count,
    medianWaitOfFirstSeen: seen.median,
  };
}

function emptyMonth(measuredOn: LocalDate): WaitingTrendMonth {
  return { month: measuredOn.slice(0, 7), measuredOn, waiting: 0, medianWaiting: null, firstSeen: 0, medianWaitOfFirstSeen: null };
}

/** The last day of each of the twelve months ending with asOf's month; asOf itself for that month. */
function trendMonthEnds(asOf: LocalDate): LocalDate[] {
  const ends: LocalDate[] = [];
  for (let back = TREND_MONTHS - 1; back >= 1; back--) {
    const d = addMonths(firstDayOfMonth(asOf), -back);
    ends.push(localDate(yearOf(d), monthNumberOf(d), daysInMonth(yearOf(d), monthNumberOf(d))));
  }
  ends.push(asOf);
  return ends;
}

function firstDayOfMonth(d: LocalDate): LocalDate {
  return `${d.slice(0, 7)}-01`;
}

export const WAITING_CSV_COLUMNS: readonly CsvColumn<WaitingItem>[] = [
  { header: 'childId', value: (r) => r.childId },
  { header: 'area', value: (r) => r.area },
  { header: 'referralId', value: (r) => r.referralId },
  { header: 'service', value: (r) => r.service },
  { header: 'receivedOn', value: (r) => r.receivedOn },
  { header: 'daysWaited', value: (r) => r.daysWaited },
  { header: 'stage', value: (r) => r.stage },
];
