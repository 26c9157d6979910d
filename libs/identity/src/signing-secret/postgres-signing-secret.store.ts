import { randomBytes } from 'node:crypto';
import type { Pool } from 'pg';
import { isConnectionFailure, openStorePool, type SchemaComponent } from '@sj/postgres';
import { LOCAL_SECRET_BYTES, SigningSecretUnavailableError, type LocalSigningSecretStore } from './local-signing-secret.port';

/** One row per secret; today only `local-hs256`. The CHECK refuses a secret too short to trust. */
export const SIGNING_SECRET_SCHEMA: SchemaComponent = {
  component: 'signing-secret',
  migrations: [
    {
      version: 1,
      name: 'local signing secrets',
      sql: `
        CREATE TABLE signing_secrets (
          name text PRIMARY KEY,
          secret bytea NOT NULL CHECK (octet_length(secret) >= ${LOCAL_SECRET_BYTES}),
          created_at timestamptz NOT NULL DEFAULT now()
        );
      `,
    },
  ],
};

const NAME = 'local-hs256';

/**
 * The secret in PostgreSQL, so API processes on any host (and `npm run token` anywhere) sign and check with the
 * same one and keep nothing on local disk. The first process inserts; a racing one's insert does nothing and both
 * read back the stored row.
 */
export class PostgresSigningSecretStore implements LocalSigningSecretStore {
  private constructor(
    private readonly pool: Pool,
    private readonly ownsPool: boolean,
  ) {}

  /** Brings the table to this release's version first; given a URL, opens (and on `close` ends) a pool of its own. */
  static async open(connection: string | Pool): Promise<PostgresSigningSecretStore> {
    const { pool, owned } = await openStorePool(
      connection,
      SIGNING_SECRET_SCHEMA,
      { max: 2, applicationName: 'send-journeys signing secret' },
      toPortError,
    );
    return new PostgresSigningSecretStore(pool, owned);
  }

  async secret(): Promise<Uint8Array> {
    try {
      // Two statements: the read needs a snapshot taken after a racing insert it waited for has committed.
      await this.pool.query('INSERT INTO signing_secrets (name, secret) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING', [
        NAME,
        randomBytes(LOCAL_SECRET_BYTES),
      ]);
      const { rows } = await this.pool.query<{ secret: Buffer }>('SELECT secret FROM signing_secrets WHERE name = $1', [NAME]);
      return new Uint8Array(rows[0].secret);
    } catch (error) {
      throw toPortError(error);
    }
  }

  async close(): Promise<void> {
    if (this.ownsPool) await this.pool.end();
  }
}

function toPortError(error: unknown): unknown {
  return isConnectionFailure(error) ? new SigningSecretUnavailableError(`PostgreSQL: ${(error as Error).message}`, { cause: error }) : error;
}
