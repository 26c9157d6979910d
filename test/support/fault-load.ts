import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { loadConfig, type AppConfig } from '@sj/config';
import { startAppProcess, untilProcess, type AppProcess } from './app-process';
import { tokenFor } from './auth';
import { requiredEnv } from './env';
import { recordEvent, type EventBody } from './http';
import { freePort } from './redis-server';

/**
 * What one request under a fault came to: an answer, or a connection that failed (refused, reset) with no answer.
 * `connectedBeforeSignal` says whether its connection was open before the test signalled the process: such a request
 * was in the server's hands when the signal came.
 */
export type Outcome =
  | { readonly answered: true; readonly status: number; readonly body: unknown; readonly connectedBeforeSignal: boolean }
  | { readonly answered: false; readonly error: string; readonly connectedBeforeSignal: boolean };

/** Whether the test has signalled the process yet (set just before `process.kill`). */
export interface SignalMoment {
  signalled: boolean;
}

/**
 * One request on a connection of its own (no keep-alive), so a connection refused means the server had stopped
 * listening, never that a kept-alive socket was closed under a later request.
 */
export function sendAlone(
  baseUrl: string,
  method: 'GET' | 'POST',
  path: string,
  options: { readonly token: string; readonly json?: unknown; readonly moment: SignalMoment },
): Promise<Outcome> {
  const url = new URL(path, baseUrl);
  const body = options.json === undefined ? undefined : JSON.stringify(options.json);
  return new Promise((resolve) => {
    let connectedBeforeSignal = false;
    const req = httpRequest(
      url,
      {
        method,
        agent: false,
        headers: {
          Authorization: `Bearer ${options.token}`,
          ...(body !== undefined ? { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) } : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString();
          let parsed: unknown = text;
          try {
            parsed = JSON.parse(text);
          } catch {
            // not JSON: the text stays, to show in a failure
          }
          resolve({ answered: true, status: res.statusCode ?? 0, body: parsed, connectedBeforeSignal });
        });
        res.on('error', (error: NodeJS.ErrnoException) => resolve({ answered: false, error: error.code ?? error.message, connectedBeforeSignal }));
      },
    );
    req.on('socket', (socket) => socket.once('connect', () => (connectedBeforeSignal = !options.moment.signalled)));
    req.on('error', (error: NodeJS.ErrnoException) => resolve({ answered: false, error: error.code ?? error.message, connectedBeforeSignal }));
    req.end(body);
  });
}

/** A write of the load: its event id, so the log can be searched for it after a restart. */
export interface LoadWrite {
  readonly childId: string;
  readonly event: EventBody & { readonly eventId: string };
}

/** A referral with an id of its own: always accepted by the order rules, however many a child already has. */
export function aReferral(childId: string): LoadWrite {
  const referralId = randomUUID();
  return {
    childId,
    event: {
      eventId: randomUUID(),
      type: 'ReferralReceived',
      occurredOn: '2025-03-03',
      data: { referralId, service: 'autism-assessment', source: 'school' },
    },
  };
}

export const childRegistered = (area: string, caseworker: string): EventBody => ({
  type: 'ChildRegistered',
  occurredOn: '2024-09-02',
  data: { givenName: 'Robin', familyName: 'Example', dateOfBirth: '2016-03-14', area, school: `${area} Primary`, caseworker },
});

/** An API (or API-and-worker) process answering on a port of its own. */
export interface ServingProcess {
  readonly process: AppProcess;
  readonly baseUrl: string;
}

/** Starts the entry point on a free loopback port and waits until it answers /health. */
export async function startServing(name: string, entry: 'all' | 'api', env: Readonly<Record<string, string>>): Promise<ServingProcess> {
  const port = await freePort();
  const started = startAppProcess(name, entry, { ...env, PORT: String(port) });
  const baseUrl = `http://127.0.0.1:${port}`;
  await untilProcess(started, 'to answer /health', async () => {
    const answer = await fetch(`${baseUrl}/health`).catch(() => undefined);
    return answer === undefined ? undefined : true;
  });
  return { process: started, baseUrl };
}

/** An admin's token for the processes on this working folder (signed with the local secret the first process wrote there). */
export function adminToken(config: AppConfig): Promise<string> {
  return tokenFor({ config }, { sub: 'fault-test-admin', role: 'admin', areas: '*' });
}

