import { createScratchPool } from '../../../../test/support/postgres-pool';
import { describeAlertStoreContract } from '../testing/alert-store.contract';
import { PostgresAlertStore } from './postgres-alert-store';

describeAlertStoreContract('PostgreSQL', async () => {
  const scratch = await createScratchPool('alerts');
  return {
    store: await PostgresAlertStore.open(scratch.pool),
    openAnother: () => PostgresAlertStore.open(scratch.url),
    disconnect: scratch.disconnect,
    cleanup: scratch.drop,
  };
});
