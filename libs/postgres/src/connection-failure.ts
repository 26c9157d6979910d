/**
 * Whether a `pg` failure means the server could not be reached, went away or cannot store anything now (as opposed
 * to a refused statement): callers turn these into their port's "unavailable" error, so a caller retries later rather
 * than reports a bug, and a full disk on the server is answered like a full disk here.
 */
export function isConnectionFailure(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (typeof code === 'string') {
    // Node's socket errors, then SQLSTATE class 08 (connection exception), 57P01-57P03 (shut down, cannot connect
    // now), class 53 (insufficient resources: 53100 disk full, 53200 out of memory, 53300 too many connections) and
    // 58030 (I/O error writing a file).
    if (['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', 'EPIPE', 'EHOSTUNREACH', 'EAI_AGAIN'].includes(code)) return true;
    if (code.startsWith('08') || code.startsWith('53') || ['57P01', '57P02', '57P03', '58030'].includes(code)) return true;
  }
  return (
    typeof message === 'string' &&
    /Connection terminated|connection error and is not queryable|timeout exceeded when trying to connect|Cannot use a pool after calling end/i.test(
      message,
    )
  );
}
