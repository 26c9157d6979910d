import { Pool, types as pgTypes, type CustomTypesConfig } from 'pg';

export interface PostgresPoolOptions {
  /** Connections the pool may open. Default 10. */
  readonly max?: number;
  /** Shown in `pg_stat_activity`, so an operator sees which process holds a connection. */
  readonly applicationName?: string;
  /** An idle connection failed (the server restarted, say); the next query on the pool reconnects. Default: ignored. */
  readonly onIdleError?: (error: Error) => void;
}

/**
 * `bigint` columns arrive as JavaScript `bigint`: `pg` hands them over as strings by default, and `Number()` on a
 * position or a count past 2^53 silently rounds it. Turn a value into a number with `safeNumber` where it is
 * known to be small. Only this pool's connections parse this way; `pg`'s global parsers are left alone.
 */
const parseInt8 = (text: string): bigint => BigInt(text);
const TYPES: CustomTypesConfig = {
  getTypeParser: (oid, format): unknown =>
    oid === pgTypes.builtins.INT8 && format !== 'binary' ? parseInt8 : (pgTypes.getTypeParser(oid, format) as unknown),
};

/** The one way the application opens PostgreSQL: a pool on DATABASE_URL, with lossless bigints. */
export function createPostgresPool(databaseUrl: string, options: PostgresPoolOptions = {}): Pool {
  const pool = new Pool({
    connectionString: databaseUrl,
    max: options.max ?? 10,
    types: TYPES,
    ...(options.applicationName !== undefined ? { application_name: options.applicationName } : {}),
  });
  // Without a listener, an idle connection's failure is an uncaught 'error' event that ends the process.
  pool.on('error', (error) => options.onIdleError?.(error));
  return pool;
}

/** The connection settings of the pool's clients, for a dedicated connection (LISTEN, a leader's lock) beside it. */
export const POSTGRES_TYPES: CustomTypesConfig = TYPES;

/** A `bigint` the caller knows is small (a revision, a count) as a number; refuses rather than rounds. */
export function safeNumber(value: bigint | number | string): number {
  const big = typeof value === 'bigint' ? value : BigInt(value);
  if (big > BigInt(Number.MAX_SAFE_INTEGER) || big < BigInt(Number.MIN_SAFE_INTEGER)) {
    throw new RangeError(`${big} is beyond the integers a JavaScript number holds exactly`);
  }
  return Number(big);
}
