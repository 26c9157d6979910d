import Database from 'better-sqlite3';
import { isSqliteUnavailable } from '@sj/sqlite';
import { chmodSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { IdentityStoreUnavailableError } from '../identity-store.errors';

export type IdentityDb = Database.Database;

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS local_accounts (
    sub TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    role TEXT NOT NULL,
    areas TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    disabled INTEGER NOT NULL DEFAULT 0,
    failed_attempts INTEGER NOT NULL DEFAULT 0,
    locked_until TEXT
  ) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS sessions (
    id_hash TEXT PRIMARY KEY,
    sub TEXT NOT NULL,
    name TEXT NOT NULL,
    roles TEXT NOT NULL,
    areas TEXT NOT NULL,
    method TEXT NOT NULL,
    created_at TEXT NOT NULL,
    last_seen_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    csrf_token TEXT NOT NULL,
    id_token TEXT
  ) WITHOUT ROWID;
  CREATE INDEX IF NOT EXISTS sessions_by_sub ON sessions (sub);
`;

/**
 * `<DATA_DIR>/identity.sqlite`: local accounts and sessions, one file for the API processes and the
 * `npm run users` command (WAL, so the command can disable an account while the API runs). Mode 0600
 * and `secure_delete`: it holds password hashes, and ended sessions should not linger in free pages.
 */
export function openIdentityDatabase(file: string): IdentityDb {
  mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  chmodSync(file, 0o600);
  db.pragma('busy_timeout = 5000');
  db.pragma('journal_mode = WAL');
  db.pragma('secure_delete = ON');
  db.exec(SCHEMA);
  return db;
}

/** Runs one statement, answering the port's errors rather than the driver's. */
export function onIdentityFile<T>(work: () => T): Promise<T> {
  try {
    return Promise.resolve(work());
  } catch (error) {
    if (isSqliteUnavailable(error)) return Promise.reject(new IdentityStoreUnavailableError(`SQLite: ${(error as Error).message}`, { cause: error }));
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
}
