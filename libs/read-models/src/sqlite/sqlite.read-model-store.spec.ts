import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeReadModelContract, type ReadModelPlace } from '../testing/read-model.contract';
import { SqliteReadModelStore } from './sqlite.read-model-store';

/** A read-models file in a temporary directory, and a connection of the test's own beside the store's. */
function sqlitePlace(): ReadModelPlace {
  const dir = mkdtempSync(join(tmpdir(), 'sj-read-models-sqlite-'));
  const file = join(dir, 'read-models.sqlite');
  let side: Database.Database | undefined;
  const connection = (): Database.Database => {
    side ??= new Database(file);
    side.pragma('busy_timeout = 5000');
    return side;
  };
  return {
    open: async () => SqliteReadModelStore.open(file),
    rows: async <T>(sql: string, params: Record<string, string | number | null> = {}) => {
      const statement = connection().prepare(sql);
      if (!statement.reader) {
        statement.run(params);
        return [];
      }
      return statement.all(params) as T[];
    },
    exec: async (sql) => {
      connection().exec(sql);
    },
    remove: async () => {
      side?.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

describeReadModelContract({ name: 'SQLite', createPlace: async () => sqlitePlace() });
