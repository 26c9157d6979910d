export * from './child-key-store.port';
export * from './personal-data-cipher';
export * from './personal-data.event-store';
export * from './sqlite-child-key-store';
export * from './postgres-child-key-store';
