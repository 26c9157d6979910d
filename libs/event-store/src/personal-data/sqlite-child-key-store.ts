import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { isSqliteUnavailable } from '@sj/sqlite';
import { ChildKeyStoreUnavailableError, PersonalDataErasedError, type ChildKeyStore } from './child-key-store.port';

export const KEY_BYTES = 32;

export function childKeysFile(dataDir: string): string {
  return join(dataDir, 'keys.sqlite');
}

/**
 * Child keys in their own SQLite file (`<DATA_DIR>/keys.sqlite`, mode 0600), never in the event log.
 * `secure_delete` zeroes a destroyed key's bytes in the page, and a `wal_checkpoint(TRUNCATE)` after
 * each erasure empties the WAL, which would otherwise keep the key's old page (see docs/ENGINEERING.md).
 * Several processes (API, worker) may open the same file: a key is inserted only while no erasure is
 * recorded, in one statement, and always read back, so racing processes agree on the one stored.
 */
export class SqliteChildKeyStore implements ChildKeyStore {
  private readonly db: Database.Database;
  private readonly statements: {
    readonly select: Database.Statement;
    readonly insert: Database.Statement;
    readonly known: Database.Statement;
    readonly erased: Database.Statement;
    readonly remove: Database.Statement;
    readonly tombstone: Database.Statement;
  };
  private readonly destroyTransaction: Database.Transaction<(childId: string, erasedAt: string) => { erasedAt: string; alreadyErased: boolean }>;

  constructor(private readonly file: string) {
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
      insert: this.db.prepare(
        `INSERT OR IGNORE INTO child_keys (child_id, key, created_at)
         SELECT @childId, @key, @at WHERE NOT EXISTS (SELECT 1 FROM erased_children WHERE child_id = @childId)`,
      ),
      known: this.db.prepare(
        `SELECT j.value AS child_id, k.key AS key, e.erased_at AS erased_at FROM json_each(?) j
         LEFT JOIN child_keys k ON k.child_id = j.value LEFT JOIN erased_children e ON e.child_id = j.value
         WHERE k.key IS NOT NULL OR e.erased_at IS NOT NULL`,
      ),
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

  keyFor(childId: string): Promise<Buffer> {
    return this.onFile(() => {
      const existing = this.statements.select.get(childId) as { key: Buffer } | undefined;
      if (existing) return existing.key;
      this.statements.insert.run({ childId, key: randomBytes(KEY_BYTES), at: new Date().toISOString() });
      const stored = this.statements.select.get(childId) as { key: Buffer } | undefined;
      if (!stored) throw new PersonalDataErasedError(childId);
      return stored.key;
    });
  }

  existingKeys(childIds: readonly string[]): Promise<ReadonlyMap<string, Buffer | 'erased'>> {
    return this.onFile(() => {
      const rows = this.statements.known.all(JSON.stringify([...new Set(childIds)])) as {
        child_id: string;
        key: Buffer | null;
        erased_at: string | null;
      }[];
      return new Map(rows.map((row) => [row.child_id, row.key ?? 'erased']));
    });
  }

  destroy(childId: string, erasedAt: string): Promise<{ readonly erasedAt: string; readonly alreadyErased: boolean }> {
    return this.onFile(() => {
      const result = this.destroyTransaction.immediate(childId, erasedAt);
      this.db.pragma('wal_checkpoint(TRUNCATE)');
      return result;
    });
  }

  close(): Promise<void> {
    if (this.db.open) this.db.close();
    return Promise.resolve();
  }

  private onFile<T>(work: () => T): Promise<T> {
    try {
      return Promise.resolve(work());
    } catch (error) {
      if (isSqliteUnavailable(error)) {
        return Promise.reject(new ChildKeyStoreUnavailableError(`SQLite ${this.file}: ${(error as Error).message}`, { cause: error }));
      }
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }
}
