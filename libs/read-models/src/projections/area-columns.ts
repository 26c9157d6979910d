import type { AreaPeriod, LocalDate } from '@sj/domain';
import { BEGINNING_OF_TIME } from './end-of-time';

/**
 * The area a row counts in from the first day of the child's area period that holds `date` (a clock's or a wait's
 * `open_until`; the child's latest period for END_OF_TIME), and that first day: a query as of any day from
 * `area_from` up to `date` finds the area beside the row's dates, without looking the period up
 * (docs/domain-rules.md §6). Both empty without a registration.
 */
export function areaColumns(areas: readonly AreaPeriod[], date: LocalDate): { area: string | null; area_from: LocalDate | null } {
  const period = areas.find((p) => (p.from === null || p.from <= date) && (p.until === null || date < p.until));
  return { area: period?.area ?? null, area_from: period === undefined ? null : (period.from ?? BEGINNING_OF_TIME) };
}
