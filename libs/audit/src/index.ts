export * from './audit-log.port';
export * from './sqlite/sqlite-audit-log';
export * from './postgres/postgres-audit-log';
