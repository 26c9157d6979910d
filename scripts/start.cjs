#!/usr/bin/env node
/**
 * Entry point of `npm start`, `npm run demo`, `npm run start:api`, `npm run start:worker`, `npm run bench`,
 * `npm run migrate`.
 *
 *   node scripts/start.cjs <build|all|api|worker|bench|rebuild|token|users|migrate> [--demo]
 *
 * Checks Node, installs dependencies when node_modules is missing, checks redis-server is installed
 * when REDIS_URL is unset, compiles with `tsc -p tsconfig.build.json` when dist/ is missing or older
 * than the sources, then runs the compiled entry in this process with the `@sj/*` path aliases
 * resolved against dist/ (tsconfig-paths).
 */
'use strict';
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const DIST = path.join(ROOT, 'dist');
const STAMP = path.join(DIST, '.build-stamp');
const ENTRIES = {
  all: 'dist/apps/api/src/main-all.js',
  api: 'dist/apps/api/src/main.js',
  worker: 'dist/apps/worker/src/main.js',
  bench: 'dist/bench/run.js',
  rebuild: 'dist/apps/worker/src/rebuild-projections.js',
  token: 'dist/apps/api/src/auth/mint-token.main.js',
  users: 'dist/apps/api/src/identity/users.main.js',
  migrate: 'dist/apps/shared/src/migrate.main.js',
};
const DEMO_LOADER = 'dist/apps/worker/src/demo/load-demo.js';
const DEMO_ACCOUNTS = 'dist/apps/api/src/identity/demo-accounts.js';
const SOURCE_DIRS = ['apps', 'libs', 'bench', 'scripts'];
const SOURCE_FILES = ['tsconfig.json', 'tsconfig.build.json', 'package.json'];

function fail(message) {
  process.stderr.write(`\n${message}\n\n`);
  process.exit(1);
}

function parseArgs(argv) {
  const mode = argv.find((a) => !a.startsWith('--'));
  if (!mode || (mode !== 'build' && !Object.prototype.hasOwnProperty.call(ENTRIES, mode))) {
    fail(`usage: node scripts/start.cjs <build|${Object.keys(ENTRIES).join('|')}> [--demo]`);
  }
  return { mode, demo: argv.includes('--demo') };
}

function checkNode() {
  const [major, minor] = process.versions.node.split('.').map(Number);
  if (major < 20 || (major === 20 && minor < 19)) {
    fail(`send-journeys needs Node.js 20.19 or newer; this is ${process.version}. Install Node 20 LTS (https://nodejs.org/) and try again.`);
  }
}

function run(command, args) {
  const result = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit' });
  if (result.error) fail(`could not run ${command}: ${result.error.message}`);
  if (result.status !== 0) fail(`${command} ${args.join(' ')} failed (exit ${result.status})`);
}

function ensureDependencies() {
  if (fs.existsSync(path.join(ROOT, 'node_modules', 'typescript'))) return;
  process.stdout.write('node_modules is missing: running npm install\n');
  run(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['install', '--no-audit', '--no-fund']);
}

function onPath(command) {
  const result = spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' });
  return result.status === 0;
}

function checkRedis(mode) {
  if (['bench', 'rebuild', 'token', 'users', 'migrate'].includes(mode) || (process.env.REDIS_URL ?? '').trim() !== '') return;
  if (onPath('redis-server')) return;
  fail(
    [
      'redis-server is not installed, and REDIS_URL is not set.',
      'send-journeys starts a local redis-server itself when REDIS_URL is unset. Install it with:',
      '',
      '    sudo apt-get install redis-server',
      '',
      'or point REDIS_URL at an existing Redis (maxmemory-policy noeviction), e.g. REDIS_URL=redis://localhost:6379',
    ].join('\n'),
  );
}

function newestSourceMtime() {
  let newest = 0;
  const visit = (p) => {
    let stat;
    try {
      stat = fs.statSync(p);
    } catch {
      return;
    }
    if (stat.isDirectory()) {
      const name = path.basename(p);
      if (name === 'node_modules' || name === 'dist') return;
      for (const child of fs.readdirSync(p)) visit(path.join(p, child));
    } else if (/\.ts$/.test(p) || SOURCE_FILES.includes(path.relative(ROOT, p))) {
      newest = Math.max(newest, stat.mtimeMs);
    }
  };
  for (const dir of SOURCE_DIRS) visit(path.join(ROOT, dir));
  for (const file of SOURCE_FILES) visit(path.join(ROOT, file));
  return newest;
}

function ensureBuilt({ force } = { force: false }) {
  const built = fs.existsSync(STAMP) ? fs.statSync(STAMP).mtimeMs : 0;
  if (!force && built >= newestSourceMtime()) return;
  process.stderr.write(built === 0 ? 'building (tsc -p tsconfig.build.json)...\n' : 'sources changed: rebuilding (tsc -p tsconfig.build.json)...\n');
  run(process.execPath, [path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json']);
  fs.mkdirSync(DIST, { recursive: true });
  fs.writeFileSync(STAMP, `${new Date().toISOString()}\n`);
}

function registerPathAliases() {
  const tsconfigPaths = require(path.join(ROOT, 'node_modules', 'tsconfig-paths'));
  const loaded = tsconfigPaths.loadConfig(ROOT);
  if (loaded.resultType !== 'success') fail(`could not read tsconfig.json: ${loaded.message}`);
  // The same `@sj/*` aliases as in the sources, resolved against the compiled tree.
  tsconfigPaths.register({ baseUrl: DIST, paths: loaded.paths, addMatchAll: false });
}

function main() {
  checkNode();
  const { mode, demo } = parseArgs(process.argv.slice(2));
  process.chdir(ROOT);
  ensureDependencies();
  // `npm run build` compiles and leaves the stamp, so the next `npm start` does not compile again
  if (mode === 'build') return ensureBuilt({ force: true });
  checkRedis(mode);
  ensureBuilt();
  const entry = path.join(ROOT, ENTRIES[mode]);
  if (!fs.existsSync(entry)) fail(`${ENTRIES[mode]} was not built (is its source missing?)`);
  registerPathAliases();
  if (!demo) {
    require(entry);
    // `npm start` prints the page URLs and how to add an account
    if (mode === 'all') require('./demo-banner.cjs').printWhenReady();
    return;
  }
  // The seeded caseload goes into an empty DATA_DIR, and one account per role is created, before the apps start.
  require(path.join(ROOT, DEMO_LOADER))
    .loadDemo()
    .then(() => require(path.join(ROOT, DEMO_ACCOUNTS)).ensureDemoAccounts())
    .then((demoAccounts) => {
      require(entry);
      require('./demo-banner.cjs').printWhenReady(demoAccounts);
    })
    .catch((err) => fail(`demo: could not load the demo caseload: ${err instanceof Error ? err.message : String(err)}`));
}

main();
