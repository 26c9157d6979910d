import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { isSqliteUnavailable } from '@sj/sqlite';
import {
  ChildSearchUnavailableError,
  SEARCH_KEY_BYTES,
  type ChildSearchBatch,
  type ChildSearchIndex,
  type ChildSearchPage,
  type ChildSearchRequest,
} from './child-search-index.port';

export function childSearchFile(dataDir: string): string {
  return join(dataDir, 'child-search.sqlite');
}

/** The hashing key beside, never inside, the index: a copy of the index file alone cannot be tested against guesses. */
export function childSearchKeyFile(dataDir: string): string {
  return join(dataDir, 'child-search.key');
}

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS child_search_children (child_id TEXT PRIMARY KEY, area TEXT NOT NULL) WITHOUT ROWID;
  CREATE INDEX IF NOT EXISTS child_search_children_by_area ON child_search_children (area, child_id);
  CREATE TABLE IF NOT EXISTS child_search_terms (term TEXT NOT NULL, child_id TEXT NOT NULL, PRIMARY KEY (term, child_id)) WITHOUT ROWID;
  CREATE INDEX IF NOT EXISTS child_search_terms_by_child ON child_search_terms (child_id);
  CREATE TABLE IF NOT EXISTS child_search_erased (child_id TEXT PRIMARY KEY, erased_at TEXT NOT NULL) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS child_search_checkpoint (id INTEGER PRIMARY KEY CHECK (id = 1), position TEXT NOT NULL);
