export * from './redis-connection';
export * from './local-redis';
