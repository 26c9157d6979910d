export * from './domain-error';
export * from './child-not-registered.error';
export * from './journey-rule-violation.error';
