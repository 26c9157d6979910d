import Database from 'better-sqlite3';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
 * Holds an exclusive SQLite transaction on `<dataDir>/read-models.lock` for as long as the lock is held. The
 * operating system keeps that file lock for the open connection and drops it the moment the process ends, however
 * it ends (kill -9, a crash, node as pid 1 in a container), so a restart straight after a crash takes the lock,
 * and a live holder is never mistaken for a dead one, as a pid written to a file could be after pid reuse.
 * Who holds it is written beside it, for the refusal's message only.
 */
export function acquireProjectionLock(dataDir: string, holder: string): ProjectionLock {
  mkdirSync(dataDir, { recursive: true });
  const file = projectionLockFile(dataDir);
  const db = openLockedDatabase(file);
  writeFileSync(holderFile(file), `${holder} (pid ${process.pid}, since ${new Date().toISOString()})`);
  let released = false;
  return {
    release: () => {
      if (released) return;
      released = true;
      db.exec('ROLLBACK');
      db.close();
    },
  };
}

function openLockedDatabase(file: string): Database.Database {
  for (let attempt = 0; ; attempt++) {
    const db = new Database(file, { timeout: 0 });
    try {
      db.pragma('journal_mode = DELETE');
      db.exec('BEGIN EXCLUSIVE');
      return db;
    } catch (error) {
      db.close();
      if (isBusy(error)) throw new ProjectionLockHeldError(file, readHolder(file));
      // a pid file left by an earlier release's lock is not a lock any more: nothing holds it
      if (attempt === 0 && codeOf(error) === 'SQLITE_NOTADB') rmSync(file, { force: true });
      else throw error;
    }
  }
}

function holderFile(lockFile: string): string {
  return `${lockFile}.holder`;
}

function readHolder(lockFile: string): string {
  try {
    return readFileSync(holderFile(lockFile), 'utf8');
  } catch {
    return 'another process';
  }
}

function codeOf(error: unknown): unknown {
  return (error as { code?: unknown }).code;
}

function isBusy(error: unknown): boolean {
  return codeOf(error) === 'SQLITE_BUSY' || codeOf(error) === 'SQLITE_LOCKED';
}
