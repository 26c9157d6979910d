import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { createTestDatabase, TEST_DATABASE_URL_VARIABLE, type TestDatabase } from '../../../../test/support/postgres-server';
import { createPostgresPool } from '@sj/postgres';
import { ProjectionRunner } from '../projection-runner';
import { childrenProjection } from '../projections/children.projection';
import type { SqlParams } from '../sql/read-model-sql';
import { allProjections, createReadModelFixture, type ReadModelFixture } from '../testing/read-model-fixture';
import { describeReadModelContract, type ReadModelPlace } from '../testing/read-model.contract';
import { namedQuery } from './postgres-sql';
import { PostgresReadModelStore } from './postgres.read-model-store';

/** One database for this file; each place is a schema of its own in it, far cheaper to make than a database. */
let shared: Promise<TestDatabase> | undefined;
afterAll(async () => {
  if (shared) await (await shared).drop();
});

/**
 * A schema of its own (a database of its own when given one), reached through connections whose search_path
 * names it, and a connection of the test's own beside the store's pool.
 */
async function postgresPlace(own?: TestDatabase): Promise<ReadModelPlace> {
  const db = own ?? (await (shared ??= createTestDatabase('read-models')));
  const schema = own ? 'public' : `place_${randomBytes(6).toString('hex')}`;
  const url = new URL(db.url);
  url.searchParams.set('options', `-c search_path=${schema}`);
  let side: Client | undefined;
  const connection = async (): Promise<Client> => {
    if (side === undefined) {
      side = new Client({ connectionString: url.toString() });
      await side.connect();
    }
    return side;
  };
  if (!own) await (await connection()).query(`CREATE SCHEMA ${schema}`);
  return {
    open: () => PostgresReadModelStore.open(url.toString()),
    rows: async <T>(sql: string, params?: SqlParams) => (await (await connection()).query(namedQuery(sql, params))).rows as T[],
    exec: async (sql) => {
      await (await connection()).query(sql);
    },
    remove: async () => {
      if (own) {
        await side?.end();
        await own.drop();
        return;
      }
      await (await connection()).query(`DROP SCHEMA ${schema} CASCADE`);
      await side?.end();
    },
  };
}

describeReadModelContract({ name: 'PostgreSQL', createPlace: () => postgresPlace() });

/** A database whose default collation sorts as people read (ICU en-GB: "a" before "B"), as a council's server may. */
async function englishCollationDatabase(): Promise<TestDatabase> {
  const serverUrl = process.env[TEST_DATABASE_URL_VARIABLE] ?? '';
  const name = `sj_read_models_en_gb_${randomBytes(4).toString('hex')}`;
  const onServer = async (sql: string): Promise<void> => {
    const client = new Client({ connectionString: serverUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await onServer(`CREATE DATABASE ${name} TEMPLATE template0 ENCODING 'UTF8' LOCALE_PROVIDER icu ICU_LOCALE 'en-GB' LOCALE 'C.UTF-8'`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), name, drop: () => onServer(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

describe('PostgreSQL read models on a server whose default collation is not byte order', () => {
  let fx: ReadModelFixture;

  beforeAll(async () => {
    const db = await englishCollationDatabase();
    fx = await createReadModelFixture({ name: 'PostgreSQL (en-GB)', createPlace: () => postgresPlace(db) });
  });
  afterAll(() => fx.cleanUp());

  it('lists children waiting since the same day in byte order, as SQLite does, not in the locale order', async () => {
    const referral = {
      type: 'ReferralReceived',
      occurredOn: '2024-03-01',
      data: { referralId: 'asd-1', service: 'autism-assessment', source: 'school' },
    } as const;
    const registered = (givenName: string) =>
      ({
        type: 'ChildRegistered',
        occurredOn: '2024-01-02',
        data: { givenName, familyName: 'Example', dateOfBirth: '2018-01-01', area: 'north' },
      }) as const;
    await fx.record('a-1', registered('Ada'), referral);
    await fx.record('B-1', registered('Bea'), referral);
    const readModels = await fx.openReadModels();
    await new ProjectionRunner(fx.store, readModels, allProjections()).catchUp();

    const waiting = await readModels.waitingTimes({ page: 1, pageSize: 50, asOf: '2024-06-01' });

    expect(waiting.items.map((item) => item.childId)).toEqual(['B-1', 'a-1']);
    expect(await fx.rows<{ first: string }>('SELECT min(child_id) AS first FROM rm_referrals')).toEqual([{ first: 'B-1' }]);
  });
});

describe('PostgreSQL read models written batch after batch into tables just recreated, as a rebuild writes them', () => {
  it("replaces each batch's children through the child_id index, never reading a table whole while it has no statistics", async () => {
    const db = await createTestDatabase('read-models-rebuild');
    // One connection: the table statistics read at the end are those the writes made.
    const pool = createPostgresPool(db.url, { max: 1 });
    const readModels = await PostgresReadModelStore.open(pool);
    const child = (n: number) => ({
      childId: `child-${n}`,
      rows: [
        {
          child_id: `child-${n}`,
          area: 'north',
          school: null,
          caseworker: null,
          registered_on: '2024-01-02',
          case_closed_on: null,
          current_stages: 'referral',
        },
      ],
    });
    // Table scans of rm_children so far (building its indexes reads it), as the server has them now.
    const tableScans = async (): Promise<bigint> => {
      await pool.query('SELECT pg_stat_force_next_flush()');
      const { rows } = await pool.query<{ seq_scan: bigint }>("SELECT seq_scan FROM pg_stat_user_tables WHERE relname = 'rm_children'");
      return rows[0].seq_scan;
    };
    try {
      await readModels.clear([childrenProjection]);
      const scansBefore = await tableScans();

      // Each batch replaces the last one's second half (children seen again) and adds as many new children.
      for (let batch = 0; batch < 20; batch += 1) {
        await readModels.write({
          replacements: [{ projection: childrenProjection, children: Array.from({ length: 200 }, (_, i) => child(batch * 100 + i)) }],
          position: `${batch}`,
          events: 200,
          lastEventRecordedAt: '2024-01-02T09:00:00.000Z',
          updatedAt: '2024-01-02T09:00:00.000Z',
        });
      }

      expect(await tableScans()).toBe(scansBefore);
      expect((await pool.query<{ n: bigint }>('SELECT count(*) AS n FROM rm_children')).rows).toEqual([{ n: 2100n }]);
    } finally {
      await readModels.close();
      await pool.end();
      await db.drop();
    }
  });
});
