import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@sj/config';
import { startAppProcess, untilProcess, type AppProcess } from './app-process';
import { tokenFor } from './auth';
import { freePort } from './redis-server';
import { until } from './two-areas';

/**
 * Whether this machine lets an unprivileged process mount a small tmpfs of its own (a user and mount namespace,
 * `unshare --user --map-root-user --mount`), so a test can fill a real disk without root and without touching
 * anyone else's files.
 */
export function canMountSmallDisk(): boolean {
  const dir = mkdtempSync(join(tmpdir(), 'sj-disk-check-'));
  try {
    const run = spawnSync('unshare', ['--user', '--map-root-user', '--mount', 'sh', '-c', `mount -t tmpfs -o size=1m tmpfs '${dir}'`], {
      stdio: 'ignore',
    });
    return run.status === 0;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * How a test makes storage run out. `tmpfs`: DATA_DIR is a real tmpfs of a few MiB in a mount namespace of the
 * app's own, and the test fills it with a file as a runaway log would. `size-limited database`, for machines that
 * refuse an unprivileged mount (many Docker hosts, Ubuntu 24.04's AppArmor rules): the app's processes may grow no
 * file past a size (RLIMIT_FSIZE, set and raised from outside with `prlimit --pid`), so every SQLite store meets
 * its limit as it would meet a full disk (SQLite answers an I/O error rather than SQLITE_FULL), and raising the
 * limit is the space coming back.
 */
export type FullStorageMode = 'tmpfs' | 'size-limited database';

/** The modes this machine allows: the size-limited database always, the tmpfs where a mount is allowed. */
export function fullStorageModes(): readonly FullStorageMode[] {
  return canMountSmallDisk() ? ['tmpfs', 'size-limited database'] : ['size-limited database'];
}

/**
 * The largest file the app may write in `size-limited database` mode once storage is "full": one byte, so no
 * database or write-ahead log can take another page, as on a full disk.
 */
const FULL_FILE_LIMIT_BYTES = 1;

/** A real app process whose storage runs out when the test says: a tmpfs of a few MiB, or size-limited files. */
export interface SmallDiskApp {
  readonly baseUrl: string;
  /** The API process (with `all`, the API and worker process). */
  readonly process: AppProcess;
  /** An admin's `Authorization` header, signed with the secret the process generated in its DATA_DIR. */
  readonly admin: Record<string, string>;
  /** The worker's pid when it runs as a process of its own (`api+worker`). */
  readonly workerPid: number | undefined;
  /** Whether that worker process is still running. */
  workerAlive(): boolean;
  readonly mode: FullStorageMode;
  /** tmpfs: writes filler into DATA_DIR until the disk refuses more (ENOSPC). Otherwise: limits each file's size. */
  fill(): void;
  /** Removes the filler, or the size limit: the space comes back while the processes run on. */
  free(): void;
  stop(): Promise<void>;
}

/**
 * Starts the app from the TypeScript sources. In `tmpfs` mode it runs in a mount namespace of its own, DATA_DIR
 * mounted there as a tmpfs of `sizeMiB`; in `size-limited database` mode it runs in a plain temporary DATA_DIR. `all` is `npm start` (API and worker in one process); `api+worker` runs `npm run start:worker` and
 * `npm run start:api` as two processes on that disk, so a test can pause the worker (SIGSTOP) while the API records.
 * The test reaches DATA_DIR through /proc/<pid>/root, as an operator would reach the disk: to read the signing
 * secret, fill the disk and free it again.
 */
export async function startOnSmallDisk(
  mode: FullStorageMode,
  processes: 'all' | 'api+worker',
  sizeMiB: number,
  env: Readonly<Record<string, string>>,
): Promise<SmallDiskApp> {
  const base = mkdtempSync(join(tmpdir(), 'sj-small-disk-'));
  const dataDir = join(base, 'data');
  mkdirSync(dataDir);
  const workerPidFile = join(base, 'worker.pid');
  const port = await freePort();
  // `sh -c script node -r <hook> <entry>`: "$0" is node and "$2" the require hook, so the worker starts like the API
  const mount = mode === 'tmpfs' ? `mount -t tmpfs -o size=${sizeMiB}m tmpfs "$DATA_DIR" && ` : '';
  const script =
    processes === 'all'
      ? `${mount}exec "$0" "$@"`
      : `${mount}{ "$0" -r "$2" apps/worker/src/main.ts & echo $! > "${workerPidFile}"; exec "$0" "$@"; }`;
  const launcher = mode === 'tmpfs' ? ['unshare', '--user', '--map-root-user', '--mount', 'sh', '-c', script] : ['sh', '-c', script];
  // `unshare` execs the shell, which execs node: the pid is the API's, and its root shows its own mounts
  const app = startAppProcess(
    processes === 'all' ? `npm start on a small disk (${mode})` : `the API on a small disk (${mode})`,
    processes === 'all' ? 'all' : 'api',
    { PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: 'info', ...env },
    launcher,
  );
  const seen = mode === 'tmpfs' ? `/proc/${app.pid}/root${dataDir}` : dataDir;
  const baseUrl = `http://127.0.0.1:${port}`;
  const workerPid = (): number | undefined => (existsSync(workerPidFile) ? Number(readFileSync(workerPidFile, 'utf8').trim()) : undefined);
  const workerAlive = (): boolean => {
    const worker = workerPid();
    if (worker === undefined) return false;
    try {
      // an ended worker may stay a zombie of the API process, which did not start it and so never reaps it
      const state = readFileSync(`/proc/${worker}/stat`, 'utf8').split(') ')[1] ?? 'Z';
      return !state.startsWith('Z');
    } catch {
      return false;
    }
  };
  const stop = async (): Promise<void> => {
    const worker = workerPid();
    if (worker !== undefined && workerAlive()) {
      process.kill(worker, 'SIGCONT');
      process.kill(worker, 'SIGTERM');
      await until('the worker to end', () => Promise.resolve(workerAlive() ? undefined : true), 15_000).catch(() => process.kill(worker, 'SIGKILL'));
    }
    await app.stop();
    rmSync(base, { recursive: true, force: true });
  };
  try {
    await untilProcess(
      app,
      'to answer /health',
      () =>
        fetch(`${baseUrl}/health`).then(
          () => true,
          () => undefined,
        ),
      90_000,
    );
  } catch (error) {
    await stop();
    throw error;
  }
  const pids = (): number[] => {
    const worker = workerPid();
    return worker !== undefined && workerAlive() ? [app.pid, worker] : [app.pid];
  };
  const token = await tokenFor({ config: loadConfig({ DATA_DIR: seen }) }, { sub: 'small-disk-admin', role: 'admin', areas: '*' });
  let fillers = 0;
  return {
    baseUrl,
    process: app,
    admin: { Authorization: `Bearer ${token}` },
    get workerPid() {
      return workerPid();
    },
    workerAlive,
    mode,
    fill: () => {
      if (mode === 'size-limited database') {
        for (const pid of pids()) limitFileSize(pid, String(FULL_FILE_LIMIT_BYTES));
        return;
      }
      // big writes first, then small ones for the last pages a big one could not take
      for (const size of [64 * 1024, 512]) {
        const chunk = Buffer.alloc(size);
        const fd = openSync(join(seen, `filler-${fillers++}`), 'w');
        try {
          for (;;) writeSync(fd, chunk);
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
        } finally {
          closeSync(fd);
        }
      }
    },
    free: () => {
      if (mode === 'size-limited database') {
        for (const pid of pids()) limitFileSize(pid, 'unlimited');
        return;
      }
      for (const name of readdirSync(seen)) if (name.startsWith('filler-')) rmSync(join(seen, name));
    },
    stop,
  };
}

/**
 * Sets the largest file a running process may write (its soft RLIMIT_FSIZE; the hard limit stays as it was). Node
 * ignores SIGXFSZ, so a write past the limit fails with EFBIG, which SQLite reports as an I/O error.
 */
function limitFileSize(pid: number, bytes: string): void {
  const run = spawnSync('prlimit', ['--pid', String(pid), `--fsize=${bytes}:`], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`prlimit could not limit process ${pid}'s files to ${bytes} bytes: ${run.stderr}`);
}
