export * from './seeded-random';
export * from './demo-caseload.generator';
