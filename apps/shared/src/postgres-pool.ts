import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import type { AppConfig } from '@sj/config';
import { createPostgresPool } from '@sj/postgres';
import type { Pool } from 'pg';

/** Injection token of the process's one PostgreSQL pool on DATABASE_URL; `null` when DATABASE_URL is not set. */
export const POSTGRES_POOL = Symbol('POSTGRES_POOL');

export type MaybePool = Pool | null;

export function postgresPoolFactory(config: AppConfig): MaybePool {
  if (config.databaseUrl === undefined) return null;
  const logger = new Logger('PostgreSQL');
  return createPostgresPool(config.databaseUrl, {
    max: 20,
    applicationName: 'send-journeys',
    onIdleError: (error) => logger.warn({ msg: 'an idle PostgreSQL connection failed; the next query reconnects', error: error.message }),
  });
}

/**
 * Ends the pool last: the stores on it let go of nothing themselves, and everything that still queries at
 * shutdown (the alert pipeline, projections) stops before Nest's application-shutdown hooks run.
 */
@Injectable()
export class PostgresPoolLifecycle implements OnApplicationShutdown {
  constructor(@Inject(POSTGRES_POOL) private readonly pool: MaybePool) {}

  async onApplicationShutdown(): Promise<void> {
    await this.pool?.end();
  }
}
