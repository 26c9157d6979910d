import { mkdirSync } from 'node:fs';
import type { Pool } from 'pg';
import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@sj/config';
import { createEventStore, PersonalDataEventStore, type ChildKeyStore, type EventStore } from '@sj/event-store';
import { openChildKeyStore } from './storage';
import { EVENT_STORE } from './tokens';

/**
 * Builds the configured event store (SQLite under DATA_DIR, PostgreSQL on DATABASE_URL, or EventStoreDB) behind the
 * personal-data encryption every reader and writer goes through, with the children's keys from `keys`
 * (CHILD_KEY_STORE). Given the process's PostgreSQL pool, the PostgreSQL store shares it.
 */
export function eventStoreFactory(config: AppConfig, keys: ChildKeyStore, pool?: Pool | null): EventStore {
  if (config.databaseUrl === undefined) mkdirSync(config.dataDir, { recursive: true });
  return new PersonalDataEventStore(createStore(config, pool ?? undefined), keys);
}

/** The event store for a one-off command (demo loader, rebuild, a test): its own key store and connections, all closed by `close()`. */
export async function openEventStore(config: AppConfig): Promise<EventStore> {
  return eventStoreFactory(config, await openChildKeyStore(config));
}

function createStore(config: AppConfig, pool: Pool | undefined): EventStore {
  return createEventStore({
    kind: config.eventStore,
    dataDir: config.dataDir,
    ...(config.eventStoreConnectionString !== undefined ? { connectionString: config.eventStoreConnectionString } : {}),
    ...(config.databaseUrl !== undefined ? { databaseUrl: config.databaseUrl } : {}),
    ...(pool !== undefined ? { pool } : {}),
  });
}

/** Checks the store answers at start (a warning only: /health reports it) and closes it on shutdown. */
@Injectable()
export class EventStoreLifecycle implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('EventStore');

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    try {
      await this.store.ping();
      this.logger.log({ msg: 'event store connected', kind: this.config.eventStore });
    } catch (err) {
      this.logger.warn({ msg: 'event store not reachable at start', kind: this.config.eventStore, error: (err as Error).message });
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
    this.logger.log('event store closed');
  }
}
