import type { Pool } from 'pg';
import { createScratchPool } from '../../../../test/support/postgres-pool';
import { describeLocalAccountStoreContract, type ContractFixture } from '../testing/local-accounts.contract';
import { describeSessionStoreContract } from '../testing/sessions.contract';
import { openPostgresIdentityStores } from './postgres-identity.stores';
import { PostgresLocalAccountStore } from './postgres-local-accounts.store';
import { PostgresSessionStore } from './postgres-sessions.store';

function fresh<T>(make: (pool: Pool) => T): () => Promise<ContractFixture<T>> {
  return async () => {
    const scratch = await createScratchPool('identity');
    await openPostgresIdentityStores(scratch.pool);
    return { store: make(scratch.pool), disconnect: scratch.disconnect, cleanup: scratch.drop };
  };
}

describeLocalAccountStoreContract(
  'PostgreSQL',
  fresh((pool) => new PostgresLocalAccountStore(pool)),
);
describeSessionStoreContract(
  'PostgreSQL',
  fresh((pool) => new PostgresSessionStore(pool)),
);

describe('the PostgreSQL identity tables', () => {
  it('are shared by every process on the database: an account disabled by the users command is disabled for the API', async () => {
    const scratch = await createScratchPool('identity-shared');
    try {
      const command = await openPostgresIdentityStores(scratch.url);
      const api = await openPostgresIdentityStores(scratch.url);
      await command.accounts.add({ sub: 'cw-1', name: 'A', role: 'caseworker', areas: ['north'], passwordHash: 'h' });
      await command.accounts.setDisabled('cw-1', true);
      await command.close();
      expect((await api.accounts.find('cw-1'))?.disabled).toBe(true);
      await api.close();
    } finally {
      await scratch.drop();
    }
  });
});
