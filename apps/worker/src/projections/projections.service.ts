import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@sj/config';
import type { EventStore } from '@sj/event-store';
import {
  acquireProjectionLock,
  postgresProjectionLockHolder,
  projectionLag,
  ProjectionRunner,
  tryPostgresProjectionLock,
  type PostgresProjectionLock,
  type ProjectionLag,
  type ProjectionLock,
  type ReadModelStore,
} from '@sj/read-models';
import { setTimeout as sleep } from 'node:timers/promises';
import { POSTGRES_POOL, type MaybePool } from '../../../shared/src/postgres-pool';
import { openReadModelStore } from '../../../shared/src/storage';
import { EVENT_STORE } from '../../../shared/src/tokens';
import { readModelProjections } from './read-model-projections';

const PROGRESS_LOG_MS = 10_000;
/** How often the leading worker tries the read-model writer lock again while another process holds it (PostgreSQL). */
const STAND_BY_RETRY_MS = 2_000;

/**
 * Keeps the read models up to date from the event log while this worker leads (see WorkerLeadershipService):
 * `<DATA_DIR>/read-models.sqlite`, or PostgreSQL when DATABASE_URL is set. Writing also takes the read-models'
 * writer lock, which `projections:rebuild` takes too: on SQLite the lock file in DATA_DIR (a second worker refuses
 * to start); on PostgreSQL an advisory lock, which the leader waits for, trying again every few seconds, while a
 * rebuild holds it. Stops gracefully (the batch in hand is written with its checkpoint) when leadership is lost and
 * before the event store closes.
 */
@Injectable()
export class ProjectionsService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Projections');
  private lock: ProjectionLock | undefined;
  private readModels: ReadModelStore | undefined;
  private runner: ProjectionRunner | undefined;
  private progressTimer: NodeJS.Timeout | undefined;
  private readonly stopping = new AbortController();
  /** Aborted when this worker stops leading; a new one each time it leads. */
  private leading = new AbortController();

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(POSTGRES_POOL) private readonly pool: MaybePool,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const databaseUrl = this.config.databaseUrl;
    if (databaseUrl === undefined) this.lock = acquireProjectionLock(this.config.dataDir, 'the worker');
    this.readModels = await openReadModelStore(this.config, this.pool, 'writer');
    this.progressTimer = setInterval(() => void this.logProgress(), PROGRESS_LOG_MS);
    this.progressTimer.unref();
  }

  /** This worker now leads: project (on PostgreSQL once the read-model writer lock is free). */
  lead(): Promise<void> {
    const readModels = this.readModels;
    if (readModels === undefined || this.stopping.signal.aborted) return Promise.resolve();
    this.leading = new AbortController();
    const databaseUrl = this.config.databaseUrl;
    if (databaseUrl === undefined) this.project(readModels);
    else void this.standBy(databaseUrl, readModels);
    return Promise.resolve();
  }

  /** This worker no longer leads: another may be projecting already, so the runner stops and the PostgreSQL lock goes. */
  async standDown(): Promise<void> {
    this.leading.abort();
    const runner = this.runner;
    this.runner = undefined;
    await runner?.stop();
    if (this.config.databaseUrl !== undefined) {
      this.lock?.release();
      this.lock = undefined;
    }
  }

  /** checkpoint, head, lagEvents (numeric positions only) and whether this worker's runner has caught up. */
  async lag(): Promise<ProjectionLag & { readonly running: boolean }> {
    const lag = await projectionLag(this.store, this.readModels);
    return { ...lag, caughtUp: lag.caughtUp && (this.runner?.isCaughtUp ?? false), running: this.runner !== undefined };
  }

  private project(readModels: ReadModelStore): void {
    this.runner = new ProjectionRunner(this.store, readModels, readModelProjections(this.config), {
      logger: { info: (msg, fields) => this.logger.log({ msg, ...fields }), error: (msg, fields) => this.logger.error({ msg, ...fields }) },
    });
    // A version change rebuilds before following the log: in the background, so the worker's other parts start meanwhile.
    void this.runner.start().then(
      () => this.logger.log({ msg: 'projections following the event log' }),
      (error: unknown) => this.logger.error({ msg: 'projections failed to start', error: error instanceof Error ? error.message : String(error) }),
    );
  }

  private isStopping(leading: AbortSignal = this.leading.signal): boolean {
    return this.stopping.signal.aborted || leading.aborted;
  }

  /** Until this worker holds the PostgreSQL projection lock, or stops leading. */
  private async standBy(databaseUrl: string, readModels: ReadModelStore, leading = this.leading.signal): Promise<void> {
    let saidSo = false;
    while (!this.isStopping(leading)) {
      try {
        const lock = await tryPostgresProjectionLock(databaseUrl, 'the worker');
        if (lock) {
          if (this.isStopping(leading)) {
            lock.release();
            return;
          }
          this.lock = lock;
          this.logger.log({ msg: 'this worker projects the read models' });
          this.project(readModels);
          void lock.lost.then((error) => this.lostLock(lock, databaseUrl, readModels, error));
          return;
        }
        if (!saidSo) {
          saidSo = true;
          this.logger.log({
            msg: 'another process holds the read-model writer lock (a rebuild?); projecting once it lets go',
            holder: await postgresProjectionLockHolder(databaseUrl),
          });
        }
      } catch (error) {
        this.logger.warn({ msg: 'could not try the projection lock', error: error instanceof Error ? error.message : String(error) });
      }
      await sleep(STAND_BY_RETRY_MS, undefined, { signal: AbortSignal.any([this.stopping.signal, leading]), ref: false }).catch(() => undefined);
    }
  }

  /** The lock's connection ended: another worker may be projecting already, so this one stops and stands by again. */
  private async lostLock(lock: PostgresProjectionLock, databaseUrl: string, readModels: ReadModelStore, error: Error): Promise<void> {
    if (this.isStopping() || this.lock !== lock) return;
    this.logger.error({ msg: 'lost the projection lock; stopped projecting, trying it again', error: error.message });
    this.lock = undefined;
    const runner = this.runner;
    this.runner = undefined;
    await runner?.stop();
    await this.standBy(databaseUrl, readModels);
  }

  private async logProgress(): Promise<void> {
    if (this.runner === undefined) return;
    try {
      const lag = await this.lag();
      if (!lag.caughtUp) this.logger.log({ msg: 'projections catching up', ...lag });
    } catch (error) {
      this.logger.warn({ msg: 'could not read projection lag', error: error instanceof Error ? error.message : String(error) });
    }
  }

  /** Before the event store closes (it closes in onApplicationShutdown). */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopping.abort();
    clearInterval(this.progressTimer);
    await this.runner?.stop();
    this.runner = undefined;
    await this.readModels?.close();
    this.readModels = undefined;
    this.lock?.release();
    this.lock = undefined;
  }
}
