import Database from 'better-sqlite3';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '@sj/config';
import { loadDemoCaseload } from '@sj/demo';
import type { EventStore } from '@sj/event-store';
import { projectionLag, projectionLockFile, readModelsFile, SqliteReadModelStore, type Checkpoint } from '@sj/read-models';
import { openEventStore } from '../../apps/shared/src/event-store.lifecycle';
import { killAllAppProcesses, startAppProcess, untilProcess, type AppProcess } from '../support/app-process';
import { expectEnded, faultFolder, FAULT_STORY_MS, pidOneLauncher, stoppedWhileStarting } from '../support/fault-load';

const PID_ONE = pidOneLauncher();
const RUN_AS = PID_ONE === undefined ? 'as an ordinary process (this machine allows no pid namespace)' : 'as pid 1, as in a container';

/** About 7,000 events: a dozen batches of projection, so a kill lands between two of them. */
const DEMO_CHILDREN = 600;

/** Every row of every table of the read models, in a stable order; the checkpoint without the time it was written. */
function dumpReadModels(dataDir: string): Record<string, unknown[]> {
  const db = new Database(readModelsFile(dataDir), { readonly: true });
  try {
    const tables = db
      .prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
      .all();
    return Object.fromEntries(
      tables.map(({ name }) => {
        const rows = db.prepare<[], Record<string, unknown>>(`SELECT * FROM "${name}"`).all();
        const kept = name === 'projection_checkpoint' ? rows.map(({ updated_at: _written, ...row }) => row) : rows;
        return [name, kept.map((row) => JSON.stringify(row)).sort()];
      }),
    );
  } finally {
    db.close();
  }
}

/** The state letter of a process in /proc (`Z` for a zombie), undefined once it is gone. */
function processState(pid: number): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.charAt(0);
  } catch {
    return undefined;
  }
}

/*
 * The worker (`npm run start:worker`, from the sources) projecting a demo caseload of several thousand events into
 * empty read models, killed with SIGKILL part-way and started again at once, twice. Finding 4 of the load-and-faults
 * review: the read-model lock was a pid file, so a restart after kill -9 was refused ("locked by the worker (pid 1)")
 * when node ran as pid 1, and until the dead process was reaped otherwise.
 */
