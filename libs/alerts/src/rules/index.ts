export * from './alert-decision';
export * from './inclusion-alert-candidate';
export * from './inclusion-alerts';
export * from './clock-sweep.rule';
