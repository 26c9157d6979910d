import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { PersonalDataErasedError, type ChildKeyStore } from './child-key-store.port';

export const KEY_BYTES = 32;

export function childKeysFile(dataDir: string): string {
  return join(dataDir, 'keys.sqlite');
}

/**
 * Child keys in their own SQLite file (`<DATA_DIR>/keys.sqlite`, mode 0600), never in the event log.
 * `secure_delete` zeroes a destroyed key's bytes in the page, and a `wal_checkpoint(TRUNCATE)` after
 * each erasure empties the WAL, which would otherwise keep the key's old page (see docs/ENGINEERING.md).
 * Several processes (API, worker) may open the same file: keys are created with INSERT OR IGNORE and
 * always read back, so two processes racing to make a key agree on the one stored.
 */
export class SqliteChildKeyStore implements ChildKeyStore {
  private readonly db: Database.Database;
  private readonly statements: {
    readonly select: Database.Statement;
    readonly insert: Database.Statement;
    readonly erased: Database.Statement;
    readonly remove: Database.Statement;
    readonly tombstone: Database.Statement;
  };
  private readonly destroyTransaction: Database.Transaction<(childId: string, erasedAt: string) => { erasedAt: string; alreadyErased: boolean }>;

  constructor(file: string) {
    mkdirSync(dirname(file), { recursive: true });
    this.db = new Database(file);
    chmodSync(file, 0o600);
    this.db.pragma('busy_timeout = 5000');
    this.db.pragma('secure_delete = ON');
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS child_keys (child_id TEXT PRIMARY KEY, key BLOB NOT NULL, created_at TEXT NOT NULL) WITHOUT ROWID;
      CREATE TABLE IF NOT EXISTS erased_children (child_id TEXT PRIMARY KEY, erased_at TEXT NOT NULL) WITHOUT ROWID;
    `);
    this.statements = {
      select: this.db.prepare('SELECT key FROM child_keys WHERE child_id = ?'),
      insert: this.db.prepare('INSERT OR IGNORE INTO child_keys (child_id, key, created_at) VALUES (?, ?, ?)'),
      erased: this.db.prepare('SELECT erased_at FROM erased_children WHERE child_id = ?'),
      remove: this.db.prepare('DELETE FROM child_keys WHERE child_id = ?'),
      tombstone: this.db.prepare('INSERT OR IGNORE INTO erased_children (child_id, erased_at) VALUES (?, ?)'),
    };
    this.destroyTransaction = this.db.transaction((childId: string, erasedAt: string) => {
      const before = this.statements.erased.get(childId) as { erased_at: string } | undefined;
      this.statements.remove.run(childId);
      this.statements.tombstone.run(childId, erasedAt);
      return { erasedAt: before?.erased_at ?? erasedAt, alreadyErased: before !== undefined };
    });
  }

  keyFor(childId: string): Buffer {
    const existing = this.existingKey(childId);
    if (existing === 'erased') throw new PersonalDataErasedError(childId);
    if (existing !== undefined) return existing;
    this.statements.insert.run(childId, randomBytes(KEY_BYTES), new Date().toISOString());
    return (this.statements.select.get(childId) as { key: Buffer }).key;
  }

  existingKey(childId: string): Buffer | 'erased' | undefined {
    const row = this.statements.select.get(childId) as { key: Buffer } | undefined;
    if (row) return row.key;
    return this.statements.erased.get(childId) !== undefined ? 'erased' : undefined;
  }

  destroy(childId: string, erasedAt: string): { readonly erasedAt: string; readonly alreadyErased: boolean } {
    const result = this.destroyTransaction.immediate(childId, erasedAt);
    this.db.pragma('wal_checkpoint(TRUNCATE)');
    return result;
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
