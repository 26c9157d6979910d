import 'reflect-metadata';
import { loadConfig, type AppConfig } from '@sj/config';
import {
  acquireProjectionLock,
  ChildSearchIndexer,
  postgresProjectionLockHolder,
  ProjectionLockHeldError,
  ProjectionRunner,
  rebuildProgressReporter,
  tryPostgresProjectionLock,
  type ProjectionLock,
} from '@sj/read-models';
import { openEventStore } from '../../shared/src/event-store.lifecycle';
import { runMain } from '../../shared/src/run-main';
import { openChildSearchIndex, openReadModelStore } from '../../shared/src/storage';
import { readModelProjections } from './projections/read-model-projections';

/** The read models' writer lock: the lock file in DATA_DIR, or PostgreSQL's advisory lock with DATABASE_URL. */
async function takeProjectionLock(config: AppConfig): Promise<ProjectionLock> {
  if (config.databaseUrl === undefined) return acquireProjectionLock(config.dataDir, 'projections:rebuild');
  const lock = await tryPostgresProjectionLock(config.databaseUrl, 'projections:rebuild');
  if (lock) return lock;
  const holder = (await postgresProjectionLockHolder(config.databaseUrl)) ?? 'another process';
  throw new ProjectionLockHeldError('the PostgreSQL projection lock', `${holder}; stop every worker`);
}

/**
 * `npm run projections:rebuild`: drops every read model and projects the whole log again, with a
 * progress bar on stderr. Refuses while a worker projects (it holds the read-model lock).
 */
runMain('projections:rebuild', async () => {
  const config = loadConfig();
  const lock = await takeProjectionLock(config);
  const store = await openEventStore(config);
  const readModels = await openReadModelStore(config, undefined, 'writer');
  try {
    const runner = new ProjectionRunner(store, readModels, readModelProjections(config), { batchSize: 2000 });
    const progress = rebuildProgressReporter(process.stderr);
    const total = await runner.rebuild((p) => progress.update(p));
    progress.done(total);
    // the search index is derived from the log too; an erased child's stream no longer holds anything to index
    const childSearch = await openChildSearchIndex(config);
    try {
      await new ChildSearchIndexer(store, childSearch, { batchSize: 2000 }).rebuild();
    } finally {
      await childSearch.close();
    }
  } finally {
    await readModels.close();
    await store.close();
    lock.release();
  }
});
