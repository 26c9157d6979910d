import { Global, Module, type DynamicModule } from '@nestjs/common';
import { APP_CONFIG, ConfigModule, type AppConfig } from '@sj/config';
import { EventStoreLifecycle, eventStoreFactory } from './event-store.lifecycle';
import { POSTGRES_POOL, PostgresPoolLifecycle, postgresPoolFactory } from './postgres-pool';
import { RedisHub } from './redis-hub';
import { EVENT_STORE } from './tokens';

/**
 * What both apps share: configuration and clock, the PostgreSQL pool (when DATABASE_URL is set), the event store, Redis.
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
        { provide: EVENT_STORE, useFactory: eventStoreFactory, inject: [APP_CONFIG] },
        EventStoreLifecycle,
        RedisHub,
      ],
      exports: [ConfigModule, POSTGRES_POOL, EVENT_STORE, RedisHub],
    };
  }
}
