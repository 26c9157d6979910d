import 'reflect-metadata';
import { loadConfig } from '@sj/config';
import { acquireProjectionLock, ProjectionRunner, rebuildProgressReporter, SqliteReadModelStore } from '@sj/read-models';
import { openEventStore } from '../../shared/src/event-store.lifecycle';
import { runMain } from '../../shared/src/run-main';
import { readModelFile, readModelProjections } from './projections/read-model-projections';

/**
 * `npm run projections:rebuild`: drops every read model and projects the whole log again, with a
 * progress bar on stderr. Refuses while the worker runs (it holds the read-model lock).
 */
runMain('projections:rebuild', async () => {
  const config = loadConfig();
  const lock = acquireProjectionLock(config.dataDir, 'projections:rebuild');
  const store = await openEventStore(config);
  const readModels = SqliteReadModelStore.open(readModelFile(config));
  try {
    const runner = new ProjectionRunner(store, readModels, readModelProjections(config), { batchSize: 2000 });
    const progress = rebuildProgressReporter(process.stderr);
    const total = await runner.rebuild((p) => progress.update(p));
    progress.done(total);
  } finally {
    await readModels.close();
    await store.close();
    lock.release();
  }
});
