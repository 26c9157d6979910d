export * from './pool';
export * from './migrations';
export * from './connection-failure';
export * from './throwaway-postgres';
export * from './database';
export * from './leader-lock';
export * from './store-pool';
export * from './store-transaction';
