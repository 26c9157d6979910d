import { addMonths, localDate, monthNumberOf, summariseWaits, yearOf, daysInMonth, type LocalDate, type ReferralService } from '@sj/domain';
import { BEGINNING_OF_TIME, END_OF_TIME } from '../projections/end-of-time';
import { dayNumber } from '../projections/waiting-times.projection';
import type { ReadModelSql } from '../sql/read-model-sql';
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

/**
 * What the trend needs of each referral open during the window, as day numbers (raw arrays: tens of
 * thousands of rows), with the days the child was in the asked-for areas: a wait counts at a month end,
 * and a first appointment in its month, only if the child was in those areas on that day.
 */
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
 * ReferralClosed or not-accepted triage), summarised per area with the domain's `summariseWaits`,
 * and the waiting list, longest wait first. A wait open on asOf belongs to the area the child is in
 * on asOf (docs/domain-rules.md §6). The database counts the waiting referrals by area, service and
 * day received, so the summary reads a few hundred counts, not every referral; the page is the
 * first rows of the list in its order.
 */
export async function queryWaitingTimes(sql: ReadModelSql, params: WaitingTimesQueryParams): Promise<WaitingTimesResult> {
  const { asOf } = params;
  if (!(await sql.hasTables('rm_referrals', 'rm_children', 'rm_child_areas'))) return { ...pageOf([], params, asOf), summary: [] };
  const { children, childJoin, service, bind } = referralFilters(sql, params);
  const areas = areaFilterSql(params, AREA_ON_AS_OF);
  // a row is one stretch of waiting, so "waiting as of D" is waiting_from <= D < open_until (dates are ISO
  // strings: text order is date order; received_on <= waiting_from narrows the index range). A child without a
  // registration has no area, and no figure counts it.
  const waitingNow = `FROM rm_referrals r${childJoin}
       WHERE r.received_on <= @asOf AND r.open_until > @asOf AND r.waiting_from <= @asOf AND r.area IS NOT NULL${service}${areas.sql}${children.sql}`;
  const counts = await sql.arrays<WaitingCount>(
    `SELECT ${AREA_ON_AS_OF} AS area, r.service, r.received_day, count(*) ${waitingNow} GROUP BY 1, 2, 3`,
    {
      ...bind,
      ...areas.params,
    },
  );
  const total = counts.reduce((n, [, , , count]) => n + Number(count), 0);
  const offset = (params.page - 1) * params.pageSize;
  const page =
    offset >= total
      ? []
      : await sql.arrays<WaitingLine>(
          `SELECT ${AREA_ON_AS_OF} AS area, r.service, r.received_day, r.child_id, r.referral_id, r.received_on, r.pre_assessment_started_on, r.triaged_on ${waitingNow}
           ORDER BY r.received_on, r.child_id, r.referral_id LIMIT @limit OFFSET @offset`,
          { ...bind, ...areas.params, limit: params.pageSize, offset },
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
 * `GET /waiting-times/trend`: for each of the twelve months ending with asOf's month, who was waiting
 * at its end (count and median wait) and who was first seen in it (count and median wait). Kept apart
 * from the list because it reads every referral open during the year, not just those open today.
 * With an area filter, a wait counts at a month end in the area the child was in on that day, and a
 * first appointment in the area of its date (docs/domain-rules.md §6).
 */
export async function queryWaitingTrend(sql: ReadModelSql, params: WaitingTrendQueryParams): Promise<WaitingTrendResult> {
  const { asOf } = params;
  const monthEnds = trendMonthEnds(asOf);
  const result = (months: WaitingTrendMonth[]): WaitingTrendResult => ({ asOf, service: params.service ?? null, months });
  if (!(await sql.hasTables('rm_referrals', 'rm_children', 'rm_child_areas'))) return result(monthEnds.map((e) => emptyMonth(e)));
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
  return result(monthEnds.map((end) => trendMonth(trendRows, end)));
}

function stageOf(r: { service: ReferralService; pre_assessment_started_on: string | null; triaged_on: string | null }, asOf: LocalDate): string {
  if (r.service !== 'autism-assessment') return 'awaiting first appointment';
  if (r.triaged_on !== null && r.triaged_on <= asOf) return 'awaiting initial appointment';
  if (r.pre_assessment_started_on !== null && r.pre_assessment_started_on <= asOf) return 'awaiting MDT triage';
  return 'awaiting pre-assessment';
}

/** Per area and service, the domain's summary of the waits the counts stand for. */
function summarise(counts: readonly WaitingCount[], asOfDay: number): WaitingSummary[] {
  const groups = new Map<string, { area: string; service: ReferralService; days: number[] }>();
  for (const [area, service, receivedDay, count] of counts) {
    const key = `${area}\u0000${service}`;
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { area, service, days: [] }));
    for (let n = Number(count); n > 0; n--) group.days.push(asOfDay - receivedDay);
  }
  return [...groups.values()]
    .map(({ area, service, days }) => {
      const { count, median, p90, longest } = summariseWaits(days);
      return { area, service, waiting: count, median, p90, longest };
    })
    .sort((a, b) => (a.area < b.area ? -1 : a.area > b.area ? 1 : a.service < b.service ? -1 : a.service > b.service ? 1 : 0));
}

function trendMonth(rows: readonly TrendRow[], measuredOn: LocalDate): WaitingTrendMonth {
  const end = dayNumber(measuredOn);
  const monthStart = dayNumber(firstDayOfMonth(measuredOn));
  const waits: number[] = [];
  const seenWaits: number[] = [];
  for (const [receivedDay, waitingFromDay, openUntilDay, seenDay, inAreaFrom, inAreaUntil] of rows) {
    // waiting at the month end: in this stretch of waiting then (open_until is the first day it no longer waits)
    if (waitingFromDay <= end && openUntilDay > end && inAreaFrom <= end && end < inAreaUntil) waits.push(end - receivedDay);
    if (seenDay !== null && seenDay >= monthStart && seenDay <= end && inAreaFrom <= seenDay && seenDay < inAreaUntil)
      seenWaits.push(seenDay - receivedDay);
  }
  const waiting = summariseWaits(waits);
  const seen = summariseWaits(seenWaits);
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
