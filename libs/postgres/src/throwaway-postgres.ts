import { execFile, spawn } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * A PostgreSQL cluster of its own, in a temporary folder, on a free loopback port: what the tests and the bench
 * run against, like they start their own redis-server. Nothing outside the folder is touched; `stop()` removes it.
 */
export interface ThrowawayPostgres {
  /** `postgres://postgres@127.0.0.1:<port>/postgres`: the maintenance database, where databases are created. */
  readonly url: string;
  readonly port: number;
  /** The cluster's folder (data, socket and log). */
  readonly dir: string;
  stop(): Promise<void>;
}

export interface ThrowawayPostgresOptions {
  /**
   * Keep every commit on disk as a production server does (fsync on). Off by default: tests want speed and the
   * cluster is thrown away anyway. The bench turns it on so its figures mean something.
   */
  readonly durable?: boolean;
}

/** Debian installs the server binaries under /usr/lib/postgresql/<major>/bin, off the PATH; the newest wins. */
export function postgresBinDir(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (existsSync(root)) {
    const majors = readdirSync(root)
      .filter((name) => /^\d+$/.test(name) && existsSync(join(root, name, 'bin', 'initdb')))
      .sort((a, b) => Number(b) - Number(a));
    if (majors.length > 0) return join(root, majors[0], 'bin');
  }
  return undefined;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * `initdb` refuses to run as root: as root the cluster belongs to the `postgres` system user the Debian package
 * creates, and every server command runs as that user through `runuser`.
 */
async function asClusterOwner(command: string, args: readonly string[]): Promise<void> {
  const [file, argv] = process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, [...args]];
  try {
    await run(file, argv, { maxBuffer: 16 * 1024 * 1024 });
  } catch (error) {
    const detail = error as { stderr?: string; message?: string };
    const said = detail.stderr?.trim() ?? '';
    throw new Error(`${command} ${args.join(' ')} failed: ${said === '' ? detail.message : said}`, { cause: error });
  }
}

async function ownerIds(): Promise<{ uid: number; gid: number } | undefined> {
  if (process.getuid?.() !== 0) return undefined;
  const uid = Number((await run('id', ['-u', 'postgres'])).stdout.trim());
  const gid = Number((await run('id', ['-g', 'postgres'])).stdout.trim());
  return { uid, gid };
}

/** The server's last processes may still be closing files as it reports itself stopped: retry a non-empty folder. */
function removeCluster(dir: string): void {
  rmSync(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 50 });
}

/**
 * pg_ctl leaves the server running on its own: should the process that started it die without calling `stop()`
 * (a test run interrupted), a small shell stops the server and removes its folder once that process is gone.
 */
function stopWhenGone(pid: number, pgCtl: string, data: string, dir: string): { kill(): void } {
  const asOwner = process.getuid?.() === 0 ? 'runuser -u postgres -- ' : '';
  const script = `while kill -0 ${pid} 2>/dev/null; do sleep 1; done; ${asOwner}'${pgCtl}' -D '${data}' -m immediate -w stop; rm -rf '${dir}'`;
  const child = spawn('sh', ['-c', script], { detached: true, stdio: 'ignore' });
  child.unref();
  return { kill: () => void child.kill() };
}

export async function startThrowawayPostgres(options: ThrowawayPostgresOptions = {}): Promise<ThrowawayPostgres> {
  const bin = postgresBinDir();
  if (!bin) {
    throw new Error('PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb): apt-get install postgresql');
  }
  const dir = mkdtempSync(join(tmpdir(), 'sj-pg-'));
  const owner = await ownerIds();
  if (owner) chownSync(dir, owner.uid, owner.gid);
  const data = join(dir, 'data');
  const port = await freePort();
  const settings = [
    `-p ${port}`,
    `-k ${dir}`,
    '-c listen_addresses=127.0.0.1',
    '-c max_connections=200',
    ...(options.durable ? [] : ['-c fsync=off', '-c synchronous_commit=off', '-c full_page_writes=off']),
  ];
  try {
    await asClusterOwner(join(bin, 'initdb'), ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--no-sync', '--locale=C']);
    await asClusterOwner(join(bin, 'pg_ctl'), ['-D', data, '-l', join(dir, 'server.log'), '-o', settings.join(' '), '-w', '-t', '60', 'start']);
  } catch (error) {
    removeCluster(dir);
    throw error;
  }
  const watchdog = stopWhenGone(process.pid, join(bin, 'pg_ctl'), data, dir);
  let stopped = false;
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    dir,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      watchdog.kill();
      try {
        await asClusterOwner(join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        removeCluster(dir);
      }
    },
  };
}
