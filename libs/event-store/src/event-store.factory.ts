import { join } from 'node:path';
import type { EventStore } from './event-store.port';
import { EventStoreDbEventStore } from './eventstoredb/eventstoredb.event-store';
import { SqliteEventStore } from './sqlite/sqlite.event-store';

export interface EventStoreConfig {
  readonly kind: 'sqlite' | 'eventstoredb';
  /** The SQLite store lives at `<dataDir>/events.sqlite`. */
  readonly dataDir: string;
  /** Required for `eventstoredb`, e.g. `esdb://localhost:2113?tls=false`. */
  readonly connectionString?: string;
}

export function createEventStore(config: EventStoreConfig): EventStore {
  switch (config.kind) {
    case 'sqlite':
      return new SqliteEventStore(join(config.dataDir, 'events.sqlite'));
    case 'eventstoredb':
      if (!config.connectionString) {
        throw new Error('EVENT_STORE=eventstoredb needs EVENTSTORE_CONNECTION_STRING (e.g. esdb://localhost:2113?tls=false)');
      }
      return new EventStoreDbEventStore(config.connectionString);
  }
}
