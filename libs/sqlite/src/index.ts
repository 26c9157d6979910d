export * from './group-commit';
export * from './sqlite-failure';
