import { PassThrough } from 'node:stream';
import { Client } from 'pg';
import { createTestDatabase, type TestDatabase } from '../../../test/support/postgres-server';
import { runMigrateCommand } from './migrate.command';
import { POSTGRES_SCHEMAS } from './postgres-schemas';

function capture(): { stream: PassThrough; text: () => string } {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  return { stream, text: () => Buffer.concat(chunks).toString('utf8') };
}

describe('npm run migrate', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase('migrate-command');
  });

  afterAll(async () => {
    await db.drop();
  });

  it('brings every component to this release’s version, then finds nothing to do the second time', async () => {
    const first = capture();
    const second = capture();
    const errors = capture();

    const firstCode = await runMigrateCommand({ stdout: first.stream, stderr: errors.stream }, { DATABASE_URL: db.url });
    const secondCode = await runMigrateCommand({ stdout: second.stream, stderr: errors.stream }, { DATABASE_URL: db.url });

    expect([firstCode, secondCode]).toEqual([0, 0]);
    expect(errors.text()).toBe('');
    for (const schema of POSTGRES_SCHEMAS) {
      expect(first.text()).toContain(`${schema.component}: version ${schema.migrations.length} (applied `);
      expect(second.text()).toContain(`${schema.component}: version ${schema.migrations.length} (already up to date)`);
    }
    const client = new Client({ connectionString: db.url });
    await client.connect();
    try {
      const { rows } = await client.query<{ component: string; version: number }>(
        'SELECT component, max(version) AS version FROM schema_migrations GROUP BY component',
      );
      expect(Object.fromEntries(rows.map((r) => [r.component, r.version]))).toEqual(
        Object.fromEntries(POSTGRES_SCHEMAS.map((s) => [s.component, s.migrations.length])),
      );
    } finally {
      await client.end();
    }
  });

  it('says DATABASE_URL is needed when it is not set, and changes nothing', async () => {
    const out = capture();
    const errors = capture();

    const code = await runMigrateCommand({ stdout: out.stream, stderr: errors.stream }, {});

    expect(code).toBe(1);
    expect(errors.text()).toMatch(/npm run migrate needs DATABASE_URL/);
    expect(out.text()).toBe('');
  });
});
