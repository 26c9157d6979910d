/**
 * Whether a `pg` failure means the server could not be reached or went away (as opposed to a refused statement):
 * callers turn these into their port's "unavailable" error, so a caller retries later rather than reports a bug.
 */
export function isConnectionFailure(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (typeof code === 'string') {
    // Node's socket errors, then SQLSTATE class 08 (connection exception), 57P01-57P03 (shut down, cannot connect
    // now) and 53300 (too many connections).
    if (['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', 'EPIPE', 'EHOSTUNREACH', 'EAI_AGAIN'].includes(code)) return true;
    if (code.startsWith('08') || ['57P01', '57P02', '57P03', '53300'].includes(code)) return true;
  }
  return (
    typeof message === 'string' &&
    /Connection terminated|connection error and is not queryable|timeout exceeded when trying to connect|Cannot use a pool after calling end/i.test(
      message,
    )
  );
}
