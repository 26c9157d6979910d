import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, Clock, inclusionConfigOf, type AppConfig } from '@sj/config';
import type { EventStore } from '@sj/event-store';
import { loadAlertsConfig, startAlertPipeline, sweepCandidatesFrom, type AlertPipeline, type AlertsLogger, type AlertStore } from '@sj/alerts';
import type { ReadModelStore } from '@sj/read-models';
import { POSTGRES_POOL, type MaybePool } from '../../../shared/src/postgres-pool';
import { RedisHub } from '../../../shared/src/redis-hub';
import { openAlertStore, openReadModelStore } from '../../../shared/src/storage';
import { EVENT_STORE } from '../../../shared/src/tokens';

/**
 * Runs the alert pipeline in the worker while it leads (see WorkerLeadershipService): outbox consumer, relay,
 * delivery worker, daily clock sweep. It stops when leadership is lost and in `beforeApplicationShutdown`, so
 * deliveries in flight finish before RedisHub closes the connections they use.
 */
@Injectable()
export class AlertsWorkerService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Alerts');
  private pipeline: AlertPipeline | undefined;
  private alerts: AlertStore | undefined;
  private readModels: ReadModelStore | undefined;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(POSTGRES_POOL) private readonly pool: MaybePool,
    private readonly redis: RedisHub,
    private readonly clock: Clock,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.alerts = await openAlertStore(this.config, this.pool);
    // the sweep judges the clocks the projections keep, wherever they keep them
    this.readModels = await openReadModelStore(this.config, this.pool, 'reader');
  }

  /** This worker now leads: consume, relay, deliver and sweep. */
  async lead(): Promise<void> {
    const { alerts, readModels } = this;
    if (alerts === undefined || readModels === undefined || this.pipeline !== undefined) return;
    const log: AlertsLogger = {
      info: (msg, fields) => this.logger.log({ msg, ...fields }),
      warn: (msg, fields) => this.logger.warn({ msg, ...fields }),
      error: (msg, fields) => this.logger.error({ msg, ...fields }),
    };
    this.pipeline = await startAlertPipeline({
      store: this.store,
      alerts,
      sweepCandidates: sweepCandidatesFrom((from, to) => readModels.dueClocks(from, to)),
      producer: this.redis.connection('producer', 'sj-alerts-producer'),
      workerConnection: this.redis.connection('worker', 'sj-alerts-worker'),
      prefix: this.config.queuePrefix,
      config: loadAlertsConfig(),
      inclusion: inclusionConfigOf(this.config),
      warningWindowDays: this.config.clockWarningWindowDays,
      today: () => this.clock.today(),
      now: () => this.clock.now(),
      logger: log,
    });
    this.logger.log('alerts running');
  }

  /** This worker no longer leads: another may be relaying already. */
  async standDown(): Promise<void> {
    const pipeline = this.pipeline;
    this.pipeline = undefined;
    if (pipeline === undefined) return;
    // the consumer and the relay first, whatever Redis does: they write the alert store, which closes after this
    await pipeline.consumer.stop();
    await pipeline.relay.stop();
    const closing = pipeline.close();
    if (await this.redis.isUp()) await closing;
    else {
      // BullMQ's workers never finish closing while Redis is unreachable (taskforcesh/bullmq#4656). No delivery can be
      // acknowledged then anyway, and every alert not yet delivered waits in the outbox for the next start.
      closing.catch(() => undefined);
      this.logger.warn({ msg: 'Redis is unreachable: the alert queues were left as they are; undelivered alerts wait in the outbox' });
    }
    this.logger.log('alerts stopped');
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.standDown();
    await this.alerts?.close();
    this.alerts = undefined;
    await this.readModels?.close();
    this.readModels = undefined;
  }
}
