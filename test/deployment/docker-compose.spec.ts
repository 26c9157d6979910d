import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createTestDatabase, type TestDatabase } from '../support/postgres-server';
import { startTestApp, type TestApp } from '../support/test-app';

/* Docker cannot run on the development machines: these tests read docker/compose.yaml as Docker Compose would, and
 * run the workers' health check command against a real PostgreSQL. */
interface Service {
  readonly image?: string;
  readonly command?: readonly string[];
  readonly environment?: Readonly<Record<string, string>>;
  readonly volumes?: readonly string[];
  readonly healthcheck?: { readonly test: readonly string[] };
  readonly profiles?: readonly string[];
}
interface ComposeFile {
  readonly services: Readonly<Record<string, Service>>;
}

const ROOT = join(__dirname, '..', '..');
// js-yaml is not a dependency of ours: it comes with jest (istanbul); read through jest so no type package is needed
const yaml = jest.requireActual<{ load: (text: string) => unknown }>('js-yaml');
const compose = yaml.load(readFileSync(join(ROOT, 'docker', 'compose.yaml'), 'utf8')) as ComposeFile;
const services = Object.entries(compose.services);
const running = (command: string): string[] =>
  services.filter(([, s]) => s.profiles === undefined && s.command?.includes(command)).map(([name]) => name);

describe('docker/compose.yaml runs the production shape', () => {
  it('starts PostgreSQL, Redis without eviction and append-only, two API replicas and two workers, each with a health check', () => {
    expect(compose.services.postgres.image).toMatch(/^postgres:/);
    expect(compose.services.redis.command).toEqual(expect.arrayContaining(['--maxmemory-policy', 'noeviction', '--appendonly', 'yes']));
    expect(running('dist/apps/api/src/main.js')).toHaveLength(2);
    expect(running('dist/apps/worker/src/main.js')).toHaveLength(2);
    // all but the one-shot migration, which runs to completion before the others start
    const longRunning = services.filter(([name]) => name !== 'migrate');
    for (const [name, service] of longRunning) expect([name, service.healthcheck?.test.length ?? 0]).not.toEqual([name, 0]);
    expect(compose.services.migrate.command).toEqual(['dist/apps/shared/src/migrate.main.js']);
  });

  it('gives every application process the database and Redis, and shares no volume between containers', () => {
    for (const name of [...running('dist/apps/api/src/main.js'), ...running('dist/apps/worker/src/main.js')]) {
      const env = compose.services[name].environment;
      expect(env?.DATABASE_URL).toMatch(/^postgres:\/\/.+@postgres:5432\//);
      expect(env?.REDIS_URL).toBe('redis://redis:6379');
    }
    const mounts = services.flatMap(([, s]) => (s.volumes ?? []).map((v) => v.split(':')[0]));
    expect(new Set(mounts).size).toBe(mounts.length);
  });

  describe("the workers' health check", () => {
    let db: TestDatabase;
    let worker: TestApp | undefined;
    // Compose turns $$ into $ before the container runs the command
    const check = (): number | null => {
      const script = (compose.services['worker-1'].healthcheck?.test ?? []).at(-1)?.replaceAll('$$', '$') ?? '';
      return spawnSync(process.execPath, ['-e', script], { cwd: ROOT, env: { ...process.env, DATABASE_URL: db.url }, timeout: 20_000 }).status;
    };

    beforeAll(async () => {
      db = await createTestDatabase('compose-health');
    });
    afterAll(async () => {
      await worker?.close();
      await db.drop();
    });

    it('fails while no worker on this host has a session on the database, and passes once one runs', async () => {
      expect(check()).toBe(1);

      worker = await startTestApp({ withWorker: true, env: { DATABASE_URL: db.url, QUEUE_PREFIX: db.name } });

      expect(check()).toBe(0);
    });
  });
});
