import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { acquireProjectionLock, ProjectionLockHeldError } from './projection-lock';

/** A separate node process that takes the lock, says so, and holds it until killed. */
function holderProcess(dataDir: string): Promise<ChildProcess> {
  const file = join(__dirname, 'projection-lock.ts');
  // compiles the lock's own source with SWC (as jest does) so the other process runs the code under test
  const script = `
    const { transformSync } = require('@swc/core');
    const Module = require('node:module');
    const { readFileSync } = require('node:fs');
    const file = ${JSON.stringify(file)};
    const { code } = transformSync(readFileSync(file, 'utf8'), {
      filename: file,
      jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
      module: { type: 'commonjs' },
    });
    const lockModule = new Module(file);
    lockModule.filename = file;
    lockModule.paths = Module._nodeModulePaths(require('node:path').dirname(file));
    lockModule._compile(code, file);
    lockModule.exports.acquireProjectionLock(process.argv[1], 'the test worker');
    process.stdout.write('locked\\n');
    setInterval(() => {}, 1000);
  `;
  const child = spawn(process.execPath, ['-e', script, dataDir], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('locked')) resolve(child);
    });
    child.on('exit', (code) => {
      reject(new Error(`the lock holder exited early (${String(code)})`));
    });
  });
}

function killed(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.on('exit', () => {
      resolve();
    });
    child.kill('SIGKILL');
  });
}

describe('the read-model lock', () => {
  it('refuses a second holder while the first is alive, naming it', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sj-lock-'));
    const worker = await holderProcess(dataDir);
    try {
      expect(() => acquireProjectionLock(dataDir, 'projections:rebuild')).toThrow(ProjectionLockHeldError);
      expect(() => acquireProjectionLock(dataDir, 'projections:rebuild')).toThrow(/the test worker \(pid \d+/);
    } finally {
      await killed(worker);
    }
  });

  it('is taken at once by a restart straight after the holder was killed with SIGKILL', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sj-lock-'));
    await killed(await holderProcess(dataDir));
    const lock = acquireProjectionLock(dataDir, 'the restarted worker');
    lock.release();
  });

  it('a lock left by a crashed holder whose pid is now this process (node as pid 1 in a container) does not block the restart', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sj-lock-'));
    writeFileSync(join(dataDir, 'read-models.lock'), JSON.stringify({ pid: process.pid, holder: 'the worker', since: '2026-11-30T09:00:00.000Z' }));
    const lock = acquireProjectionLock(dataDir, 'the restarted worker');
    expect(() => acquireProjectionLock(dataDir, 'projections:rebuild')).toThrow(/the restarted worker/);
    lock.release();
  });

  it('is free again once released, and released twice is harmless', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sj-lock-'));
    const first = acquireProjectionLock(dataDir, 'first');
    expect(() => acquireProjectionLock(dataDir, 'second')).toThrow(ProjectionLockHeldError);
    first.release();
    first.release();
    acquireProjectionLock(dataDir, 'second').release();
  });
});
