import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { until } from './two-areas';

const ROOT = join(__dirname, '..', '..');
const ENTRIES = {
  all: 'apps/api/src/main-all.ts',
  api: 'apps/api/src/main.ts',
  worker: 'apps/worker/src/main.ts',
  migrate: 'apps/shared/src/migrate.main.ts',
  rebuild: 'apps/worker/src/rebuild-projections.ts',
} as const;
/** Lines kept per process for failure messages. */
const KEPT_LINES = 200;

/** One JSON log line of an app process, as the JsonLogger writes it. */
export interface LogLine {
  readonly msg?: unknown;
  readonly leader?: unknown;
  readonly [field: string]: unknown;
}

/**
 * A real API, worker, all-in-one or command process started from the TypeScript sources (test/support/run-typescript.cjs), as
 * `npm start`, `npm run start:api`, `npm run start:worker`, `npm run migrate` and `npm run projections:rebuild` start them from dist/.
 */
export interface AppProcess {
  readonly name: string;
  readonly pid: number;
  /** Its JSON log lines so far (stdout). */
  readonly logLines: readonly LogLine[];
  /** The last lines it wrote (stdout and stderr), to put in a failure message. */
  output(): string;
  readonly exited: boolean;
  /** Resolves with the exit code (or signal) once the process has ended. */
  readonly ended: Promise<number | string>;
  /** Sends the signal and waits for the process to end. */
  kill(signal: NodeJS.Signals): Promise<void>;
  /** SIGTERM, and SIGKILL if it has not ended within 15 s. */
  stop(): Promise<void>;
  /** Calls `listener` with each JSON log line as it is read, before anything else runs: to act at a precise moment. */
  onLogLine(listener: (line: LogLine) => void): void;
}

const running = new Set<AppProcess>();
const children = new Set<ChildProcess>();
// a test runner that exits without running afterAll (a forced exit) still takes its app processes with it
process.once('exit', () => {
  for (const child of children) child.kill('SIGKILL');
});

/** Every process still running, killed at once: for afterAll, so no process outlives a failed test. */
export async function killAllAppProcesses(): Promise<void> {
  await Promise.all([...running].map((p) => p.kill('SIGKILL')));
}

/**
 * `launcher` runs node through another command: `['unshare', '--pid', '--kill-child']` makes it pid 1 of a pid namespace
 * of its own, as in a container (a SIGKILL of the launcher kills it; a SIGTERM does not reach it).
 */
export function startAppProcess(
  name: string,
  entry: keyof typeof ENTRIES,
  env: Readonly<Record<string, string>>,
  launcher: readonly string[] = [],
): AppProcess {
  const [command, ...launcherArgs] = [...launcher, process.execPath];
  const child: ChildProcess = spawn(command, [...launcherArgs, '-r', join(ROOT, 'test', 'support', 'run-typescript.cjs'), ENTRIES[entry]], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error(`${name}: could not start node`);
  const lines: string[] = [];
  const logLines: LogLine[] = [];
  const lineListeners: ((line: LogLine) => void)[] = [];
  const keep = (line: string): void => {
    lines.push(line);
    if (lines.length > KEPT_LINES) lines.shift();
  };
  const reader = (stream: NodeJS.ReadableStream | null, parse: boolean): void => {
    let buffered = '';
    stream?.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const complete = buffered.split('\n');
      buffered = complete.pop() ?? '';
      for (const line of complete) {
        keep(line);
        if (parse && line.startsWith('{')) {
          let logLine: LogLine;
          try {
            logLine = JSON.parse(line) as LogLine;
          } catch {
            // a line that is not JSON stays in the output only
            continue;
          }
          logLines.push(logLine);
          for (const listener of lineListeners) listener(logLine);
        }
      }
    });
  };
  reader(child.stdout, true);
  reader(child.stderr, false);
  children.add(child);
  const ended = new Promise<number | string>((resolve) => {
    child.once('exit', (code, signal) => {
      children.delete(child);
      resolve(code ?? signal ?? 'unknown');
    });
  });
  const kill = async (signal: NodeJS.Signals): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await ended;
  };
  const app: AppProcess = {
    name,
    pid,
    logLines,
    output: () => lines.join('\n'),
    get exited() {
      return child.exitCode !== null || child.signalCode !== null;
    },
    ended,
    kill,
    stop: async () => {
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await kill('SIGTERM');
      clearTimeout(timer);
    },
    onLogLine: (listener) => {
      lineListeners.push(listener);
    },
  };
  running.add(app);
  void ended.then(() => running.delete(app));
  return app;
}

/** Waits for a condition on a process, failing at once (with its output) if the process ends first. */
export async function untilProcess<T>(app: AppProcess, what: string, probe: () => Promise<T | undefined>, ms = 60_000): Promise<T> {
  try {
    return await until(
      `${app.name}: ${what}`,
      async () => {
        if (app.exited) throw new Error(`${app.name} ended (${String(await app.ended)}) before ${what}`);
        return probe();
      },
      ms,
    );
  } catch (error) {
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n--- last output of ${app.name} ---\n${app.output()}`, {
      cause: error,
    });
  }
}

/** The first log line matching, once written. */
export function untilLogged(app: AppProcess, what: string, matches: (line: LogLine) => boolean, ms?: number): Promise<LogLine> {
  return untilProcess(app, `to log ${what}`, () => Promise.resolve(app.logLines.find(matches)), ms);
}