`;

/** File-system failures that mean "not now" for the key file. */
const UNAVAILABLE = new Set(['ENOENT', 'EACCES', 'EPERM', 'ENOTDIR', 'EISDIR', 'EROFS', 'ENOSPC', 'EIO']);

/**
 * The index in `<DATA_DIR>/child-search.sqlite` (mode 0600), its key in `<DATA_DIR>/child-search.key` (mode 0600).
 * The worker writes, the API reads and forgets: SQLite serialises their transactions, and a write inserts a child's
 * rows only while no erasure of the child is recorded, so an erasure between two batches is never undone.
 * `secure_delete` and a `wal_checkpoint(TRUNCATE)` after forgetting leave no copy of the child's hashes in the file.
 */
export class SqliteChildSearchIndex implements ChildSearchIndex {
  readonly kind = 'sqlite';
  private readonly db: Database.Database;

  private constructor(
    private readonly file: string,
    private readonly keyFile: string,
  ) {
    mkdirSync(dirname(file), { recursive: true });
    this.db = new Database(file);
    chmodSync(file, 0o600);
    this.db.pragma('busy_timeout = 5000');
    this.db.pragma('secure_delete = ON');
    this.db.pragma('journal_mode = WAL');
    this.db.exec(SCHEMA);
  }

  static open(dataDir: string): Promise<SqliteChildSearchIndex> {
    try {
      return Promise.resolve(new SqliteChildSearchIndex(childSearchFile(dataDir), childSearchKeyFile(dataDir)));
    } catch (error) {
      return Promise.reject(toPortError(error, childSearchFile(dataDir)));
    }
  }

  hashKey(): Promise<Buffer> {
    const file = this.keyFile;
    try {
      try {
        writeFileSync(file, randomBytes(SEARCH_KEY_BYTES).toString('base64url'), { mode: 0o600, flag: 'wx' });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      const key = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64url');
      if (key.length < SEARCH_KEY_BYTES) throw new ChildSearchUnavailableError(`${file} holds fewer than 256 bits`);
      return Promise.resolve(key);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== undefined && UNAVAILABLE.has(code)) {
        return Promise.reject(new ChildSearchUnavailableError(`${file}: ${(error as Error).message}`, { cause: error }));
      }
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }

  checkpoint(): Promise<string | undefined> {
    return this.onFile(
      () => (this.db.prepare('SELECT position FROM child_search_checkpoint WHERE id = 1').get() as { position: string } | undefined)?.position,
    );
  }

  write(batch: ChildSearchBatch): Promise<void> {
    return this.onFile(() => {
      const removeTerms = this.db.prepare('DELETE FROM child_search_terms WHERE child_id = ?');
      const removeChild = this.db.prepare('DELETE FROM child_search_children WHERE child_id = ?');
      const notErased = 'WHERE NOT EXISTS (SELECT 1 FROM child_search_erased WHERE child_id = @childId)';
      const addChild = this.db.prepare(`INSERT INTO child_search_children (child_id, area) SELECT @childId, @area ${notErased}`);
      const addTerm = this.db.prepare(`INSERT OR IGNORE INTO child_search_terms (term, child_id) SELECT @term, @childId ${notErased}`);
      const move = this.db.prepare(
        'INSERT INTO child_search_checkpoint (id, position) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET position = excluded.position',
      );
      this.db
        .transaction(() => {
          for (const { childId, area, termHashes } of batch.entries) {
            removeTerms.run(childId);
            removeChild.run(childId);
            if (area === undefined) continue;
            addChild.run({ childId, area });
            for (const term of termHashes) addTerm.run({ term, childId });
          }
          move.run(batch.position);
        })
        .immediate();
    });
  }

  clear(): Promise<void> {
    return this.onFile(() => {
      this.db.exec('DELETE FROM child_search_terms; DELETE FROM child_search_children; DELETE FROM child_search_checkpoint;');
    });
  }

  find(request: ChildSearchRequest): Promise<ChildSearchPage> {
    return this.onFile(() => {
      const params: unknown[] = [];
      const matches = request.anyOf
        .filter((group) => group.length > 0)
        .map((group) => {
          const distinct = [...new Set(group)];
          params.push(JSON.stringify(distinct), distinct.length);
          return 'SELECT child_id FROM child_search_terms WHERE term IN (SELECT value FROM json_each(?)) GROUP BY child_id HAVING count(*) = ?';
        });
      if (request.childId !== undefined) {
        matches.push('SELECT ? AS child_id');
        params.push(request.childId);
      }
      if (matches.length === 0) return { childIds: [], total: 0 };
      let where = `c.child_id IN (${matches.join(' UNION ')})`;
      if (request.areas !== 'all') {
        where += ' AND c.area IN (SELECT value FROM json_each(?))';
        params.push(JSON.stringify(request.areas));
      }
      const read = this.db.transaction(() => {
        const { total } = this.db.prepare(`SELECT count(*) AS total FROM child_search_children c WHERE ${where}`).get(...params) as { total: number };
        const rows = this.db
          .prepare(`SELECT c.child_id FROM child_search_children c WHERE ${where} ORDER BY c.child_id LIMIT ? OFFSET ?`)
          .all(...params, request.pageSize, (request.page - 1) * request.pageSize) as { child_id: string }[];
        return { childIds: rows.map((row) => row.child_id), total };
      });
      return read();
    });
  }

  async forget(childId: string, erasedAt: string): Promise<void> {
    await this.onFile(() => {
      this.db
        .transaction(() => {
          this.db.prepare('INSERT OR IGNORE INTO child_search_erased (child_id, erased_at) VALUES (?, ?)').run(childId, erasedAt);
          this.db.prepare('DELETE FROM child_search_terms WHERE child_id = ?').run(childId);
          this.db.prepare('DELETE FROM child_search_children WHERE child_id = ?').run(childId);
        })
        .immediate();
      this.db.pragma('wal_checkpoint(TRUNCATE)');
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
      return Promise.reject(toPortError(error, this.file));
    }
  }
}

function toPortError(error: unknown, file: string): Error {
  if (error instanceof ChildSearchUnavailableError) return error;
  if (isSqliteUnavailable(error)) return new ChildSearchUnavailableError(`SQLite ${file}: ${(error as Error).message}`, { cause: error });
  return error instanceof Error ? error : new Error(String(error));
}
