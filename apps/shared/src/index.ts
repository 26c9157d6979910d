export * from './core.module';
export * from './json-logger';
export * from './redis-hub';
export * from './request-context';
export * from './tokens';
export * from './run-main';
export * from './postgres-pool';
export * from './storage';
