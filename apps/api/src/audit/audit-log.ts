import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@sj/config';
import Database from 'better-sqlite3';
import { chmodSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Caller } from '../auth/caller';

/** Reads and erasures of children's records, and every sign-in, sign-out, refused sign-in and lock-out. */
export const AUDIT_ACTIONS = ['read', 'erase', 'sign-in', 'sign-out', 'sign-in-failed', 'locked-out'] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditEntry {
  readonly id: number;
  readonly at: string;
  readonly sub: string;
  readonly roles: readonly string[];
  readonly action: AuditAction;
  /** Method, path and query string as called, e.g. `GET /clocks?area=north&format=csv`. */
  readonly route: string;
  readonly correlationId: string | null;
  readonly childCount: number;
  /** The children the answer named (the first 100; `childCount` says how many). */
  readonly childIds: readonly string[];
}

export interface AuditFilter {
  readonly childId?: string;
  readonly sub?: string;
  /** Inclusive ISO instants or dates. */
  readonly from?: string;
  readonly to?: string;
  readonly page: number;
  readonly pageSize: number;
}

const CHILD_IDS_SHOWN = 100;

/*
 * Append-only by construction: the code has no UPDATE or DELETE on these tables, and triggers refuse
 * both, so even a bug or a hand-typed statement through this schema cannot rewrite who read what.
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

/**
 * Who read which children's records, and who erased whose (UK GDPR Art. 5(2) accountability, Art. 30, and
 * the DPA 2018 s.62 logging of consultation): `<DATA_DIR>/audit.sqlite`. A read is logged before its answer
 * is sent, in one transaction: if the log cannot be written, the read fails rather than go unrecorded.
 */
@Injectable()
export class AuditLog implements OnApplicationShutdown {
  private readonly db: Database.Database;
  private readonly append: (entry: Omit<AuditEntry, 'id' | 'childIds' | 'childCount'>, childIds: readonly string[]) => number;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    mkdirSync(config.dataDir, { recursive: true });
    const file = join(config.dataDir, 'audit.sqlite');
    this.db = new Database(file);
    chmodSync(file, 0o600);
    this.db.pragma('busy_timeout = 5000');
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.exec(SCHEMA);
    const insertEntry = this.db.prepare(
      'INSERT INTO audit_entries (at, sub, roles, action, route, correlation_id, child_count) VALUES (@at, @sub, @roles, @action, @route, @correlationId, @childCount)',
    );
    const insertChild = this.db.prepare('INSERT OR IGNORE INTO audit_children (child_id, entry_id) VALUES (?, ?)');
    this.append = this.db.transaction((entry, childIds) => {
      const unique = [...new Set(childIds)];
      const id = Number(insertEntry.run({ ...entry, roles: JSON.stringify(entry.roles), childCount: unique.length }).lastInsertRowid);
      for (const childId of unique) insertChild.run(childId, id);
      return id;
    });
  }

  record(
    caller: Pick<Caller, 'sub' | 'roles'>,
    action: AuditAction,
    route: string,
    correlationId: string | undefined,
    childIds: readonly string[],
    at: Date = new Date(),
  ): number {
    return this.append({ at: at.toISOString(), sub: caller.sub, roles: caller.roles, action, route, correlationId: correlationId ?? null }, childIds);
  }

  find(filter: AuditFilter): { items: AuditEntry[]; total: number; page: number; pageSize: number } {
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
      params.from = filter.from;
    }
    if (filter.to !== undefined) {
      // a bare date means the whole of that day
      conditions.push('e.at <= @to');
      params.to = /^\d{4}-\d{2}-\d{2}$/.test(filter.to) ? `${filter.to}T23:59:59.999Z` : filter.to;
    }
    const where = conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
    const { total } = this.db.prepare(`SELECT COUNT(*) AS total FROM audit_entries e ${where}`).get(params) as { total: number };
    const rows = this.db
      .prepare(`SELECT * FROM audit_entries e ${where} ORDER BY e.id DESC LIMIT @limit OFFSET @offset`)
      .all({ ...params, limit: filter.pageSize, offset: (filter.page - 1) * filter.pageSize }) as Array<{
      id: number;
      at: string;
      sub: string;
      roles: string;
      action: AuditAction;
      route: string;
      correlation_id: string | null;
      child_count: number;
    }>;
    const childrenOf = this.db.prepare(`SELECT child_id FROM audit_children WHERE entry_id = ? ORDER BY child_id LIMIT ${CHILD_IDS_SHOWN}`).pluck();
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
  }

  onApplicationShutdown(): void {
    if (this.db.open) this.db.close();
  }
}