/**
 * How to run a process here as pid 1 of a pid namespace of its own, as node runs in a container (`unshare`, as root or
 * in a user namespace); undefined where the machine allows neither.
 */
export function pidOneLauncher(): readonly string[] | undefined {
  const launchers = [
    ['unshare', '--pid', '--kill-child'],
    ['unshare', '--user', '--map-root-user', '--pid', '--kill-child'],
  ];
  return launchers.find((launcher) => {
    const probe = spawnSync(launcher[0], [...launcher.slice(1), process.execPath, '-e', 'process.exit(process.pid === 1 ? 0 : 1)'], {
      timeout: 10_000,
    });
    return probe.status === 0;
  });
}

/** Waits for the process to end and fails, with its last output, unless it ended with this exit code (or signal). */
export async function expectEnded(app: AppProcess, expected: number | NodeJS.Signals): Promise<void> {
  const ended = await app.ended;
  if (ended !== expected) throw new Error(`${app.name} ended with ${String(ended)}, not ${String(expected)}\n--- last output ---\n${app.output()}`);
}

/**
 * The bound on one fault story, its set-up included: each starts several real processes from the sources, which on a
 * loaded two-core machine takes some seconds apiece.
 */
export const FAULT_STORY_MS = 120_000;

/** A working folder of one story's processes, and the environment they share: the run's Redis unless `extra` names one. */
export interface FaultFolder {
  readonly dataDir: string;
  readonly env: Readonly<Record<string, string>>;
  remove(): void;
}

export function faultFolder(story: string, extra: Readonly<Record<string, string>> = {}): FaultFolder {
  const dataDir = mkdtempSync(join(tmpdir(), `sj-${story}-`));
  return {
    dataDir,
    env: {
      DATA_DIR: dataDir,
      REDIS_URL: requiredEnv('TEST_REDIS_URL'),
      QUEUE_PREFIX: `t-${basename(dataDir)}`,
      CLOCK_TODAY: '2025-06-30',
      LOG_LEVEL: 'info',
      ...extra,
    },
    remove: () => rmSync(dataDir, { recursive: true, force: true }),
  };
}

/** Starts the entry point and registers these children of one area through it, as an admin whose token it returns. */
export async function servingChildren(
  name: string,
  entry: 'all' | 'api',
  folder: FaultFolder,
  children: readonly string[],
  area: string,
): Promise<{ readonly serving: ServingProcess; readonly token: string; readonly auth: Record<string, string> }> {
  const serving = await startServing(name, entry, folder.env);
  const token = await adminToken(loadConfig(folder.env));
  const auth = { Authorization: `Bearer ${token}` };
  for (const childId of children) {
    const registered = await recordEvent(serving.baseUrl, childId, childRegistered(area, `cw-${area}`), auth);
    if (registered.status !== 201) throw new Error(`registering ${childId}: ${registered.status} ${JSON.stringify(registered.body)}`);
  }
  return { serving, token, auth };
}

/**
 * Starts a process and sends it SIGTERM the moment it logs that Nest is starting (its signal handlers are installed
 * by then), so that the stop lands while it starts. A start can take less time than the signal does to arrive, and an
 * attempt whose stop came once the process was ready says nothing about a stop during start-up: it is tried again, up
 * to three times. Returns the process, ended, whose stop was asked for while it was starting.
 */
export async function stoppedWhileStarting(start: (attempt: number) => AppProcess | Promise<AppProcess>): Promise<AppProcess> {
  const outputs: string[] = [];
  for (let attempt = 1; attempt <= 3; attempt++) {
    const app = await start(attempt);
    app.onLogLine((line) => {
      if (line.msg === 'Starting Nest application...' && !app.exited) process.kill(app.pid, 'SIGTERM');
    });
    await app.ended;
    if (app.logLines.some((line) => line.msg === 'stop requested' && line.starting === true)) return app;
    outputs.push(`--- attempt ${attempt}, ended with ${String(await app.ended)} ---\n${app.output()}`);
  }
  throw new Error(`no attempt logged a stop requested while starting\n${outputs.join('\n')}`);
}
