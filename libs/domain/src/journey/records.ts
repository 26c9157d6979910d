/**
 * Records keyed by ids the caller chooses (referralId, requestId, suspensionId…). They are null-prototype
 * objects read through `entryOf`, so an id that happens to be named like an `Object.prototype` member
 * (`constructor`, `__proto__`, `toString`) is looked up, stored and serialised like any other id.
 */
export type IdRecord<T> = Readonly<Record<string, T>>;

export function emptyRecord<T>(): IdRecord<T> {
  return Object.freeze(Object.create(null) as Record<string, T>);
}

export function hasEntry(record: IdRecord<unknown>, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(record, key);
}

export function entryOf<T>(record: IdRecord<T>, key: string): T | undefined {
  return hasEntry(record, key) ? record[key] : undefined;
}

export function withEntry<T>(record: IdRecord<T>, key: string, value: T): IdRecord<T> {
  const next = Object.assign(Object.create(null) as Record<string, T>, record);
  next[key] = value;
  return next;
}

export function entriesOf<T>(record: IdRecord<T>): T[] {
  return Object.keys(record).map((k) => record[k]);
}
