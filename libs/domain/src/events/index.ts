export * from './vocabulary';
export * from './journey-event';
export * from './active-events';
