import { join } from 'node:path';
import type { Pool } from 'pg';
import type { EventStore } from './event-store.port';
import { EventStoreDbEventStore } from './eventstoredb/eventstoredb.event-store';
import { PostgresEventStore } from './postgres/postgres.event-store';
import { SqliteEventStore } from './sqlite/sqlite.event-store';

export interface EventStoreConfig {
  readonly kind: 'sqlite' | 'postgres' | 'eventstoredb';
  /** The SQLite store lives at `<dataDir>/events.sqlite`. */
  readonly dataDir: string;
  /** Required for `eventstoredb`, e.g. `esdb://localhost:2113?tls=false`. */
  readonly connectionString?: string;
  /** Required for `postgres`: DATABASE_URL. */
  readonly databaseUrl?: string;
  /** For `postgres`: the process's pool, shared with the other stores (the store then leaves ending it to its owner). */
  readonly pool?: Pool;
}

export function createEventStore(config: EventStoreConfig): EventStore {
  switch (config.kind) {
    case 'sqlite':
      return new SqliteEventStore(join(config.dataDir, 'events.sqlite'));
    case 'postgres':
      if (config.pool) return new PostgresEventStore(config.pool);
      if (!config.databaseUrl)
        throw new Error('EVENT_STORE=postgres needs DATABASE_URL (e.g. postgres://send_journeys@localhost:5432/send_journeys)');
      return new PostgresEventStore(config.databaseUrl);
    case 'eventstoredb':
      if (!config.connectionString) {
        throw new Error('EVENT_STORE=eventstoredb needs EVENTSTORE_CONNECTION_STRING (e.g. esdb://localhost:2113?tls=false)');
      }
      return new EventStoreDbEventStore(config.connectionString);
  }
}
