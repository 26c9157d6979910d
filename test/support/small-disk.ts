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

/** A real app process whose DATA_DIR is a tmpfs of a few MiB that only it can see. */
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
  /** Writes filler into DATA_DIR until the disk refuses more (ENOSPC). */
  fill(): void;
  /** Removes the filler: the space comes back while the processes run on. */
  free(): void;
  stop(): Promise<void>;
}

/**
 * Starts the app from the TypeScript sources in a mount namespace of its own, DATA_DIR mounted there as a tmpfs of
 * `sizeMiB`: `all` is `npm start` (API and worker in one process); `api+worker` runs `npm run start:worker` and
 * `npm run start:api` as two processes on that disk, so a test can pause the worker (SIGSTOP) while the API records.
 * The test reaches DATA_DIR through /proc/<pid>/root, as an operator would reach the disk: to read the signing
 * secret, fill the disk and free it again.
 */
export async function startOnSmallDisk(
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
  const mount = `mount -t tmpfs -o size=${sizeMiB}m tmpfs "$DATA_DIR"`;
  const script =
    processes === 'all'
      ? `${mount} && exec "$0" "$@"`
      : `${mount} && { "$0" -r "$2" apps/worker/src/main.ts & echo $! > "${workerPidFile}"; exec "$0" "$@"; }`;
  // `unshare` execs the shell, which execs node: the pid is the API's, and its root shows its own mounts
  const app = startAppProcess(
    processes === 'all' ? 'npm start on a small disk' : 'the API on a small disk',
    processes === 'all' ? 'all' : 'api',
    { PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: 'info', ...env },
    ['unshare', '--user', '--map-root-user', '--mount', 'sh', '-c', script],
  );
  const seen = `/proc/${app.pid}/root${dataDir}`;
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
    fill: () => {
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
      for (const name of readdirSync(seen)) if (name.startsWith('filler-')) rmSync(join(seen, name));
    },
    stop,
  };
}
