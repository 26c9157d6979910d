import { Inject, Injectable, type OnApplicationShutdown, type Provider } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@sj/config';
import type { ChildSearchIndex } from '@sj/read-models';
import { POSTGRES_POOL, type MaybePool } from '../../../shared/src/postgres-pool';
import { openChildSearchIndex } from '../../../shared/src/storage';

/** Injection token of the API's `ChildSearchIndex` (searched by GET /children, emptied of a child by erasure). */
export const CHILD_SEARCH_INDEX = Symbol('CHILD_SEARCH_INDEX');

export const childSearchIndexProvider: Provider = {
  provide: CHILD_SEARCH_INDEX,
  useFactory: (config: AppConfig, pool: MaybePool) => openChildSearchIndex(config, pool),
  inject: [APP_CONFIG, POSTGRES_POOL],
};

@Injectable()
export class ChildSearchIndexLifecycle implements OnApplicationShutdown {
  constructor(@Inject(CHILD_SEARCH_INDEX) private readonly index: ChildSearchIndex) {}

  onApplicationShutdown(): Promise<void> {
    return this.index.close();
  }
}
