export * from './local-signing-secret.port';
export * from './file-signing-secret.store';
export * from './postgres-signing-secret.store';
