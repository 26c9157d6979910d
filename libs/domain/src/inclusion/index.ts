export * from './inclusion';
