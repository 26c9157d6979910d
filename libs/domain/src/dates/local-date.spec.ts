import fc from 'fast-check';
import { addDays, addMonths, addWeeks, compareDates, daysBetween, isValidLocalDate, periodOfMonthsEnd, schoolYearOf, termOf } from '.';

describe('local dates (docs/domain-rules.md §2)', () => {
  it('accepts only strict YYYY-MM-DD real calendar dates', () => {
    expect(isValidLocalDate('2024-02-29')).toBe(true); // 2024 is a leap year
    expect(isValidLocalDate('2023-02-29')).toBe(false);
    expect(isValidLocalDate('1900-02-29')).toBe(false); // century, not divisible by 400
    expect(isValidLocalDate('2000-02-29')).toBe(true);
    expect(isValidLocalDate('2024-04-31')).toBe(false);
    expect(isValidLocalDate('2024-13-01')).toBe(false);
    expect(isValidLocalDate('2024-00-10')).toBe(false);
    expect(isValidLocalDate('2024-1-01')).toBe(false);
    expect(isValidLocalDate('20240101')).toBe(false);
    expect(isValidLocalDate('2024-01-01T00:00')).toBe(false);
    expect(isValidLocalDate(' 2024-01-01')).toBe(false);
  });

  it('rejects invalid dates instead of guessing', () => {
    expect(() => addDays('2023-02-29', 1)).toThrow(RangeError);
    expect(() => addDays('2024-01-01', 1.5)).toThrow(RangeError);
  });

  it('adds calendar days across month and year ends, and subtracts', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2023-02-28', 1)).toBe('2023-03-01');
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
    expect(addDays('2025-01-01', -1)).toBe('2024-12-31');
  });

  it('"within N weeks" is 7·N calendar days: the same weekday, no bank-holiday roll-forward', () => {
    // 10 Jan 2024 (Wed) + 140 days: 21 to 31 Jan, 29 Feb = 50, 31 Mar = 81, 30 Apr = 111, 29 May = 140
    expect(addWeeks('2024-01-10', 20)).toBe('2024-05-29');
    // 6 weeks from 19 Dec 2024 lands on 30 Jan 2025 (Christmas is not skipped)
    expect(addWeeks('2024-12-19', 6)).toBe('2025-01-30');
  });

  it('"within N months" keeps the day of month, clamped to the month end', () => {
    expect(addMonths('2024-08-31', 3)).toBe('2024-11-30'); // 31 Nov does not exist
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29'); // leap year
    expect(addMonths('2023-01-31', 1)).toBe('2023-02-28'); // non-leap year
    expect(addMonths('2024-11-15', 3)).toBe('2025-02-15'); // across a year end
    expect(addMonths('2024-03-31', -1)).toBe('2024-02-29');
    expect(addMonths('2024-02-29', 12)).toBe('2025-02-28');
  });

  it('"a period of 12 months starting with D" ends the day before the anniversary', () => {
    expect(periodOfMonthsEnd('2024-05-29', 12)).toBe('2025-05-28');
    expect(periodOfMonthsEnd('2023-03-01', 12)).toBe('2024-02-29'); // the day before 1 Mar 2024 is the leap day
    // 29 Feb 2024 + 12 months = 28 Feb 2025 (clamped) − 1 day = 27 Feb 2025: the literal DOMAIN rule
    expect(periodOfMonthsEnd('2024-02-29', 12)).toBe('2025-02-28');
    expect(periodOfMonthsEnd('2024-01-31', 1)).toBe('2024-02-29');
  });

  it('counts days between dates and compares them', () => {
    expect(daysBetween('2024-01-10', '2024-05-29')).toBe(140);
    expect(daysBetween('2024-05-29', '2024-01-10')).toBe(-140);
    expect(daysBetween('2024-03-01', '2025-03-01')).toBe(365); // no 29 Feb in between
    expect(daysBetween('2023-03-01', '2024-03-01')).toBe(366);
    expect(compareDates('2024-01-10', '2024-01-09')).toBe(1);
    expect(compareDates('2024-01-10', '2024-01-10')).toBe(0);
    expect(compareDates('2023-12-31', '2024-01-01')).toBe(-1);
  });
});

describe('school years and terms (docs/domain-rules.md §6)', () => {
  it('school year N runs from 1 September N to 31 August N+1', () => {
    expect(schoolYearOf('2024-09-01')).toBe(2024);
    expect(schoolYearOf('2025-08-31')).toBe(2024);
    expect(schoolYearOf('2024-08-31')).toBe(2023);
  });

  it('default terms: autumn 1 Sep–31 Dec, spring 1 Jan–31 Mar, summer 1 Apr–31 Aug', () => {
    expect(termOf('2024-09-01')).toEqual({ schoolYear: 2024, term: 'autumn' });
    expect(termOf('2024-12-31')).toEqual({ schoolYear: 2024, term: 'autumn' });
    expect(termOf('2025-01-01')).toEqual({ schoolYear: 2024, term: 'spring' });
    expect(termOf('2025-03-31')).toEqual({ schoolYear: 2024, term: 'spring' });
    expect(termOf('2025-04-01')).toEqual({ schoolYear: 2024, term: 'summer' });
    expect(termOf('2025-08-31')).toEqual({ schoolYear: 2024, term: 'summer' });
  });

  it('terms are configurable per LA, and per school year', () => {
    const terms = {
      springStarts: '01-06',
      summerStarts: '04-22',
      years: { 2025: { springStarts: '2026-01-05', summerStarts: '2026-04-13' } },
    };
    expect(termOf('2025-01-05', terms)).toEqual({ schoolYear: 2024, term: 'autumn' });
    expect(termOf('2025-01-06', terms)).toEqual({ schoolYear: 2024, term: 'spring' });
    expect(termOf('2025-04-21', terms)).toEqual({ schoolYear: 2024, term: 'spring' });
    expect(termOf('2026-04-13', terms)).toEqual({ schoolYear: 2025, term: 'summer' });
    expect(() => termOf('2025-01-05', { springStarts: '10-01', summerStarts: '04-01' })).toThrow(RangeError);
  });
});

describe('day arithmetic agrees with the calendar', () => {
  it('addDays and daysBetween agree with UTC calendar dates from year 1 to 9999', () => {
    const iso = (ms: number): string => {
      const d = new Date(ms);
      return `${String(d.getUTCFullYear()).padStart(4, '0')}-${String(d.getUTCMonth() + 1).padStart(2, '0')}-${String(d.getUTCDate()).padStart(2, '0')}`;
    };
    const first = Date.UTC(1, 0, 1) + 400 * 86_400_000;
    const last = Date.UTC(9999, 11, 31) - 400 * 86_400_000;
    fc.assert(
      fc.property(fc.integer({ min: first / 86_400_000, max: last / 86_400_000 }), fc.integer({ min: -400, max: 400 }), (day, n) => {
        const from = iso(day * 86_400_000);
        expect(addDays(from, n)).toBe(iso((day + n) * 86_400_000));
        expect(daysBetween(from, addDays(from, n))).toBe(n);
      }),
      { numRuns: 2000, seed: 29 },
    );
  });
});
