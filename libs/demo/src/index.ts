export * from './seeded-random';
export * from './demo-caseload.generator';
export * from './load-demo-caseload';
