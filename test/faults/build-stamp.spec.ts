import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const MIGRATE_SOURCE = join('apps', 'shared', 'src', 'migrate.main.ts');

/**
 * A checkout in miniature: this repository's package.json and scripts/start.cjs, the real TypeScript compiler and
 * tsconfig-paths, and one entry point (`npm run migrate`'s) that says it ran. Compiling it takes a second, where the
 * whole project takes minutes, and the stamp logic is the same.
 */
function miniatureCheckout(): string {
  const dir = mkdtempSync(join(tmpdir(), 'sj-build-stamp-'));
  mkdirSync(join(dir, 'scripts'));
  copyFileSync(join(ROOT, 'scripts', 'start.cjs'), join(dir, 'scripts', 'start.cjs'));
  copyFileSync(join(ROOT, 'package.json'), join(dir, 'package.json'));
  mkdirSync(join(dir, 'node_modules'));
  for (const name of ['typescript', 'tsconfig-paths']) symlinkSync(join(ROOT, 'node_modules', name), join(dir, 'node_modules', name), 'dir');
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { baseUrl: '.', paths: { '@sj/none': ['none'] } } }));
  writeFileSync(
    join(dir, 'tsconfig.build.json'),
    JSON.stringify({
      compilerOptions: { outDir: 'dist', rootDir: '.', module: 'commonjs', target: 'es2022', types: [], strict: true },
      include: ['apps/**/*.ts'],
    }),
  );
  mkdirSync(join(dir, 'apps', 'shared', 'src'), { recursive: true });
  writeFileSync(join(dir, MIGRATE_SOURCE), "console.log('the migration ran');\n");
  return dir;
}

function run(dir: string, command: string, args: readonly string[]): SpawnSyncReturns<string> {
  const result = spawnSync(command, args, { cwd: dir, encoding: 'utf8', env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' } });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${String(result.status)}):\n${result.stdout}\n${result.stderr}`);
  return result;
}

describe('finding 7: the build stamp', () => {
  let dir: string;

  beforeAll(() => {
    dir = miniatureCheckout();
  });

  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('finding 7: `npm run build` compiles and leaves a build stamp, so the first start after it runs the build without compiling again', () => {
    const build = run(dir, 'npm', ['run', '--silent', 'build']);
    expect(build.stderr).toMatch(/building \(tsc -p tsconfig\.build\.json\)/);

    const start = run(dir, process.execPath, ['scripts/start.cjs', 'migrate']);
    expect(start.stdout).toContain('the migration ran');
    expect(start.stderr).not.toMatch(/building|rebuilding/);
  });

  it('finding 7: a source changed after the build is compiled again at the next start', () => {
    const later = new Date(Date.now() + 60_000);
    utimesSync(join(dir, MIGRATE_SOURCE), later, later);
    const start = run(dir, process.execPath, ['scripts/start.cjs', 'migrate']);
    expect(start.stderr).toMatch(/sources changed: rebuilding/);
    expect(start.stdout).toContain('the migration ran');
  });
});
