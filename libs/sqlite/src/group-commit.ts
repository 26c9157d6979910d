import type Database from 'better-sqlite3';

interface Queued {
  readonly work: () => unknown;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
}

type Outcome = { readonly kept: true; readonly value: unknown } | { readonly kept: false; readonly error: unknown };

/** Writes committed together at most: enough to share one fsync, few enough to hold the write lock only briefly. */
const MAX_WRITES_PER_COMMIT = 256;

/**
 * Group commit for a SQLite file opened with `synchronous = FULL`: writes asked for during one turn of the event
 * loop are committed in one `BEGIN IMMEDIATE` transaction, so they share one fsync of the WAL instead of paying
 * one each (the fsync, not the SQL, is what a write costs). Durability is unchanged: a write's promise settles only
 * after the COMMIT that holds it has returned, so nothing is acknowledged before it is on disk.
 *
 * Each write runs in its own savepoint: one refused by its own checks (a concurrency conflict, a broken row) is
 * rolled back alone and the others still commit, exactly as if each had had its own transaction. If SQLite drops
 * the whole transaction (a full disk, an I/O error) or the COMMIT fails, nothing of the batch was kept and every
 * write in it fails with that error.
 */
export class GroupCommit {
  private queue: Queued[] = [];
  private scheduled = false;
  private readonly begin: Database.Statement;
  private readonly commit: Database.Statement;
  private readonly rollback: Database.Statement;
  private readonly savepoint: Database.Statement;
  private readonly release: Database.Statement;
  private readonly rollbackToSavepoint: Database.Statement;

  constructor(private readonly db: Database.Database) {
    this.begin = db.prepare('BEGIN IMMEDIATE');
    this.commit = db.prepare('COMMIT');
    this.rollback = db.prepare('ROLLBACK');
    this.savepoint = db.prepare('SAVEPOINT grouped_write');
    this.release = db.prepare('RELEASE grouped_write');
    this.rollbackToSavepoint = db.prepare('ROLLBACK TO grouped_write');
  }

  /** Runs `work` (synchronous statements on this connection) in the next group commit; settles once committed. */
  run<T>(work: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  /** Commits everything asked for so far, now (the scheduled turn, or before the connection closes). */
  flush(): void {
    this.scheduled = false;
    while (this.queue.length > 0) this.commitBatch(this.queue.splice(0, MAX_WRITES_PER_COMMIT));
  }

  private commitBatch(batch: readonly Queued[]): void {
    const outcomes: Outcome[] = [];
    try {
      this.begin.run();
      for (const queued of batch) outcomes.push(this.inSavepoint(queued.work));
      this.commit.run();
    } catch (error) {
      this.abandon();
      for (const queued of batch) queued.reject(error);
      return;
    }
    batch.forEach((queued, i) => {
      const outcome = outcomes[i];
      if (outcome.kept) queued.resolve(outcome.value);
      else queued.reject(outcome.error);
    });
  }

  private inSavepoint(work: () => unknown): Outcome {
    this.savepoint.run();
    try {
      const value = work();
      this.release.run();
      return { kept: true, value };
    } catch (error) {
      // SQLite already rolled the whole transaction back: the earlier writes of the batch are gone too
      if (!this.db.inTransaction) throw error;
      this.rollbackToSavepoint.run();
      this.release.run();
      return { kept: false, error };
    }
  }

  private abandon(): void {
    if (!this.db.inTransaction) return;
    try {
      this.rollback.run();
    } catch {
      // the batch already fails with the error that stopped it; a failed rollback ends the transaction as well
    }
  }
}
