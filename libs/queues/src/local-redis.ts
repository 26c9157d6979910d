import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import Redis from 'ioredis';

/**
 * A local `redis-server` for `npm start` when REDIS_URL is unset: loopback only, data in
 * `<DATA_DIR>/redis`, append-only persistence, `noeviction`. Port 6379 unless taken.
 *
 * A server left behind by a process that was killed is found again through
 * `<DATA_DIR>/redis/local-redis.json` and reused (and then not stopped by this process).
 */
export interface LocalRedis {
  readonly url: string;
  readonly port: number;
  /** True when this process started the server (and stops it). */
  readonly owned: boolean;
  stop(): Promise<void>;
}

export interface LocalRedisOptions {
  readonly dataDir: string;
  readonly preferredPort?: number;
  readonly command?: string;
  readonly log?: (msg: string) => void;
}

export class RedisServerNotInstalledError extends Error {
  constructor() {
    super(
      'redis-server is not installed (not found on PATH). Install it with `sudo apt-get install redis-server`, ' +
        'or set REDIS_URL to use an existing Redis.',
    );
    this.name = 'RedisServerNotInstalledError';
  }
}

interface StateFile {
  readonly pid: number;
  readonly port: number;
}

export function isPortFree(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.unref();
    server.once('error', () => resolve(false));
    server.listen(port, host, () => server.close(() => resolve(true)));
  });
}

export function findFreePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, host, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Is a redis-server on `port` serving exactly `dir`? */
async function servesDir(port: number, dir: string): Promise<boolean> {
  const probe = new Redis({ host: '127.0.0.1', port, lazyConnect: true, connectTimeout: 1_000, maxRetriesPerRequest: 0, retryStrategy: () => null });
  probe.on('error', () => undefined);
  try {
    await probe.connect();
    const reply = (await probe.call('CONFIG', 'GET', 'dir')) as string[];
    return reply[1] === dir;
  } catch {
    return false;
  } finally {
    probe.disconnect();
  }
}

export async function startLocalRedis(options: LocalRedisOptions): Promise<LocalRedis> {
  const dir = join(options.dataDir, 'redis');
  mkdirSync(dir, { recursive: true });
  const stateFile = join(dir, 'local-redis.json');
  const log = options.log ?? (() => undefined);

  if (existsSync(stateFile)) {
    try {
      const state = JSON.parse(readFileSync(stateFile, 'utf8')) as StateFile;
      if (processAlive(state.pid) && (await servesDir(state.port, dir))) {
        log(`reusing the local redis-server already running for this DATA_DIR on port ${state.port}`);
        return { url: `redis://127.0.0.1:${state.port}`, port: state.port, owned: false, stop: async () => undefined };
      }
    } catch {
      // stale or unreadable: start a new one
    }
    rmSync(stateFile, { force: true });
  }

  const preferred = options.preferredPort ?? 6379;
  const port = preferred !== 0 && (await isPortFree(preferred)) ? preferred : await findFreePort();
  const args = [
    '--port',
    String(port),
    '--bind',
    '127.0.0.1',
    '--dir',
    dir,
    '--appendonly',
    'yes',
    '--maxmemory-policy',
    'noeviction',
    '--daemonize',
    'no',
  ];
  // Own process group: a Ctrl-C in the terminal reaches this process, which then stops Redis last.
  const child = spawn(options.command ?? 'redis-server', args, { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  await waitForReady(child, port);
  // Safety net: if this process exits without stopping Redis (a start-up failure), take it down too.
  const killOnExit = (): void => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
  };
  process.once('exit', killOnExit);
  writeFileSync(stateFile, JSON.stringify({ pid: child.pid ?? 0, port } satisfies StateFile));
  log(`started a local redis-server on 127.0.0.1:${port} (data in ${dir})`);

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      if (child.exitCode === null && child.signalCode === null) {
        await new Promise<void>((resolve) => {
          const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
          child.once('exit', () => {
            clearTimeout(killer);
            resolve();
          });
          child.kill('SIGTERM');
        });
      }
      process.off('exit', killOnExit);
      rmSync(stateFile, { force: true });
      log('stopped the local redis-server');
    })();
    return stopping;
  };
  return { url: `redis://127.0.0.1:${port}`, port, owned: true, stop };
}

function waitForReady(child: ChildProcess, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`redis-server did not start within 15 s on port ${port}:\n${output.slice(-2000)}`));
    }, 15_000);
    const done = (err?: Error): void => {
      clearTimeout(timer);
      child.stdout?.removeAllListeners('data');
      child.stderr?.removeAllListeners('data');
      child.removeAllListeners('exit');
      child.removeAllListeners('error');
      // keep draining output so the pipe never fills up
      child.stdout?.resume();
      child.stderr?.resume();
      if (err) reject(err);
      else resolve();
    };
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      if (output.includes('Ready to accept connections')) done();
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('error', (err: NodeJS.ErrnoException) => {
      done(err.code === 'ENOENT' ? new RedisServerNotInstalledError() : err);
    });
    child.once('exit', (code, signal) => {
      done(new Error(`redis-server exited (${signal ?? `code ${code}`}) before it was ready:\n${output.slice(-2000)}`));
    });
  });
}
