import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@sj/config';
import type { EventStore } from '@sj/event-store';
import { ChildSearchIndexer, type ChildSearchIndex } from '@sj/read-models';
import { POSTGRES_POOL, type MaybePool } from '../../../shared/src/postgres-pool';
import { openChildSearchIndex } from '../../../shared/src/storage';
import { EVENT_STORE } from '../../../shared/src/tokens';

/**
 * Keeps the index children are found by (GET /children?search=) up to date from the decrypted log while this worker
 * leads: `<DATA_DIR>/child-search.sqlite`, or PostgreSQL with DATABASE_URL. It has its own checkpoint, so a slow
 * or failing index never holds the read models back, nor they it.
 */
@Injectable()
export class ChildSearchIndexService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('ChildSearch');
  private index: ChildSearchIndex | undefined;
  private indexer: ChildSearchIndexer | undefined;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(POSTGRES_POOL) private readonly pool: MaybePool,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.index = await openChildSearchIndex(this.config, this.pool);
  }

  /** In the background, like the projections: an index that cannot start now must not cost the worker its other duties. */
  lead(): Promise<void> {
    if (this.index === undefined || this.indexer !== undefined) return Promise.resolve();
    const indexer = new ChildSearchIndexer(this.store, this.index, {
      onFailure: (error) => this.logger.error({ msg: 'child search indexing failed; resubscribing from its checkpoint', error: error.message }),
    });
    this.indexer = indexer;
    void indexer.start().then(
      () => this.logger.log({ msg: 'child search index following the event log' }),
      (error: unknown) =>
        this.logger.error({ msg: 'child search index failed to start', error: error instanceof Error ? error.message : String(error) }),
    );
    return Promise.resolve();
  }

  async standDown(): Promise<void> {
    const indexer = this.indexer;
    this.indexer = undefined;
    await indexer?.stop();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.standDown();
    await this.index?.close();
    this.index = undefined;
  }
}
