import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

/**
 * A rejection nobody handles ends a real Node process, so in a test it must fail the run, whether the test or the
 * app it started in-process left it. Jest 30's runner does this itself (it attributes each unhandled rejection to
 * the test or hook in which it surfaced); this story keeps it so under the project's own jest configuration.
 */
describe('no unhandled rejection anywhere', () => {
  it('an unhandled rejection fails the test run, even when every assertion passed', () => {
    const run = spawnSync(
      process.execPath,
      [
        join(ROOT, 'node_modules', 'jest', 'bin', 'jest.js'),
        '--config',
        join(ROOT, 'jest.config.js'),
        // the fixture needs neither Redis nor PostgreSQL
        '--globalSetup',
        '',
        '--globalTeardown',
        '',
        '--roots',
        '<rootDir>/test/faults/fixtures',
        '--testMatch',
        '**/unhandled-rejection.fixture.ts',
        '--ci',
      ],
      { cwd: ROOT, encoding: 'utf8', env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' } },
    );
    const output = `${run.stdout}${run.stderr}`;
    expect(output).toContain('the background write failed and nobody handled it');
    expect(output).toMatch(/Tests:\s+1 failed, 1 total/);
    expect(run.status).toBe(1);
  });
});
