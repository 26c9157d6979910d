import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@sj/config';
import { createPostgresLeaderLock, LeaderLockReleasedError, postgresLeaderHolder, WORKER_LEADER_KEY, type LeaderLock } from '@sj/postgres';
import { setTimeout as sleep } from 'node:timers/promises';
import { AlertsWorkerService } from '../alerts/alerts-worker.service';
import { ChildSearchIndexService } from '../projections/child-search-index.service';
import { ProjectionsService } from '../projections/projections.service';

/**
 * How long a worker that has just lost leadership waits before standing again: its own connection failed, so a
 * standby (polling every second) is the better leader, and is given a few rounds to take over first.
 */
const STAND_AGAIN_AFTER_LOSS_MS = 3_000;

/** What only the leading worker does; started when it leads, stopped when it no longer does. */
interface LeaderDuty {
  lead(): Promise<void>;
  standDown(): Promise<void>;
}

/**
 * Decides whether this worker projects, relays alerts and sweeps the clocks. With DATABASE_URL any number of workers
 * run: they compete for a PostgreSQL advisory lock (libs/postgres leader-lock), one leads and the others stand by,
 * polling every second, so one of them takes over within seconds when the leader's session ends (a crash, SIGKILL,
 * a lost host). A leader that loses its lock's connection stops its duties at once, since another worker may
 * already have taken them, and stands by again. On SQLite there is one worker per DATA_DIR (the read-model lock
 * file refuses a second), and it always leads.
 */
@Injectable()
export class WorkerLeadershipService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Leadership');
  private readonly duties: readonly LeaderDuty[];
  private lock: LeaderLock | undefined;
  private leading = false;
  private stopping = false;
  /** Leading and standing down one after the other, never overlapping. */
  private transitions: Promise<void> = Promise.resolve();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    projections: ProjectionsService,
    alerts: AlertsWorkerService,
    childSearch: ChildSearchIndexService,
  ) {
    this.duties = [projections, alerts, childSearch];
  }

  /** Whether this worker is the one that projects, relays and sweeps now. */
  get isLeader(): boolean {
    return this.leading;
  }

  async onApplicationBootstrap(): Promise<void> {
    const databaseUrl = this.config.databaseUrl;
    if (databaseUrl === undefined) {
      // a failure to start (Redis evicting keys, say) stops the worker at start, as it always has
      await this.startDuties();
      this.logger.log({ msg: 'this worker leads: one worker per data folder on SQLite', leader: true });
      return;
    }
    const lock = createPostgresLeaderLock(databaseUrl, {
      name: 'worker',
      key: WORKER_LEADER_KEY,
      onStandingBy: () => void this.sayWhoLeads(databaseUrl),
    });
    lock.onLost((error) => {
      this.transitions = this.transitions.then(() => this.lost(error));
    });
    this.lock = lock;
    this.campaign(lock);
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    await this.transitions;
    // duties stop before the lock goes, so the next leader never overlaps this one's last batch
    if (this.leading) await this.stopDuties();
    await this.lock?.release();
  }

  private campaign(lock: LeaderLock): void {
    void lock.acquire().then(
      () => {
        this.transitions = this.transitions.then(() => this.won(lock));
      },
      (error: unknown) => {
        if (!(error instanceof LeaderLockReleasedError)) this.logger.error({ msg: 'could not stand for leadership', error: messageOf(error) });
      },
    );
  }

  private async won(lock: LeaderLock): Promise<void> {
    if (this.stopping || !lock.isLeader) return;
    this.logger.log({ msg: 'this worker leads: projections, alerts and the clock sweep run here', leader: true });
    try {
      await this.startDuties();
    } catch (error) {
      // another worker may manage what this one could not (its Redis, say): hand leadership over
      this.logger.error({ msg: 'could not start the leader duties; handing leadership over', leader: false, error: messageOf(error) });
      await this.stopDuties();
      await lock.release();
      this.standAgainLater(lock);
    }
  }

  private async lost(error: Error): Promise<void> {
    this.logger.error({ msg: 'leadership lost: stopping projections, alerts and the clock sweep; standing by', leader: false, error: error.message });
    if (this.leading) await this.stopDuties();
    if (this.lock) this.standAgainLater(this.lock);
  }

  private standAgainLater(lock: LeaderLock): void {
    void sleep(STAND_AGAIN_AFTER_LOSS_MS, undefined, { ref: false }).then(() => {
      if (this.stillRunning()) this.campaign(lock);
    });
  }

  /** Read through a method: shutdown may begin while a transition awaits. */
  private stillRunning(): boolean {
    return !this.stopping;
  }

  private async startDuties(): Promise<void> {
    this.leading = true;
    for (const duty of this.duties) await duty.lead();
  }

  private async stopDuties(): Promise<void> {
    this.leading = false;
    for (const duty of this.duties) await duty.standDown();
  }

  private async sayWhoLeads(databaseUrl: string): Promise<void> {
    const holder = await postgresLeaderHolder(databaseUrl, WORKER_LEADER_KEY).catch(() => undefined);
    this.logger.log({ msg: 'another worker leads; standing by', leader: false, holder: holder ?? 'unknown' });
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
