import type { LocalDate } from '../events';
import { addDays, daysBetween, localDate } from '../dates';

/** 1 January 1970 was a Thursday: a date is a Thursday when it lies a whole number of weeks from it. */
const A_THURSDAY: LocalDate = '1970-01-01';

/**
 * The SEN2 census date for calendar year `year`: the third Thursday of January of `year` + 1, the day
 * the return's active plans are counted on (docs/domain-rules.md §7; 15 January 2026, 21 January 2027).
 */
export function sen2CensusDate(year: number): LocalDate {
  const first = localDate(year + 1, 1, 1);
  const toThursday = ((-daysBetween(A_THURSDAY, first) % 7) + 7) % 7;
  return addDays(first, toThursday + 14);
}

/** The calendar year the return covers: 1 January to 31 December of `year`. */
export function sen2Period(year: number): { readonly from: LocalDate; readonly to: LocalDate; readonly census: LocalDate } {
  return { from: localDate(year, 1, 1), to: localDate(year, 12, 31), census: sen2CensusDate(year) };
}
