import type { LocalDate } from '../events';

/**
 * Calendar arithmetic on `YYYY-MM-DD` strings (docs/domain-rules.md §2), UTC only.
 *
 * Every statutory time limit in the SEND Regulations 2014 counts calendar days: there is no
 * roll-forward for weekends or bank holidays, so nothing here knows about working days.
 * Dates are converted to a whole-day number (days since 1970-01-01) and back by arithmetic; no local
 * time zone or clock is ever read.
 */

const LOCAL_DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

interface Ymd {
  readonly year: number;
  readonly month: number; // 1..12
  readonly day: number; // 1..31
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Strict `YYYY-MM-DD` naming a real calendar date (year 0001–9999): `2023-02-29` is not one. */
export function isValidLocalDate(s: unknown): s is LocalDate {
  if (typeof s !== 'string') return false;
  const m = LOCAL_DATE_PATTERN.exec(s);
  if (!m) return false;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** Reads the digits directly (no regular expression): every date computation starts here. */
function parse(d: LocalDate): Ymd {
  if (d.length === 10 && d.charCodeAt(4) === DASH && d.charCodeAt(7) === DASH) {
    const year = digits(d, 0, 4);
    const month = digits(d, 5, 7);
    const day = digits(d, 8, 10);
    if (year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month)) return { year, month, day };
  }
  throw new RangeError(`Not a valid YYYY-MM-DD date: ${d}`);
}

const DASH = 45;
const ZERO = 48;

/** The number written by the decimal digits d[from..to), or NaN when any is not a digit. */
function digits(d: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const digit = d.charCodeAt(i) - ZERO;
    if (digit < 0 || digit > 9) return NaN;
    n = n * 10 + digit;
  }
  return n;
}

function format({ year, month, day }: Ymd): LocalDate {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * Days since 1970-01-01 in the proleptic Gregorian calendar, by arithmetic on the year, month and day (the
 * "days from civil" method): every clock computes dates this way many times per journey, and building Date
 * objects for it was most of the cost of a fold.
 */
function toDayNumber(d: LocalDate): number {
  const { year, month, day } = parse(d);
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

function fromDayNumber(n: number): LocalDate {
  const z = n + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return format({ year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day });
}

function assertInteger(n: number, what: string): void {
  if (!Number.isInteger(n)) throw new RangeError(`${what} must be a whole number, got ${n}`);
}

/** d + n calendar days (n may be negative). */
export function addDays(d: LocalDate, n: number): LocalDate {
  assertInteger(n, 'days');
  return fromDayNumber(toDayNumber(d) + n);
}

/** "Within N weeks of D": D + 7·N calendar days, the same weekday N weeks later. */
export function addWeeks(d: LocalDate, n: number): LocalDate {
  assertInteger(n, 'weeks');
  return addDays(d, 7 * n);
}

/**
 * "Within N months of D": the same day-of-month N months later, or that month's last day when
 * the day does not exist (31 Aug + 3 months = 30 Nov; 31 Jan + 1 month = 28 or 29 Feb).
 * n may be negative (the same clamping applies).
 */
export function addMonths(d: LocalDate, n: number): LocalDate {
  assertInteger(n, 'months');
  const { year, month, day } = parse(d);
  const zeroBased = year * 12 + (month - 1) + n;
  const y = Math.floor(zeroBased / 12);
  const m = zeroBased - y * 12 + 1;
  return format({ year: y, month: m, day: Math.min(day, daysInMonth(y, m)) });
}

/**
 * The last day of "a period of N months starting with D" (CFA 2014 s.44(1) for annual reviews):
 * D is day 1, so the period ends the day before the N-month anniversary: addMonths(D, N) − 1 day.
 * Where the anniversary does not exist (D = 29 February, 31 January + 1 month), the period runs to the
 * end of the month it would have fallen in: 2024-02-29 starts a 12-month period ending 2025-02-28
 * (docs/domain-rules.md §2).
 */
export function periodOfMonthsEnd(d: LocalDate, n: number): LocalDate {
  const anniversary = addMonths(d, n);
  return parse(anniversary).day === parse(d).day ? addDays(anniversary, -1) : anniversary;
}

/** Whole calendar days from `from` to `to`: positive when `to` is later. */
export function daysBetween(from: LocalDate, to: LocalDate): number {
  return toDayNumber(to) - toDayNumber(from);
}

/**
 * Negative, zero or positive, like a sort comparator. A LocalDate is fixed-width `YYYY-MM-DD`, checked where it
 * enters the engine, so its text order is its date order: the comparison every fold and sort makes millions of
 * times needs no parsing.
 */
export function compareDates(a: LocalDate, b: LocalDate): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function minDate(a: LocalDate, b: LocalDate): LocalDate {
  return compareDates(a, b) <= 0 ? a : b;
}

export function maxDate(a: LocalDate, b: LocalDate): LocalDate {
  return compareDates(a, b) >= 0 ? a : b;
}

/** `YYYY-MM` of a date (used to group reports by month). */
export function monthOf(d: LocalDate): string {
  parse(d);
  return d.slice(0, 7);
}

/** A date from its parts; throws when they do not name a real date. */
export function localDate(year: number, month: number, day: number): LocalDate {
  const d = format({ year, month, day });
  parse(d);
  return d;
}

export function yearOf(d: LocalDate): number {
  return parse(d).year;
}

export function monthNumberOf(d: LocalDate): number {
  return parse(d).month;
}
