import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteChildSearchIndex } from './sqlite-child-search-index';
import { describeChildSearchIndexContract } from './testing/child-search-index.contract';

describeChildSearchIndexContract('SQLite files in DATA_DIR', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'sj-search-'));
  const index = await SqliteChildSearchIndex.open(dataDir);
  return {
    index,
    openAnother: () => SqliteChildSearchIndex.open(dataDir),
    disconnect: () => index.close(),
    cleanup: () => {
      rmSync(dataDir, { recursive: true, force: true });
      return Promise.resolve();
    },
  };
});
