/**
 * The value, or the test fails here naming what was missing: in place of a non-null assertion (`x!`), which would
 * let a missing value through to fail later as "cannot read properties of undefined".
 */
export function defined<T>(value: T | null | undefined, what: string): T {
  if (value === undefined || value === null) throw new Error(`expected ${what}, found ${String(value)}`);
  return value;
}
