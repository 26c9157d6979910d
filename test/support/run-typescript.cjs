'use strict';
/**
 * Preloaded (`node -r test/support/run-typescript.cjs apps/api/src/main-all.ts`) by the fault tests, which run the
 * real entry points as separate processes: compiles each TypeScript source with SWC as jest does (.swcrc: CommonJS,
 * decorator metadata) and resolves the `@sj/*` aliases against libs/, so the process runs the code under test
 * without a `tsc` build of dist/.
 */
const fs = require('node:fs');
const path = require('node:path');
const { transformSync } = require('@swc/core');
const tsconfigPaths = require('tsconfig-paths');

const ROOT = path.resolve(__dirname, '..', '..');
const swcrc = JSON.parse(fs.readFileSync(path.join(ROOT, '.swcrc'), 'utf8'));
delete swcrc.$schema;

require.extensions['.ts'] = (module, filename) => {
  const { code } = transformSync(fs.readFileSync(filename, 'utf8'), { ...swcrc, filename, swcrc: false, configFile: false });
  module._compile(code, filename);
};

const loaded = tsconfigPaths.loadConfig(ROOT);
if (loaded.resultType !== 'success') throw new Error(`could not read tsconfig.json: ${loaded.message}`);
tsconfigPaths.register({ baseUrl: ROOT, paths: loaded.paths, addMatchAll: false });
