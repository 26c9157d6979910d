import type { Pool, QueryResult, QueryResultRow } from 'pg';
import { isConnectionFailure } from '@sj/postgres';
import { IdentityStoreUnavailableError } from '../identity-store.errors';

/** Runs one statement, answering the port's errors rather than the driver's. */
export async function onIdentityDatabase<R extends QueryResultRow>(pool: Pool, sql: string, values: readonly unknown[]): Promise<QueryResult<R>> {
  try {
    return await pool.query<R>(sql, [...values]);
  } catch (error) {
    if (isConnectionFailure(error)) throw new IdentityStoreUnavailableError(`PostgreSQL: ${(error as Error).message}`, { cause: error });
    throw error;
  }
}

/** `timestamptz` arrives as a Date; the port speaks ISO instants. */
export function isoOf(value: Date): string;
export function isoOf(value: Date | null): string | null;
export function isoOf(value: Date | null): string | null {
  return value === null ? null : value.toISOString();
}
