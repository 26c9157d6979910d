import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

export type ReadModelDb = Database.Database;

/**
 * Read models live in their own SQLite file beside the event store: they are disposable
 * (rebuilt from the log at will), the log is not.
 */
export function openReadModelDatabase(file: string, options: { readonly?: boolean } = {}): ReadModelDb {
  mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file, { readonly: options.readonly ?? false, fileMustExist: options.readonly ?? false });
  db.pragma('busy_timeout = 5000');
  tuneReadModelConnection(db);
  if (!options.readonly) {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.exec(`
      CREATE TABLE IF NOT EXISTS projection_checkpoint (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        position TEXT,
        events_projected INTEGER NOT NULL DEFAULT 0,
        last_event_recorded_at TEXT,
        updated_at TEXT NOT NULL
      );
      CREATE TABLE IF NOT EXISTS projection_versions (
        name TEXT PRIMARY KEY,
        version INTEGER NOT NULL
      );
    `);
  }
  return db;
}

/**
 * A 64 MiB page cache (SQLite's default is 2 MiB): with a million-event log the read-model indexes
 * are a few hundred MiB, and both the rebuild's index updates and the managers' range scans were
 * spending most of their time re-reading pages.
 */
export function tuneReadModelConnection(db: ReadModelDb): void {
  // rm_children holds names: a row replaced or scrubbed must not survive in free space (UK GDPR Art. 17).
  db.pragma('secure_delete = ON');
  db.pragma('cache_size = -65536');
  db.pragma('temp_store = MEMORY');
}

export interface Checkpoint {
  readonly position: string | undefined;
  readonly eventsProjected: number;
  readonly lastEventRecordedAt: string | undefined;
  readonly updatedAt: string | undefined;
}

export function readCheckpoint(db: ReadModelDb): Checkpoint {
  const row = db.prepare('SELECT position, events_projected, last_event_recorded_at, updated_at FROM projection_checkpoint WHERE id = 1').get() as
    { position: string | null; events_projected: number; last_event_recorded_at: string | null; updated_at: string } | undefined;
  return {
    position: row?.position ?? undefined,
    eventsProjected: row?.events_projected ?? 0,
    lastEventRecordedAt: row?.last_event_recorded_at ?? undefined,
    updatedAt: row?.updated_at,
  };
}
