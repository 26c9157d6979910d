import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isSqliteUnavailable } from './sqlite-failure';

describe('telling an unavailable SQLite file from a wrong statement', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'sj-sqlite-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function failureOf(work: () => unknown): unknown {
    try {
      work();
    } catch (error) {
      return error;
    }
    throw new Error('expected the work to fail');
  }

  it('calls a closed connection unavailable', () => {
    const db = new Database(join(dir, 'a.sqlite'));
    db.close();
    expect(isSqliteUnavailable(failureOf(() => db.prepare('SELECT 1').get()))).toBe(true);
  });

  it('calls a write lock held by another connection unavailable', () => {
    const holder = new Database(join(dir, 'b.sqlite'));
    holder.exec('CREATE TABLE t (n INTEGER)');
    holder.exec('BEGIN IMMEDIATE');
    const other = new Database(join(dir, 'b.sqlite'), { timeout: 0 });
    try {
      expect(isSqliteUnavailable(failureOf(() => other.exec('INSERT INTO t VALUES (1)')))).toBe(true);
    } finally {
      holder.exec('ROLLBACK');
      holder.close();
      other.close();
    }
  });

  it('leaves a broken statement or a refused row as it is', () => {
    const db = new Database(join(dir, 'c.sqlite'));
    db.exec('CREATE TABLE t (n INTEGER PRIMARY KEY)');
    db.exec('INSERT INTO t VALUES (1)');
    try {
      expect(isSqliteUnavailable(failureOf(() => db.exec('SELEC 1')))).toBe(false);
      expect(isSqliteUnavailable(failureOf(() => db.exec('INSERT INTO t VALUES (1)')))).toBe(false);
      expect(isSqliteUnavailable(new Error('anything else'))).toBe(false);
    } finally {
      db.close();
    }
  });
});
