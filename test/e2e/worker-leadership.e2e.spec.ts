import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { WorkerLeadershipService } from '../../apps/worker/src/leadership/worker-leadership.service';
import { ProjectionsService } from '../../apps/worker/src/projections/projections.service';
import { createTestDatabase, type TestDatabase } from '../support/postgres-server';
import { startTestApp, type TestApp } from '../support/test-app';
import { until } from '../support/two-areas';

/* Two workers on one PostgreSQL, each in its own Nest application with its own empty working folder. */
describe('workers on PostgreSQL: one leads, the other stands by and takes over', () => {
  let database: TestDatabase;
  const folders: string[] = [];
  const workers: TestApp[] = [];

  const startWorker = async (): Promise<TestApp> => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sj-leadership-'));
    folders.push(dataDir);
    const app = await startTestApp({ dataDir, withWorker: true, env: { DATABASE_URL: database.url, QUEUE_PREFIX: database.name } });
    workers.push(app);
    return app;
  };
  const leads = (worker: TestApp): boolean => worker.nest.get(WorkerLeadershipService).isLeader;
  const projects = async (worker: TestApp): Promise<boolean> => (await worker.nest.get(ProjectionsService).lag()).running;
  const state = async (worker: TestApp): Promise<[boolean, boolean]> => [leads(worker), await projects(worker)];
  /** Sessions of workers competing for leadership, leading or standing by. */
  const contenders = async (): Promise<number> => {
    const admin = new Client({ connectionString: database.url });
    await admin.connect();
    try {
      const { rows } = await admin.query("SELECT pid FROM pg_stat_activity WHERE application_name LIKE 'send-journeys leader: worker %'");
      return rows.length;
    } finally {
      await admin.end();
    }
  };
  const terminateTheLeadersSession = async (): Promise<number> => {
    const admin = new Client({ connectionString: database.url });
    await admin.connect();
    try {
      const { rows } = await admin.query(
        `SELECT pg_terminate_backend(l.pid) FROM pg_locks l JOIN pg_stat_activity a USING (pid)
         WHERE l.locktype = 'advisory' AND l.granted AND a.application_name LIKE 'send-journeys leader: worker %'`,
      );
      return rows.length;
    } finally {
      await admin.end();
    }
  };

  beforeAll(async () => {
    database = await createTestDatabase('worker-leadership');
  });
  afterAll(async () => {
    await Promise.all(workers.map((w) => w.close()));
    await database.drop();
    for (const folder of folders) rmSync(folder, { recursive: true, force: true });
  });

  it('the first worker leads and projects; the second stands by and does not project', async () => {
    const first = await startWorker();
    await until('the first worker to lead and project', async () => ((await projects(first)) && leads(first) ? true : undefined));
    const second = await startWorker();
    await until('the second worker to stand for leadership', async () => ((await contenders()) === 2 ? true : undefined));

    expect(await state(first)).toEqual([true, true]);
    expect(await state(second)).toEqual([false, false]);
  });

  it("when the leader's database session is terminated it stops leading and projecting, and the standby takes over", async () => {
    const [first, second] = workers;

    expect(await terminateTheLeadersSession()).toBe(1);

    await until('the standby to lead and project', async () => ((await projects(second)) && leads(second) ? true : undefined));
    expect(await state(first)).toEqual([false, false]);
  });
});
