import { createScratchPool } from '../../../../test/support/postgres-pool';
import { PostgresChildSearchIndex } from './postgres-child-search-index';
import { describeChildSearchIndexContract } from './testing/child-search-index.contract';

describeChildSearchIndexContract('PostgreSQL', async () => {
  const scratch = await createScratchPool('child-search');
  return {
    index: await PostgresChildSearchIndex.open(scratch.pool),
    openAnother: () => PostgresChildSearchIndex.open(scratch.url),
    disconnect: scratch.disconnect,
    cleanup: scratch.drop,
  };
});
