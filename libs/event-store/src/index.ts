export * from './event-store.port';
export * from './journey-codec';
export * from './event-store.factory';
export { SqliteEventStore, type SqliteEventStoreOptions } from './sqlite/sqlite.event-store';
export { EventStoreDbEventStore, type EventStoreDbEventStoreOptions } from './eventstoredb/eventstoredb.event-store';
export * from './checkpointed-consumer';
export * from './personal-data';
