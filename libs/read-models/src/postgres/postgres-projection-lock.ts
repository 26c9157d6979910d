import { hostname } from 'node:os';
import { Client } from 'pg';
import type { ProjectionLock } from '../projection-lock';

/* One key for the whole database: whichever process holds it is the read models' only writer. */
const LOCK_KEY = "hashtext('send-journeys read-model writer')";
const APPLICATION_NAME = 'send-journeys projections';

export interface PostgresProjectionLock extends ProjectionLock {
  /** Resolves when the lock's connection has gone: from then on another process may take the lock. */
  readonly lost: Promise<Error>;
}

/**
 * Tries to become the read models' only writer in PostgreSQL: a session advisory lock held on a connection of its
 * own, outside any pool (a pooled connection would hand the lock to whoever borrows it next). Answers undefined
 * while another process holds it. The server drops the lock the moment that connection ends, however the holder
 * ends (kill -9, a lost host), so a process standing by takes over by trying again; losing the connection is
 * losing the lock, and `lost` says so.
 */
export async function tryPostgresProjectionLock(databaseUrl: string, holder: string): Promise<PostgresProjectionLock | undefined> {
  const client = new Client({
    connectionString: databaseUrl,
    application_name: `${APPLICATION_NAME}: ${holder} (pid ${process.pid} on ${hostname()})`,
  });
  let reportLost: (error: Error) => void = () => undefined;
  const lost = new Promise<Error>((resolve) => (reportLost = resolve));
  let released = false;
  client.on('error', (error) => reportLost(error));
  client.on('end', () => {
    if (!released) reportLost(new Error('the connection holding the projection lock closed'));
  });
  await client.connect();
  try {
    const { rows } = await client.query<{ locked: boolean }>(`SELECT pg_try_advisory_lock(${LOCK_KEY}) AS locked`);
    if (!rows[0].locked) {
      released = true;
      await client.end();
      return undefined;
    }
  } catch (error) {
    released = true;
    await client.end().catch(() => undefined);
    throw error;
  }
  return {
    lost,
    release: () => {
      if (released) return;
      released = true;
      // ending the session releases the lock
      void client.end().catch(() => undefined);
    },
  };
}

/** Who holds the projection lock now, for a stand-by's log line; undefined when nobody does. */
export async function postgresProjectionLockHolder(databaseUrl: string): Promise<string | undefined> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ holder: string }>(
      `SELECT a.application_name AS holder FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
       WHERE l.locktype = 'advisory' AND l.granted AND a.application_name LIKE $1 AND a.pid <> pg_backend_pid()
       LIMIT 1`,
      [`${APPLICATION_NAME}%`],
    );
    return rows.at(0)?.holder;
  } finally {
    await client.end();
  }
}
