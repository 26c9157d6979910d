export * from './event-store.port';
export * from './journey-codec';
export * from './event-store.factory';
export { SqliteEventStore, type SqliteEventStoreOptions } from './sqlite/sqlite.event-store';
export { PostgresEventStore, type PostgresEventStoreOptions } from './postgres/postgres.event-store';
export { EVENT_STORE_SCHEMA } from './postgres/postgres-event-store.schema';
export { EventStoreDbEventStore, type EventStoreDbEventStoreOptions } from './eventstoredb/eventstoredb.event-store';
export * from './checkpointed-consumer';
export * from './personal-data';
