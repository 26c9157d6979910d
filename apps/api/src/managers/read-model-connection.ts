import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@sj/config';
import { readModelsFile, SqliteReadModelStore, type ReadModelQueries } from '@sj/read-models';

/** The API's read side of the read models the worker writes: the managers' queries and the projection checkpoint. */
@Injectable()
export class ReadModelConnection implements OnModuleDestroy {
  private readonly store: SqliteReadModelStore;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.store = SqliteReadModelStore.reader(readModelsFile(config.dataDir));
  }

  get readModels(): ReadModelQueries {
    return this.store;
  }

  onModuleDestroy(): Promise<void> {
    return this.store.close();
  }
}
