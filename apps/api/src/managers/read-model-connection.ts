import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@sj/config';
import type { ReadModelQueries, ReadModelStore } from '@sj/read-models';
import { POSTGRES_POOL, type MaybePool } from '../../../shared/src/postgres-pool';
import { openReadModelStore } from '../../../shared/src/storage';

/**
 * The API's side of the read models the worker writes: the managers' queries and the projection checkpoint for
 * /health. In PostgreSQL when DATABASE_URL is set (on the process's pool), else `read-models.sqlite`
 * in DATA_DIR; opened before the first request.
 */
@Injectable()
export class ReadModelConnection implements OnModuleInit, OnModuleDestroy {
  private store: ReadModelStore | undefined;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(POSTGRES_POOL) private readonly pool: MaybePool,
  ) {}

  async onModuleInit(): Promise<void> {
    this.store = await openReadModelStore(this.config, this.pool, 'reader');
  }

  get readModels(): ReadModelQueries {
    if (this.store === undefined) throw new Error('the read models are not open yet');
    return this.store;
  }

  async onModuleDestroy(): Promise<void> {
    await this.store?.close();
    this.store = undefined;
  }
}
