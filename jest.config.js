/** Jest runs TypeScript through SWC (CommonJS, decorator metadata on) so Nest's DI works; `npm test` type-checks first with tsc. */
const fs = require('node:fs');
const swcrc = JSON.parse(fs.readFileSync(`${__dirname}/.swcrc`, 'utf8'));
delete swcrc.$schema;
const ESM_ONLY_PACKAGES = '(openid-client|oauth4webapi|jose/dist/webapi)';
const ESM_ONLY = `/node_modules/${ESM_ONLY_PACKAGES}/.+\\.js$`;

module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/libs', '<rootDir>/apps', '<rootDir>/test'],
  testMatch: ['**/*.spec.ts'],
  transform: {
    '^.+\\.ts$': ['@swc/jest', swcrc],
    // openid-client and what it imports ship only ES modules: compiled to CommonJS like our own code
    [ESM_ONLY]: ['@swc/jest', { ...swcrc, jsc: { ...swcrc.jsc, parser: { syntax: 'ecmascript' } } }],
  },
  transformIgnorePatterns: [`/node_modules/(?!${ESM_ONLY_PACKAGES}/)`],
  moduleNameMapper: { '^@sj/([a-z-]+)$': '<rootDir>/libs/$1/src' },
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  testTimeout: 30000,
  maxWorkers: 2,
};
