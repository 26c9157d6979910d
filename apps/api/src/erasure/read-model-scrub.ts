import { ERASED_CHILDREN_SCHEMA, tuneReadModelConnection } from '@sj/read-models';
import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Nulls an erased child's personal columns in `read-models.sqlite` now, rather than when the worker next
 * touches the child, and records the erasure there so the `rm_children_stay_erased` trigger keeps them null
 * whatever the worker writes later. `secure_delete` (set by tuneReadModelConnection) zeroes the old bytes;
 * the TRUNCATE checkpoint copies the scrubbed pages into the file and empties the WAL, which still held the
 * old pages. Retried while a reader (the API's or the worker's connection) pins the WAL.
 */
export async function scrubReadModels(file: string, childId: string, erasedAt: string): Promise<{ readonly walTruncated: boolean }> {
  if (!existsSync(file)) return { walTruncated: true };
  const db = new Database(file);
  try {
    db.pragma('busy_timeout = 5000');
    tuneReadModelConnection(db);
    const hasChildren = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'rm_children'").get() !== undefined;
    if (hasChildren) db.exec(ERASED_CHILDREN_SCHEMA);
    else db.exec('CREATE TABLE IF NOT EXISTS rm_erased_children (child_id TEXT PRIMARY KEY, erased_at TEXT NOT NULL) WITHOUT ROWID;');
    db.transaction(() => {
      db.prepare('INSERT OR IGNORE INTO rm_erased_children (child_id, erased_at) VALUES (?, ?)').run(childId, erasedAt);
      if (hasChildren) db.prepare('UPDATE rm_children SET given_name = NULL, family_name = NULL, date_of_birth = NULL WHERE child_id = ?').run(childId);
    }).immediate();
    return { walTruncated: await truncateWal(db) };
  } finally {
    db.close();
  }
}

/** `wal_checkpoint(TRUNCATE)` until it completes (busy = 0), for up to about five seconds. */
export async function truncateWal(db: Database.Database): Promise<boolean> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const [result] = db.pragma('wal_checkpoint(TRUNCATE)') as Array<{ busy: number }>;
    if (result?.busy === 0) return true;
    await sleep(100);
  }
  return false;
}
