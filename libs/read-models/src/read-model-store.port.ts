import type { InclusionConfig, LocalDate } from '@sj/domain';
import type { Projection, ProjectionRow } from './projection';
import type { ClockItem, ClocksQueryParams } from './queries/clocks.query';
import type { Page } from './queries/manager-filters';
import type { SuspensionsQueryParams, SuspensionsResult } from './queries/suspensions.query';
import type { TimelinessQueryParams, TimelinessResult } from './queries/timeliness.query';
import type { WaitingTimesQueryParams, WaitingTimesResult, WaitingTrendQueryParams, WaitingTrendResult } from './queries/waiting-times.query';

/** How far the read models have projected the log. */
export interface Checkpoint {
  /** The last position projected; undefined before the first batch (or before the tables exist). */
  readonly position: string | undefined;
  readonly eventsProjected: number;
  readonly lastEventRecordedAt: string | undefined;
  readonly updatedAt: string | undefined;
}

export const NO_CHECKPOINT: Checkpoint = { position: undefined, eventsProjected: 0, lastEventRecordedAt: undefined, updatedAt: undefined };

/**
 * A clock due in a window, with the child's current area and caseworker: what the daily sweep judges
 * (docs/domain-rules.md §2) to find clocks newly due soon or breached.
 */
export interface DueClock {
  readonly childId: string;
  readonly area: string;
  readonly caseworker: string | null;
  readonly clock: string;
  readonly key: string;
  readonly startedOn: LocalDate;
  readonly dueOn: LocalDate | null;
  readonly stoppedOn: LocalDate | null;
  readonly closedOn: LocalDate | null;
  readonly exceptedOn: LocalDate | null;
}

/** Every row one projection now has for each child a batch touched: the child's old rows are replaced by these. */
export interface ChildRowReplacements {
  readonly projection: Projection;
  readonly children: readonly { readonly childId: string; readonly rows: readonly ProjectionRow[] }[];
}

/** One batch of the log, projected: written with its checkpoint in one transaction, or not at all. */
export interface ProjectedBatch {
  readonly replacements: readonly ChildRowReplacements[];
  /** The position of the batch's last event: the new checkpoint. */
  readonly position: string;
  readonly events: number;
  readonly lastEventRecordedAt: string;
  readonly updatedAt: string;
}

/** What the projection runner needs of the place the read models live. Only one writer at a time. */
export interface ReadModelWriter {
  /**
   * Creates each projection's tables; a table built by another version of its projection is dropped first
   * (its columns or indexes may differ, and its rows are rebuilt anyway).
   */
  ensureSchema(projections: readonly Projection[]): Promise<void>;
  /** The version each projection's rows were last rebuilt with. */
  storedVersions(): Promise<ReadonlyMap<string, number>>;
  /** Drops and recreates every projection's tables, forgets the checkpoint and records the versions: a rebuild starts here. */
  clear(projections: readonly Projection[]): Promise<void>;
  /**
   * After a rebuild has rewritten every row: whatever the engine needs to plan and read the fresh tables well
   * (PostgreSQL's statistics and visibility map, so the covering indexes answer without visiting the table).
   */
  settle(projections: readonly Projection[]): Promise<void>;
  /** Replaces the touched children's rows and moves the checkpoint, atomically. */
  write(batch: ProjectedBatch): Promise<void>;
  readCheckpoint(): Promise<Checkpoint>;
}

/**
 * The managers' queries. Each reads one consistent snapshot of the read models, and each limits its answer to the
 * caller's areas (`areas`) when given; statuses and waits are judged by the domain for the `asOf` asked about.
 */
export interface ReadModelQueries {
  readCheckpoint(): Promise<Checkpoint>;
  clocks(params: ClocksQueryParams): Promise<Page<ClockItem>>;
  waitingTimes(params: WaitingTimesQueryParams): Promise<WaitingTimesResult>;
  waitingTrend(params: WaitingTrendQueryParams): Promise<WaitingTrendResult>;
  suspensions(params: SuspensionsQueryParams, config?: InclusionConfig): Promise<SuspensionsResult>;
  timeliness(params: TimelinessQueryParams): Promise<TimelinessResult>;
  /** Every clock due from `from` to `to` (inclusive), in child, clock and key order; none before the tables exist. */
  dueClocks(from: LocalDate, to: LocalDate): Promise<DueClock[]>;
}

/** Where the read models live: a SQLite file beside the event log, or PostgreSQL. */
export interface ReadModelStore extends ReadModelWriter, ReadModelQueries {
  readonly kind: 'sqlite' | 'postgres';
  close(): Promise<void>;
}

/**
 * The read models cannot be used now (a full or unreadable disk, a lock held too long, PostgreSQL down or out of
 * space); nothing was written, and the caller tries again later.
 */
export class ReadModelStoreUnavailableError extends Error {
  readonly code = 'READ_MODEL_STORE_UNAVAILABLE';

  constructor(detail: string, options?: { cause?: unknown }) {
    super(`The read models are not available: ${detail}`, options);
    this.name = 'ReadModelStoreUnavailableError';
  }
}
