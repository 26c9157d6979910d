import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, Clock, clockConfigOf, type AppConfig } from '@sj/config';
import {
  isJourneyEventType,
  SEN2_READS,
  sen2Header,
  sen2Person,
  sen2Return,
  type ClockConfig,
  type RecordedJourneyEvent,
  type Sen2Person,
  type Sen2Return,
} from '@sj/domain';
import { childIdFromStreamId, decodeJourneyEvent, JOURNEY_STREAM_PREFIX, type EventStore } from '@sj/event-store';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { EVENT_STORE } from '../../../shared/src/tokens';

/** How far a build has got: reading the log, then each child who ever had a request, in turn. */
export interface Sen2BuildProgress {
  readonly phase: 'reading-log' | 'building' | 'done';
  readonly eventsRead: number;
  readonly childrenDone: number;
  /** Known once the log has been read. */
  readonly childrenTotal: number | null;
}

export interface Sen2Build {
  readonly year: number;
  /** The log's head when the build started: a build is reused until something new is recorded. */
  readonly head: string | undefined;
  progress(): Sen2BuildProgress;
  readonly result: Promise<Sen2Return>;
  isDone(): boolean;
  /** Why the build failed, once it has. */
  failure(): unknown;
}

/** Children built between two turns of the event loop, so other requests (and the page's progress polls) are answered meanwhile. */
const CHILDREN_PER_TURN = 200;
const READ_BATCH = 5_000;
/** Years kept in memory: the page shows a year beside the one before. */
const BUILDS_KEPT = 4;
const SOFTWARE_CODE = 'send-journeys';

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Builds the SEN2 return for a calendar year straight from the event log (docs/domain-rules.md §7): the log is
 * read through the event-store port (decrypted like every other read) and each child's journey projected by the
 * domain as of the census date. The return is kept for the next request until something new is recorded. It
 * holds personal data: nothing of it is logged.
 */
@Injectable()
export class Sen2ReturnBuilder {
  private readonly logger = new Logger('Sen2Return');
  private readonly builds = new Map<number, Sen2Build>();
  private readonly clocks: ClockConfig;
  private readonly release = releaseOf(__dirname);

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {
    this.clocks = clockConfigOf(config);
  }

  /**
   * The build for the log as it stands: one still running, one finished since which nothing was recorded, or a
   * new one. A build that failed is reported (thrown) once, to the next caller, and the one after tries again.
   */
  async current(year: number): Promise<Sen2Build> {
    const head = await this.store.headPosition();
    const existing = this.builds.get(year);
    if (existing?.failure() !== undefined) {
      this.builds.delete(year);
      throw existing.failure();
    }
    if (existing !== undefined && (!existing.isDone() || existing.head === head)) return existing;
    const build = this.start(year, head);
    this.builds.delete(year);
    this.builds.set(year, build);
    for (const old of this.builds.keys()) if (this.builds.size > BUILDS_KEPT) this.builds.delete(old);
    return build;
  }

  async returnFor(year: number): Promise<Sen2Return> {
    return (await this.current(year)).result;
  }

  private start(year: number, head: string | undefined): Sen2Build {
    let progress: Sen2BuildProgress = { phase: 'reading-log', eventsRead: 0, childrenDone: 0, childrenTotal: null };
    let done = false;
    let failure: unknown;
    const started = Date.now();
    const result = this.build(year, (p) => (progress = p)).then(
      (ret) => {
        done = true;
        this.logger.log({ msg: 'SEN2 return built', year, children: ret.persons.length, ms: Date.now() - started });
        return ret;
      },
      (err: unknown) => {
        failure = err;
        this.logger.warn({ msg: 'SEN2 return failed', year, error: err instanceof Error ? err.name : 'unknown' });
        throw err;
      },
    );
    // the page may start a build and never wait for it
    result.catch(() => undefined);
    return { year, head, progress: () => progress, result, isDone: () => done, failure: () => failure };
  }

  /**
   * One pass over the log keeps, per child, the events the return reads (SEN2_READS); then each child who ever
   * had a request is projected. Reading the log once costs less than reading it for the list of children and
   * then each child's stream again.
   */
  private async build(year: number, report: (p: Sen2BuildProgress) => void): Promise<Sen2Return> {
    const journeys = new Map<string, RecordedJourneyEvent[]>();
    const requested = new Set<string>();
    let eventsRead = 0;
    for await (const batch of this.store.readAll({ streamPrefix: JOURNEY_STREAM_PREFIX, batchSize: READ_BATCH })) {
      for (const stored of batch) {
        if (!isJourneyEventType(stored.type) || !SEN2_READS[stored.type]) continue;
        const events = journeys.get(stored.streamId);
        const event = decodeJourneyEvent(stored);
        if (events === undefined) journeys.set(stored.streamId, [event]);
        else events.push(event);
        if (stored.type === 'EhcNeedsAssessmentRequested' || stored.type === 'ReassessmentRequested') requested.add(stored.streamId);
      }
      eventsRead += batch.length;
      report({ phase: 'reading-log', eventsRead, childrenDone: 0, childrenTotal: null });
      await nextTurn();
    }
    const persons: Sen2Person[] = [];
    let childrenDone = 0;
    for (const streamId of requested) {
      const childId = childIdFromStreamId(streamId);
      const person = childId === undefined ? null : sen2Person(childId, journeys.get(streamId) ?? [], year, this.clocks);
      if (person !== null) persons.push(person);
      childrenDone += 1;
      if (childrenDone % CHILDREN_PER_TURN === 0) {
        report({ phase: 'building', eventsRead, childrenDone, childrenTotal: requested.size });
        await nextTurn();
      }
    }
    report({ phase: 'done', eventsRead, childrenDone, childrenTotal: requested.size });
    const header = sen2Header(year, {
      lea: this.config.sen2LaCode,
      softwareCode: SOFTWARE_CODE,
      release: this.release,
      serialNo: 1,
      madeAt: this.clock.now().toISOString(),
    });
    return sen2Return(header, persons);
  }
}

/** The version in the repository's package.json (the first one above this file), the return's "Release". */
function releaseOf(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) {
      const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: unknown; version?: unknown };
      if (pkg.name === SOFTWARE_CODE && typeof pkg.version === 'string') return pkg.version;
    }
    if (dirname(dir) === dir) return 'unknown';
  }
}
