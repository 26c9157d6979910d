// ESLint: typescript-eslint's strict and stylistic type-checked rules for the TypeScript; the recommended rules for
// the browser modules and the CommonJS scripts (plain JavaScript, no types to check); Prettier owns layout, so its
// config comes last and turns off every rule that would argue with it.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier/flat';
import { defineConfig, globalIgnores } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default defineConfig(
  globalIgnores(['dist/', 'data/', 'coverage/', 'test/artifacts/']),
  {
    files: ['**/*.ts'],
    extends: [js.configs.recommended, tseslint.configs.strictTypeChecked, tseslint.configs.stylisticTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // Nest modules are decorated classes with no members (`@Module({...}) class X {}`): that is how Nest declares them.
      '@typescript-eslint/no-extraneous-class': ['error', { allowWithDecorator: true }],
      // Counts, ports and revisions go into messages and stream ids as they are; String(n) everywhere would add only noise.
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      // One-line callbacks such as `(msg) => this.logger.log(msg)` are the house style, and `return assertRule(…)` in a
      // switch over event types returns the rule's verdict; a block body around each says nothing more.
      '@typescript-eslint/no-confusing-void-expression': ['error', { ignoreArrowShorthand: true, ignoreVoidReturningFunctions: true }],
      // Promise-returning ports are implemented over synchronous better-sqlite3: `async` without `await` is what turns
      // a thrown ConcurrencyError into a rejection that callers (and `rejects` in tests) can await.
      '@typescript-eslint/require-await': 'off',
      // As tsc's noUnusedParameters: `_why` marks a parameter kept for its position, and `{ dropped: _, ...kept }` omits keys.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', ignoreRestSiblings: true }],
    },
  },
  {
    // Nest declares its factory options (NestApplicationContextOptions) as classes yet takes plain objects for them.
    files: ['apps/*/src/bootstrap.ts', 'test/**/*.ts'],
    rules: { '@typescript-eslint/no-unsafe-class-instance-assignment': 'off' },
  },
  {
    files: ['apps/api/src/web/static/js/**/*.js'],
    extends: [js.configs.recommended],
    languageOptions: { sourceType: 'module', globals: globals.browser },
  },
  {
    files: ['**/*.cjs', 'jest.config.js'],
    extends: [js.configs.recommended],
    languageOptions: { sourceType: 'commonjs', globals: globals.node },
  },
  {
    files: ['**/*.mjs'],
    extends: [js.configs.recommended],
    languageOptions: { sourceType: 'module', globals: globals.node },
  },
  prettier,
);
