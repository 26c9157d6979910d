import type { Pool } from 'pg';
import { isConnectionFailure, openStorePool } from '@sj/postgres';
import { IdentityStoreUnavailableError } from '../identity-store.errors';
import type { IdentityStores } from '../identity-stores';
import { IDENTITY_SCHEMA } from './identity.schema';
import { PostgresLocalAccountStore } from './postgres-local-accounts.store';
import { PostgresSessionStore } from './postgres-sessions.store';

/**
 * Local accounts and sessions in PostgreSQL, its tables brought to this release's version first. Given a
 * DATABASE_URL it opens (and on `close` ends) a small pool of its own, as a one-off command does; given the
 * application's pool it leaves that pool to its owner.
 */
export async function openPostgresIdentityStores(connection: string | Pool): Promise<IdentityStores> {
  const { pool, owned } = await openStorePool(connection, IDENTITY_SCHEMA, { max: 4, applicationName: 'send-journeys identity' }, (error) =>
    isConnectionFailure(error) ? new IdentityStoreUnavailableError(`PostgreSQL: ${(error as Error).message}`, { cause: error }) : error,
  );
  return {
    accounts: new PostgresLocalAccountStore(pool),
    sessions: new PostgresSessionStore(pool),
    close: () => (owned ? pool.end() : Promise.resolve()),
  };
}
