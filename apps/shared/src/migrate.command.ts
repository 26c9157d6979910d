import { loadConfig } from '@sj/config';
import { createPostgresPool, migrateAll } from '@sj/postgres';
import { POSTGRES_SCHEMAS } from './postgres-schemas';

export interface MigrateIo {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
}

/**
 * `npm run migrate`: brings every component's PostgreSQL tables (DATABASE_URL) to this release's version, one
 * line per component, and answers the exit code. Safe to run while other processes start: they wait for it.
 */
export async function runMigrateCommand(io: MigrateIo, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  let config;
  try {
    config = loadConfig(env);
  } catch (error) {
    io.stderr.write(`${(error as Error).message}\n`);
    return 1;
  }
  if (config.databaseUrl === undefined) {
    io.stderr.write(
      'npm run migrate needs DATABASE_URL (e.g. postgres://send_journeys@localhost:5432/send_journeys); the embedded SQLite files migrate themselves\n',
    );
    return 1;
  }
  const pool = createPostgresPool(config.databaseUrl, { max: 1, applicationName: 'send-journeys migrate' });
  try {
    for (const report of await migrateAll(pool, POSTGRES_SCHEMAS)) {
      const applied = report.applied.length === 0 ? 'already up to date' : `applied ${report.applied.join(', ')}`;
      io.stdout.write(`${report.component}: version ${report.version} (${applied})\n`);
    }
    return 0;
  } catch (error) {
    io.stderr.write(`migration failed: ${(error as Error).message}\n`);
    return 1;
  } finally {
    await pool.end();
  }
}
