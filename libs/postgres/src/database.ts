import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/** A database of its own on a server, for one test file or one bench run. */
export interface ScratchDatabase {
  readonly url: string;
  readonly name: string;
  /** Drops the database, closing whatever connections are still open on it. */
  drop(): Promise<void>;
}

/**
 * Creates an empty database on the server `serverUrl` points at (any database on it; the new one is a sibling)
 * and returns its URL.
 */
export async function createScratchDatabase(serverUrl: string, label = 'scratch'): Promise<ScratchDatabase> {
  const name = `sj_${label
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .slice(0, 30)}_${randomBytes(4).toString('hex')}`;
  await onServer(serverUrl, (client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    drop: () => onServer(serverUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}

async function onServer<T>(serverUrl: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
