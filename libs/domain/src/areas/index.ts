export * from './area-history';
