import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, Clock, inclusionConfigOf, type AppConfig } from '@sj/config';
import type { EventStore } from '@sj/event-store';
import { loadAlertsConfig, startAlertPipeline, type AlertPipeline, type AlertsLogger } from '@sj/alerts';
import { RedisHub } from '../../../shared/src/redis-hub';
import { EVENT_STORE } from '../../../shared/src/tokens';

/**
 * Runs the alert pipeline in the worker: outbox consumer, relay, delivery worker, daily clock sweep.
 * It stops in `beforeApplicationShutdown`, so deliveries in flight finish before RedisHub closes the
 * connections they use.
 */
@Injectable()
export class AlertsWorkerService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Alerts');
  private pipeline: AlertPipeline | undefined;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly redis: RedisHub,
    private readonly clock: Clock,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const log: AlertsLogger = {
      info: (msg, fields) => this.logger.log({ msg, ...fields }),
      warn: (msg, fields) => this.logger.warn({ msg, ...fields }),
      error: (msg, fields) => this.logger.error({ msg, ...fields }),
    };
    this.pipeline = await startAlertPipeline({
      store: this.store,
      dataDir: this.config.dataDir,
      producer: this.redis.connection('producer', 'sj-alerts-producer'),
      workerConnection: this.redis.connection('worker', 'sj-alerts-worker'),
      config: loadAlertsConfig(),
      inclusion: inclusionConfigOf(this.config),
      warningWindowDays: this.config.clockWarningWindowDays,
      today: () => this.clock.today(),
      now: () => this.clock.now(),
      logger: log,
    });
    this.logger.log('alerts running');
  }

  async beforeApplicationShutdown(): Promise<void> {
    const pipeline = this.pipeline;
    this.pipeline = undefined;
    await pipeline?.close();
  }
}
