export * from './throwaway-postgres';
export * from './database';
