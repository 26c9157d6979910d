import type { LocalDate } from '../../events';
import { entryOf, withEntry, type IdRecord } from '../records';

/**
 * Small immutable helpers for the evolve functions. A projection never throws: an event that
 * names something the state does not hold (only possible if a stream was written without
 * `decide`) leaves the state unchanged rather than losing the whole journey.
 */
export function updateEntry<T>(record: IdRecord<T>, key: string, update: (entry: T) => T): IdRecord<T> {
  const entry = entryOf(record, key);
  if (entry === undefined) return record;
  return withEntry(record, key, update(entry));
}

/** Inserts after every item dated on or before `on`, so equal dates keep recording order. */
export function insertByDate<T>(items: readonly T[], item: T, dateOf: (t: T) => LocalDate): readonly T[] {
  const on = dateOf(item);
  let at = items.length;
  while (at > 0 && dateOf(items[at - 1]) > on) at--;
  return [...items.slice(0, at), item, ...items.slice(at)];
}

/** The later of two dates (`YYYY-MM-DD` strings order like the dates they name). */
export function laterOf(a: LocalDate | null, b: LocalDate): LocalDate {
  return a === null || b > a ? b : a;
}

export function earlierOf(a: LocalDate | null, b: LocalDate): LocalDate {
  return a === null || b < a ? b : a;
}
