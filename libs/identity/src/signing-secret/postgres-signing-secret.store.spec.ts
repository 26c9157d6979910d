import { createScratchPool } from '../../../../test/support/postgres-pool';
import { describeLocalSigningSecretContract } from '../testing/local-signing-secret.contract';
import { PostgresSigningSecretStore } from './postgres-signing-secret.store';

describeLocalSigningSecretContract('PostgreSQL', async () => {
  const scratch = await createScratchPool('signing-secret');
  return {
    store: await PostgresSigningSecretStore.open(scratch.pool),
    openAnother: () => PostgresSigningSecretStore.open(scratch.url),
    disconnect: scratch.disconnect,
    cleanup: scratch.drop,
  };
});

describe('the signing secret in PostgreSQL', () => {
  it('refuses a secret shorter than 256 bits written by hand', async () => {
    const scratch = await createScratchPool('signing-secret-weak');
    try {
      await (await PostgresSigningSecretStore.open(scratch.pool)).close();
      await expect(scratch.pool.query("INSERT INTO signing_secrets (name, secret) VALUES ('local-hs256', '\\x0102')")).rejects.toThrow(
        /check constraint/,
      );
    } finally {
      await scratch.drop();
    }
  });
});
