import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';

/** Only one process may write the read models: the worker's runner or a rebuild, never both. */
export class ProjectionLockHeldError extends Error {
  constructor(
    readonly file: string,
    readonly holder: string,
  ) {
    super(`the read models are locked by ${holder} (${file}): stop the worker (or the other rebuild) first`);
    this.name = 'ProjectionLockHeldError';
  }
}

export interface ProjectionLock {
  release(): void;
}

export function projectionLockFile(dataDir: string): string {
  return join(dataDir, 'read-models.lock');
}

/**
 * Takes `<dataDir>/read-models.lock` exclusively (O_EXCL), writing who holds it. A lock left by a
 * process that no longer exists (a crash) is taken over; one held by a live process is refused.
 */
export function acquireProjectionLock(dataDir: string, holder: string): ProjectionLock {
  const file = projectionLockFile(dataDir);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, JSON.stringify({ pid: process.pid, holder, since: new Date().toISOString() }));
      closeSync(fd);
      let released = false;
      return {
        release: () => {
          if (released) return;
          released = true;
          rmSync(file, { force: true });
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const current = readHolder(file);
      if (current && isAlive(current.pid)) throw new ProjectionLockHeldError(file, `${current.holder} (pid ${current.pid})`);
      rmSync(file, { force: true });
    }
  }
  throw new ProjectionLockHeldError(file, 'another process');
}

function readHolder(file: string): { pid: number; holder: string } | undefined {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as { pid?: unknown; holder?: unknown };
    return typeof parsed.pid === 'number' ? { pid: parsed.pid, holder: String(parsed.holder) } : undefined;
  } catch {
    return undefined; // unreadable or half-written: treated as stale
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
