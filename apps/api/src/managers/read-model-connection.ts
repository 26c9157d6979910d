import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@sj/config';
import { tuneReadModelConnection, type ReadModelDb } from '@sj/read-models';
import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The API's connection to `<DATA_DIR>/read-models.sqlite`, which the worker writes. Opened on first
 * use, because the API may start before the worker has created the file; until it exists, queries
 * run against an empty in-memory database and so answer empty results rather than fail.
 * `query_only` makes the connection read-only without a read-only open, which SQLite refuses for a
 * WAL database whose -shm file does not exist yet.
 */
@Injectable()
export class ReadModelConnection implements OnModuleDestroy {
  private readonly file: string;
  private opened: ReadModelDb | undefined;
  private empty: ReadModelDb | undefined;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.file = join(config.dataDir, 'read-models.sqlite');
  }

  db(): ReadModelDb {
    if (this.opened) return this.opened;
    if (!existsSync(this.file)) return (this.empty ??= new Database(':memory:'));
    const db = new Database(this.file, { fileMustExist: true });
    db.pragma('busy_timeout = 5000');
    db.pragma('query_only = ON');
    tuneReadModelConnection(db);
    this.opened = db;
    return db;
  }

  onModuleDestroy(): void {
    this.opened?.close();
    this.empty?.close();
  }
}
