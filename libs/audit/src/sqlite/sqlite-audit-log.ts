import Database from 'better-sqlite3';
import { chmodSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { GroupCommit, isSqliteUnavailable } from '@sj/sqlite';
import {
  AUDIT_CHILD_IDS_SHOWN,
  auditBound,
  AuditLogUnavailableError,
  distinctChildren,
  type AuditAction,
  type AuditEntry,
  type AuditFilter,
  type AuditLogStore,
  type AuditPage,
  type NewAuditEntry,
} from '../audit-log.port';

export function auditLogFile(dataDir: string): string {
  return join(dataDir, 'audit.sqlite');
}

/*
 * Append-only by construction: the adapter has no UPDATE or DELETE on these tables, and triggers refuse both,
 * so even a bug or a hand-typed statement through this schema cannot rewrite who read what.
 */
const SCHEMA = `
  CREATE TABLE IF NOT EXISTS audit_entries (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL, sub TEXT NOT NULL, roles TEXT NOT NULL, action TEXT NOT NULL,
    route TEXT NOT NULL, correlation_id TEXT, child_count INTEGER NOT NULL
  );
  CREATE INDEX IF NOT EXISTS audit_entries_by_sub ON audit_entries (sub, at);
  CREATE INDEX IF NOT EXISTS audit_entries_by_at ON audit_entries (at);
  CREATE TABLE IF NOT EXISTS audit_children (
    child_id TEXT NOT NULL, entry_id INTEGER NOT NULL REFERENCES audit_entries (id),
    PRIMARY KEY (child_id, entry_id)
  ) WITHOUT ROWID;
  CREATE INDEX IF NOT EXISTS audit_children_by_entry ON audit_children (entry_id, child_id);
  CREATE TRIGGER IF NOT EXISTS audit_entries_no_update BEFORE UPDATE ON audit_entries BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
  CREATE TRIGGER IF NOT EXISTS audit_entries_no_delete BEFORE DELETE ON audit_entries BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
  CREATE TRIGGER IF NOT EXISTS audit_children_no_update BEFORE UPDATE ON audit_children BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
  CREATE TRIGGER IF NOT EXISTS audit_children_no_delete BEFORE DELETE ON audit_children BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
`;

interface EntryRow {
  id: number;
  at: string;
  sub: string;
  roles: string;
  action: AuditAction;
  route: string;
  correlation_id: string | null;
  child_count: number;
}

/**
 * The embedded default: `<DATA_DIR>/audit.sqlite` (mode 0600). Entries logged during one turn of the event loop
 * are committed together (one fsync), each in its own savepoint; an entry's promise settles only once it is on disk,
 * so a read still waits for its entry before answering.
 */
export class SqliteAuditLog implements AuditLogStore {
  private readonly db: Database.Database;
  private readonly commits: GroupCommit;
  private readonly insertInTransaction: (entry: NewAuditEntry) => number;

  constructor(private readonly file: string) {
    mkdirSync(dirname(file), { recursive: true });
    this.db = new Database(file);
    chmodSync(file, 0o600);
    this.db.pragma('busy_timeout = 5000');
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.exec(SCHEMA);
    const insertEntry = this.db.prepare(
      'INSERT INTO audit_entries (at, sub, roles, action, route, correlation_id, child_count) VALUES (@at, @sub, @roles, @action, @route, @correlationId, @childCount)',
    );
    const insertChild = this.db.prepare('INSERT INTO audit_children (child_id, entry_id) VALUES (?, ?)');
    this.commits = new GroupCommit(this.db);
    this.insertInTransaction = (entry) => {
      const children = distinctChildren(entry.childIds);
      const id = Number(
        insertEntry.run({
          at: entry.at,
          sub: entry.sub,
          roles: JSON.stringify(entry.roles),
          action: entry.action,
          route: entry.route,
          correlationId: entry.correlationId,
          childCount: children.length,
        }).lastInsertRowid,
      );
      for (const childId of children) insertChild.run(childId, id);
      return id;
    };
  }

  append(entry: NewAuditEntry): Promise<number> {
    return this.commits.run(() => this.insertInTransaction(entry)).catch((error: unknown) => Promise.reject(this.unavailableOr(error)));
  }

  find(filter: AuditFilter): Promise<AuditPage> {
    return this.onFile(() => {
      const conditions: string[] = [];
      const params: Record<string, string | number> = {};
      if (filter.childId !== undefined) {
        conditions.push('e.id IN (SELECT entry_id FROM audit_children WHERE child_id = @childId)');
        params.childId = filter.childId;
      }
      if (filter.sub !== undefined) {
        conditions.push('e.sub = @sub');
        params.sub = filter.sub;
      }
      if (filter.from !== undefined) {
        conditions.push('e.at >= @from');
        params.from = auditBound(filter.from, 'from');
      }
      if (filter.to !== undefined) {
        conditions.push('e.at <= @to');
        params.to = auditBound(filter.to, 'to');
      }
      const where = conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
      // one read transaction: the total and the page come from the same state of the log
      return this.db.transaction(() => {
        const { total } = this.db.prepare(`SELECT COUNT(*) AS total FROM audit_entries e ${where}`).get(params) as { total: number };
        const rows = this.db
          .prepare(`SELECT * FROM audit_entries e ${where} ORDER BY e.id DESC LIMIT @limit OFFSET @offset`)
          .all({ ...params, limit: filter.pageSize, offset: (filter.page - 1) * filter.pageSize }) as EntryRow[];
        const childrenOf = this.db
          .prepare(`SELECT child_id FROM audit_children WHERE entry_id = ? ORDER BY child_id LIMIT ${AUDIT_CHILD_IDS_SHOWN}`)
          .pluck();
        const items = rows.map((r): AuditEntry => ({
          id: r.id,
          at: r.at,
          sub: r.sub,
          roles: JSON.parse(r.roles) as string[],
          action: r.action,
          route: r.route,
          correlationId: r.correlation_id,
          childCount: r.child_count,
          childIds: childrenOf.all(r.id) as string[],
        }));
        return { items, total, page: filter.page, pageSize: filter.pageSize };
      })();
    });
  }

  close(): Promise<void> {
    if (this.db.open) {
      this.commits.flush();
      this.db.close();
    }
    return Promise.resolve();
  }

  private onFile<T>(work: () => T): Promise<T> {
    try {
      return Promise.resolve(work());
    } catch (error) {
      return Promise.reject(this.unavailableOr(error));
    }
  }

  private unavailableOr(error: unknown): Error {
    if (isSqliteUnavailable(error)) return new AuditLogUnavailableError(`SQLite ${this.file}: ${(error as Error).message}`, { cause: error });
    return error instanceof Error ? error : new Error(String(error));
  }
}
