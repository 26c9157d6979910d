export * from './alert-decision';
export * from './event-reactions';
export * from './inclusion-alert-candidate';
export * from './inclusion-alerts';
export * from './clock-sweep.rule';