describe('the worker killed with kill -9 mid-projection and started again at once', () => {
  const folder = faultFolder('worker-kill');
  const { dataDir, env } = folder;
  let store: EventStore;
  let readModels: SqliteReadModelStore;
  const workers: AppProcess[] = [];

  const startWorker = (name: string, launcher: readonly string[] = []): AppProcess => {
    const worker = startAppProcess(name, 'worker', env, launcher);
    workers.push(worker);
    return worker;
  };
  const checkpoint = (): Promise<Checkpoint> => readModels.readCheckpoint();
  /** Waits until the worker has written a batch past `after` events: it holds the lock and projects. */
  const projectsPast = (worker: AppProcess, after: number): Promise<number> =>
    untilProcess(worker, `to project past ${after} events`, async () => {
      const { eventsProjected } = await checkpoint();
      return eventsProjected > after ? eventsProjected : undefined;
    });
  const holderFile = `${projectionLockFile(dataDir)}.holder`;
  const refusals = (): string[] => workers.flatMap((w) => w.output().split('\n')).filter((line) => line.includes('locked by'));

  beforeAll(async () => {
    store = await openEventStore(loadConfig(env));
    const loaded = await loadDemoCaseload(store, {
      seed: 7,
      children: DEMO_CHILDREN,
      today: '2025-06-30',
      recordedAt: () => new Date('2025-06-30T09:00:00.000Z'),
    });
    expect(loaded.loaded).toBe(true);
    readModels = SqliteReadModelStore.reader(readModelsFile(dataDir));
  }, FAULT_STORY_MS);

  afterAll(async () => {
    await killAllAppProcesses();
    await readModels.close();
    await store.close();
    folder.remove();
  });

  it(
    `finding 4: the worker lock: a worker run ${RUN_AS} and killed with kill -9 is followed at once by one that takes the lock and projects, and that one, killed too, by another`,
    async () => {
      const first = startWorker(`worker ${RUN_AS}`, PID_ONE);
      const firstGot = await projectsPast(first, 0);
      await first.kill('SIGKILL');
      const leftAt = (await checkpoint()).eventsProjected;
      expect(leftAt).toBeGreaterThanOrEqual(firstGot);
      // killed mid-projection: the log holds more than the read models do
      expect((await projectionLag(store, readModels)).caughtUp).toBe(false);

      const second = startWorker(`worker ${RUN_AS}, restarted after kill -9`, PID_ONE);
      const secondGot = await projectsPast(second, leftAt);
      await second.kill('SIGKILL');

      // an ordinary process this time, which the last two must not have locked out either, so it can be stopped with SIGTERM
      const third = startWorker('worker, restarted after a second kill -9');
      await projectsPast(third, Math.max(secondGot, (await checkpoint()).eventsProjected));

      expect(refusals()).toEqual([]);
      // the lock is held for real: a rebuild is refused while the third worker runs
      const rebuild = startAppProcess('projections:rebuild while the worker runs', 'rebuild', env);
      await expectEnded(rebuild, 1);
      expect(rebuild.output()).toMatch(/the read models are locked by the worker \(pid \d+/);
    },
    FAULT_STORY_MS,
  );

  it(
    'finding 4: the worker lock: a worker killed with kill -9 and not yet reaped (a zombie still holding its pid) is followed at once by one that takes the lock',
    async () => {
      await workers[workers.length - 1].kill('SIGKILL');
      const pidFile = join(folder.dataDir, 'unreaped-worker.pid');
      // the worker's parent is a shell that execs `sleep`, which never waits for its children: a killed worker stays a zombie
      const parent = startWorker('worker under a parent that never reaps it', [
        'sh',
        '-c',
        `"$0" "$@" & echo $! > "${pidFile}"; exec sleep ${FAULT_STORY_MS / 1000}`,
      ]);
      const holds = (pid: number): Promise<true | undefined> =>
        Promise.resolve(existsSync(holderFile) && readFileSync(holderFile, 'utf8').includes(`(pid ${pid},`) ? true : undefined);
      const killed = await untilProcess(parent, 'to write the worker pid', () =>
        Promise.resolve(existsSync(pidFile) ? Number(readFileSync(pidFile, 'utf8').trim()) || undefined : undefined),
      );
      await untilProcess(parent, 'the worker to hold the lock', () => holds(killed));
      process.kill(killed, 'SIGKILL');
      await untilProcess(parent, 'the killed worker to be a zombie', () => Promise.resolve(processState(killed) === 'Z' ? true : undefined));

      try {
        const next = startWorker('worker started while the killed one is a zombie');
        await untilProcess(next, 'to take the lock', () => holds(next.pid));
        // the zombie is still there: its pid was never freed while the new worker started
        expect(processState(killed)).toBe('Z');
        expect(refusals()).toEqual([]);
      } finally {
        await parent.kill('SIGKILL');
      }
    },
    FAULT_STORY_MS,
  );

  it(
    'kill -9 mid-projection: once the restarted worker has caught up, the read models equal a full rebuild of the log',
    async () => {
      const worker = workers[workers.length - 1];
      // started, not only caught up: the read models may already be at the head before it has finished starting
      await untilProcess(worker, 'to start', () => Promise.resolve(worker.output().includes('"worker ready"') ? true : undefined));
      await untilProcess(worker, 'to catch up with the log', async () => ((await projectionLag(store, readModels)).caughtUp ? true : undefined));
      await worker.stop();
      await expectEnded(worker, 0);
      const projected = dumpReadModels(dataDir);

      const rebuild = startAppProcess('projections:rebuild', 'rebuild', env);
      await expectEnded(rebuild, 0);
      const rebuilt = dumpReadModels(dataDir);

      // the comparison is of something: the demo caseload's children and clocks
      expect(projected).toHaveProperty('rm_children');
      expect(projected.rm_clocks.length).toBeGreaterThan(0);
      expect(projected).toEqual(rebuilt);
    },
    FAULT_STORY_MS,
  );

  it(
    'a worker sent SIGTERM while it is still starting finishes starting, closes what it opened and exits 0',
    async () => {
      const worker = await stoppedWhileStarting((attempt) => startWorker(`worker stopped while starting (attempt ${attempt})`));
      await expectEnded(worker, 0);
      expect(worker.output()).toContain('"stopped"');
    },
    FAULT_STORY_MS,
  );
});
