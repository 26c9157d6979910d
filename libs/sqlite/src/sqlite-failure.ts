/** Result codes that mean the file cannot be used right now (locked, full, unreadable), not that a statement is wrong. */
const UNAVAILABLE_CODES = ['SQLITE_BUSY', 'SQLITE_LOCKED', 'SQLITE_IOERR', 'SQLITE_FULL', 'SQLITE_CANTOPEN', 'SQLITE_READONLY'];

/**
 * Whether a better-sqlite3 failure means the store is unavailable (a lock held too long, a full or unreadable disk,
 * a closed connection), so an adapter turns it into its port's "unavailable" error and the caller retries later.
 * Recognised by shape, never by `instanceof`: the native addon keeps the error class of the first copy of the
 * module that loaded it, which may live in another realm (jest gives each test file its own), where even
 * `instanceof Error` is false.
 */
export function isSqliteUnavailable(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { name, code, message } = error as { name?: unknown; code?: unknown; message?: unknown };
  if (name === 'SqliteError' && typeof code === 'string') return UNAVAILABLE_CODES.some((prefix) => code.startsWith(prefix));
  return name === 'TypeError' && message === 'The database connection is not open';
}
