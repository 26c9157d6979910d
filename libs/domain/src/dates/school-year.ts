import type { LocalDate } from '../events';
import { compareDates, isValidLocalDate, localDate, monthNumberOf, yearOf } from './local-date';

/**
 * School years and terms (docs/domain-rules.md §6; DfE suspension and permanent exclusion guidance).
 * School year N runs from 1 September N to 31 August N+1, so `schoolYear=2024` is 2024/25.
 */
export type Term = 'autumn' | 'spring' | 'summer';
export const TERMS: readonly Term[] = ['autumn', 'spring', 'summer'];

/** The first day of a term, as `MM-DD` in the spring/summer calendar year (January–August). */
export type MonthDay = string;

/**
 * Term boundaries, configurable per LA. Autumn always starts on 1 September (the school year's
 * first day); spring and summer start on the given `MM-DD` (January–August) of the second calendar
 * year of the school year. `years` overrides the boundaries for a particular school year with
 * real dates (e.g. Easter-dependent summer terms).
 * Default (docs/domain-rules.md §6): autumn 1 Sep–31 Dec, spring 1 Jan–31 Mar, summer 1 Apr–31 Aug.
 */
export interface TermConfig {
  readonly springStarts: MonthDay;
  readonly summerStarts: MonthDay;
  readonly years?: Readonly<Record<number, { readonly springStarts: LocalDate; readonly summerStarts: LocalDate }>>;
}

export const DEFAULT_TERM_CONFIG: TermConfig = { springStarts: '01-01', summerStarts: '04-01' };

/** 2024 for any date from 2024-09-01 to 2025-08-31. */
export function schoolYearOf(d: LocalDate): number {
  const year = yearOf(d);
  return monthNumberOf(d) >= 9 ? year : year - 1;
}

export function schoolYearStart(schoolYear: number): LocalDate {
  return localDate(schoolYear, 9, 1);
}

export function schoolYearEnd(schoolYear: number): LocalDate {
  return localDate(schoolYear + 1, 8, 31);
}

function boundary(schoolYear: number, monthDay: MonthDay): LocalDate {
  const d = `${String(schoolYear + 1).padStart(4, '0')}-${monthDay}`;
  if (!isValidLocalDate(d) || monthNumberOf(d) > 8) {
    throw new RangeError(`Term start must be an MM-DD from January to August, got ${monthDay}`);
  }
  return d;
}

/** The school year and term a date falls in. */
export function termOf(d: LocalDate, terms: TermConfig = DEFAULT_TERM_CONFIG): { schoolYear: number; term: Term } {
  const schoolYear = schoolYearOf(d);
  const override = terms.years?.[schoolYear];
  const springStarts = override?.springStarts ?? boundary(schoolYear, terms.springStarts);
  const summerStarts = override?.summerStarts ?? boundary(schoolYear, terms.summerStarts);
  if (compareDates(d, springStarts) < 0) return { schoolYear, term: 'autumn' };
  if (compareDates(d, summerStarts) < 0) return { schoolYear, term: 'spring' };
  return { schoolYear, term: 'summer' };
}
