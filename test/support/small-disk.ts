import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@sj/config';
import { tokenFor } from './auth';
import { freePort } from './redis-server';
import { until } from './two-areas';

const ROOT = join(__dirname, '..', '..');
const RUN = `-r ./test/support/run-typescript.cjs`;

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
  readonly pid: number;
  /** An admin's `Authorization` header, signed with the secret the process generated in its DATA_DIR. */
  readonly admin: Record<string, string>;
  /** Its JSON log lines so far. */
  readonly logLines: readonly Record<string, unknown>[];
  /** Whether the API process (or the API-and-worker process) has ended. */
  readonly exited: boolean;
  /** The worker's pid when it runs as a process of its own (`api+worker`). */
  readonly workerPid: number | undefined;
  /** Whether that worker process is still running. */
  workerAlive(): boolean;
  /** Writes filler into DATA_DIR until the disk refuses more (ENOSPC). */
  fill(): void;
  /** Removes the filler: the space comes back while the process runs on. */
  free(): void;
  /** The last lines it wrote, for failure messages. */
  output(): string;
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
  const node = `"${process.execPath}" ${RUN}`;
  const mount = `mount -t tmpfs -o size=${sizeMiB}m tmpfs "$DATA_DIR"`;
  const command =
    processes === 'all'
      ? `${mount} && exec ${node} apps/api/src/main-all.ts`
      : `${mount} && { ${node} apps/worker/src/main.ts & echo $! > "${workerPidFile}"; exec ${node} apps/api/src/main.ts; }`;
  const child: ChildProcess = spawn('unshare', ['--user', '--map-root-user', '--mount', 'sh', '-c', command], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error('could not start unshare');
  const lines: string[] = [];
  const logLines: Record<string, unknown>[] = [];
  const read = (stream: NodeJS.ReadableStream | null): void => {
    let buffered = '';
    stream?.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const complete = buffered.split('\n');
      buffered = complete.pop() ?? '';
      for (const line of complete) {
        lines.push(line);
        if (lines.length > 300) lines.shift();
        if (line.startsWith('{')) {
          try {
            logLines.push(JSON.parse(line) as Record<string, unknown>);
          } catch {
            // not a log line of ours: kept in the output only
          }
        }
      }
    });
  };
  read(child.stdout);
  read(child.stderr);
  const ended = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const exited = (): boolean => child.exitCode !== null || child.signalCode !== null;
  const output = (): string => lines.join('\n');
  // `unshare` execs the shell, which execs node: the pid is the app's, and its root shows its own mounts
  const seen = `/proc/${pid}/root${dataDir}`;
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
    if (!exited()) {
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      child.kill('SIGTERM');
      await ended;
      clearTimeout(timer);
    }
    rmSync(base, { recursive: true, force: true });
  };
  try {
    await until(
      'the app on the small disk to answer /health',
      async () => {
        if (exited()) throw new Error(`the app ended before it answered:\n${output()}`);
        return fetch(`${baseUrl}/health`).then(
          () => true,
          () => undefined,
        );
      },
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
    pid,
    admin: { Authorization: `Bearer ${token}` },
    logLines,
    get exited() {
      return exited();
    },
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
    output,
    stop,
  };
}
