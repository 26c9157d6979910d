import { Global, Module, type DynamicModule } from '@nestjs/common';
import { APP_CONFIG, ConfigModule, type AppConfig } from '@sj/config';
import { EventStoreLifecycle, eventStoreFactory } from './event-store.lifecycle';
import { POSTGRES_POOL, PostgresPoolLifecycle, postgresPoolFactory, type MaybePool } from './postgres-pool';
import { RedisHub } from './redis-hub';
import { openChildKeyStore } from './storage';
import { CHILD_KEY_STORE, EVENT_STORE } from './tokens';

/**
 * What both apps share: configuration and clock, the PostgreSQL pool (when DATABASE_URL is set), the children's keys,
 * the event store, Redis.
 * Imported once, by the root module of each process (api, worker, or both together).
 */
@Global()
@Module({})
export class CoreModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: CoreModule,
      imports: [ConfigModule.forRoot(config)],
      providers: [
        { provide: POSTGRES_POOL, useFactory: postgresPoolFactory, inject: [APP_CONFIG] },
        PostgresPoolLifecycle,
        {
          provide: CHILD_KEY_STORE,
          useFactory: (config: AppConfig, pool: MaybePool) => openChildKeyStore(config, pool),
          inject: [APP_CONFIG, POSTGRES_POOL],
        },
        { provide: EVENT_STORE, useFactory: eventStoreFactory, inject: [APP_CONFIG, CHILD_KEY_STORE, POSTGRES_POOL] },
        EventStoreLifecycle,
        RedisHub,
      ],
      exports: [ConfigModule, POSTGRES_POOL, CHILD_KEY_STORE, EVENT_STORE, RedisHub],
    };
  }
}
