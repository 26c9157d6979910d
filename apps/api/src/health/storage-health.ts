import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@sj/config';
import { randomUUID } from 'node:crypto';
import { statfs, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** What /health says about storing anything: `failing` while a write would be refused. */
export interface StorageStatus {
  readonly status: 'ok' | 'failing';
  /** Why, in words an operator can act on (no file paths: /health is public). */
  readonly reason?: string;
  /** When the failure was first seen. */
  readonly since?: string;
  /** Bytes free on the disk that holds DATA_DIR (the SQLite files); absent with DATABASE_URL. */
  readonly freeBytes?: number;
}

/** Below this many free bytes, /health tries a real write before saying storage is fine. */
const LOW_SPACE_BYTES = 256 * 1024 * 1024;
/** The size of that write: a few SQLite pages, so a disk that takes it can take the next event. */
const PROBE_BYTES = 64 * 1024;
/** A store's "unavailable" answer counts for this long (with DATABASE_URL it is all /health can know). */
const REMEMBERED_MS = 30_000;

interface Failure {
  readonly code: string;
  readonly since: Date;
  lastSeen: Date;
}

/**
 * Whether this process can store anything now. The exception filter notes every "store unavailable" answer it
 * gives (a full disk, a lock held too long, a database that may grow no further, PostgreSQL down or out of space): a
 * noted failure counts for 30 seconds after the last one. On SQLite, where every store is a file in DATA_DIR, /health
 * also looks at the disk: when space is short it writes a small file there, so it says `failing` while the disk is
 * full. A store can refuse to grow while the disk still takes a small file (a database file at its size limit), which
 * is why the noted failures count on SQLite too. It says `ok` again, with no restart, once the disk takes writes and
 * no store has refused one for 30 seconds.
 */
@Injectable()
export class StorageHealth {
  /** The last "unavailable" answers a store gave. */
  private failure: Failure | undefined;
  /** The small write in DATA_DIR refused: the disk itself is full or cannot be written. */
  private diskFailure: Failure | undefined;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /** A store answered "unavailable" (its error's stable code). */
  noteFailure(code: string): void {
    const now = new Date();
    if (this.failure === undefined) this.failure = { code, since: now, lastSeen: now };
    else this.failure.lastSeen = now;
  }

  async status(): Promise<StorageStatus> {
    return this.config.databaseUrl === undefined ? this.dataDirStatus(this.config.dataDir) : this.rememberedStatus();
  }

  private rememberedStatus(): StorageStatus {
    const failure = this.failure;
    if (failure === undefined) return { status: 'ok' };
    if (Date.now() - failure.lastSeen.getTime() > REMEMBERED_MS) {
      this.failure = undefined;
      return { status: 'ok' };
    }
    return {
      status: 'failing',
      reason: `a store answered "unavailable" (${failure.code}): nothing can be recorded until it answers again`,
      since: failure.since.toISOString(),
    };
  }

  private async dataDirStatus(dataDir: string): Promise<StorageStatus> {
    const freeBytes = await statfs(dataDir).then(
      (stats) => stats.bavail * stats.bsize,
      () => undefined,
    );
    const roomy = freeBytes !== undefined && freeBytes >= LOW_SPACE_BYTES;
    const refused = roomy && this.diskFailure === undefined ? undefined : await probeWrite(dataDir);
    const free = freeBytes !== undefined ? { freeBytes } : {};
    if (refused === undefined) {
      this.diskFailure = undefined;
      return { ...this.rememberedStatus(), ...free };
    }
    const now = new Date();
    this.diskFailure ??= { code: refused, since: now, lastSeen: now };
    return {
      status: 'failing',
      reason:
        refused === 'ENOSPC'
          ? 'the disk that holds DATA_DIR is full: nothing can be recorded until space is freed'
          : `DATA_DIR cannot be written (${refused}): nothing can be recorded until it can`,
      since: this.diskFailure.since.toISOString(),
      ...free,
    };
  }
}

/** The error code of writing (and removing) a small file in `dir`, undefined when that worked. */
async function probeWrite(dir: string): Promise<string | undefined> {
  const file = join(dir, `.storage-probe-${randomUUID()}`);
  try {
    await writeFile(file, Buffer.alloc(PROBE_BYTES));
    return undefined;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code ?? 'EIO';
  } finally {
    await unlink(file).catch(() => undefined);
  }
}
