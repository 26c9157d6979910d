export * from './local-date';
export * from './school-year';
