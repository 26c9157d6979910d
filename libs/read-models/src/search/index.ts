export * from './child-search-index.port';
export * from './child-search-terms';
export * from './child-search-indexer';
export * from './sqlite-child-search-index';
export * from './postgres-child-search-index';
