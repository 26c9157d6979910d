import Database from 'better-sqlite3';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeAuditLogContract } from '../testing/audit-log.contract';
import { auditLogFile, SqliteAuditLog } from './sqlite-audit-log';

describeAuditLogContract('SQLite', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sj-audit-'));
  const file = auditLogFile(dir);
  const store = new SqliteAuditLog(file);
  return Promise.resolve({
    store,
    openAnother: () => Promise.resolve(new SqliteAuditLog(file)),
    runStatement: (sql: string) => {
      const db = new Database(file);
      try {
        db.exec(sql);
        return Promise.resolve();
      } catch (error) {
        return Promise.reject(error instanceof Error ? error : new Error(String(error)));
      } finally {
        db.close();
      }
    },
    disconnect: () => store.close(),
    cleanup: () => {
      rmSync(dir, { recursive: true, force: true });
      return Promise.resolve();
    },
  });
});

describe('the SQLite audit file', () => {
  it('is readable by its owner only', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sj-audit-'));
    const store = new SqliteAuditLog(auditLogFile(dir));
    try {
      expect(statSync(auditLogFile(dir)).mode & 0o777).toBe(0o600);
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
