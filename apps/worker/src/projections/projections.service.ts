import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@sj/config';
import type { EventStore } from '@sj/event-store';
import {
  acquireProjectionLock,
  projectionLag,
  ProjectionRunner,
  SqliteReadModelStore,
  type ProjectionLag,
  type ProjectionLock,
  type ReadModelStore,
} from '@sj/read-models';
import { EVENT_STORE } from '../../../shared/src/tokens';
import { readModelFile, readModelProjections } from './read-model-projections';

const PROGRESS_LOG_MS = 10_000;

/**
 * Keeps `<DATA_DIR>/read-models.sqlite` up to date from the event log while the worker runs. Holds the
 * read-model lock, so a `projections:rebuild` cannot write at the same time; stops gracefully (the
 * batch in hand is written with its checkpoint) before the event store closes.
 */
@Injectable()
export class ProjectionsService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Projections');
  private lock: ProjectionLock | undefined;
  private readModels: ReadModelStore | undefined;
  private runner: ProjectionRunner | undefined;
  private progressTimer: NodeJS.Timeout | undefined;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.lock = acquireProjectionLock(this.config.dataDir, 'the worker');
    this.readModels = SqliteReadModelStore.open(readModelFile(this.config));
    this.runner = new ProjectionRunner(this.store, this.readModels, readModelProjections(this.config), {
      logger: { info: (msg, fields) => this.logger.log({ msg, ...fields }), error: (msg, fields) => this.logger.error({ msg, ...fields }) },
    });
    // A version change rebuilds before following the log: in the background, so the worker's other parts start meanwhile.
    void this.runner.start().then(
      () => this.logger.log({ msg: 'projections following the event log' }),
      (error: unknown) => this.logger.error({ msg: 'projections failed to start', error: error instanceof Error ? error.message : String(error) }),
    );
    this.progressTimer = setInterval(() => void this.logProgress(), PROGRESS_LOG_MS);
    this.progressTimer.unref();
  }

  /** checkpoint, head, lagEvents (numeric positions only) and whether the runner has caught up. */
  async lag(): Promise<ProjectionLag & { readonly running: boolean }> {
    const lag = await projectionLag(this.store, this.readModels);
    return { ...lag, caughtUp: lag.caughtUp && (this.runner?.isCaughtUp ?? false), running: this.runner !== undefined };
  }

  private async logProgress(): Promise<void> {
    try {
      const lag = await this.lag();
      if (!lag.caughtUp) this.logger.log({ msg: 'projections catching up', ...lag });
    } catch (error) {
      this.logger.warn({ msg: 'could not read projection lag', error: error instanceof Error ? error.message : String(error) });
    }
  }

  /** Before the event store closes (it closes in onApplicationShutdown). */
  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.progressTimer);
    await this.runner?.stop();
    this.runner = undefined;
    await this.readModels?.close();
    this.readModels = undefined;
    this.lock?.release();
  }
}
