import { expect } from '@jest/globals';
import type { AlertPage } from '@sj/alerts';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import type { FoundChildren } from '../../apps/api/src/children-search/children-search.service';
import type { HealthResponse } from '../../apps/api/src/health/health.controller';
import { addAccounts, signInOverHttp } from '../support/accounts';
import { authAs } from '../support/auth';
import { getJourney, recordEvent, request } from '../support/http';
import { createTestDatabase, type TestDatabase } from '../support/postgres-server';
import { startTestApp, type TestApp } from '../support/test-app';
import { until } from '../support/two-areas';

const TODAY = '2025-06-30';

/** Two children whose every identifying value is unusual enough that finding its bytes anywhere means it leaked. */
const PHILIPPA = {
  childId: 'wren-1',
  givenName: 'Philippa',
  familyName: 'Quennellbury',
  dateOfBirth: '2013-07-19',
  nhsNumber: '7182045621',
  upn: 'K918273645012',
  area: 'north',
  school: 'Oak Primary',
  caseworker: 'cw-north',
};
const TOBIAS = {
  childId: 'wren-2',
  givenName: 'Tobias',
  familyName: 'Marchbankes',
  dateOfBirth: '2015-02-27',
  nhsNumber: '6039182741',
  upn: 'M204938571630',
  area: 'south',
  school: 'Ash School',
  caseworker: 'cw-south',
};
const TOBIAS_POSTCODE = 'LS6 2QT';

const identifying = (child: typeof PHILIPPA): string[] => [child.givenName, child.familyName, child.dateOfBirth, child.nhsNumber, child.upn];
const EVERY_IDENTIFYING_VALUE = [...identifying(PHILIPPA), ...identifying(TOBIAS), TOBIAS_POSTCODE];

/** Every file under a folder (write-ahead logs, shared-memory files and Redis' files included), as bytes. */
function everyFile(dir: string): { file: string; bytes: Buffer }[] {
  return readdirSync(dir).flatMap((name) => {
    const file = join(dir, name);
    return statSync(file).isDirectory() ? everyFile(file) : [{ file, bytes: readFileSync(file) }];
  });
}

/** Each identifying value found in the bytes, with the file it was found in. */
function leaksIn(files: readonly { file: string; bytes: Buffer }[]): string[] {
  return EVERY_IDENTIFYING_VALUE.flatMap((value) =>
    files.filter(({ bytes }) => bytes.includes(Buffer.from(value, 'utf8'))).map(({ file }) => `${value} in ${file}`),
  );
}

/**
 * A demo-like day through the API and the worker: both children registered by their caseworkers, Tobias's postcode
 * recorded, Philippa suspended three times so the panel is alerted, both referred; the worker projects, indexes and
 * alerts; the caseworker reads the caseload, the child's page and a search.
 */
async function recordADay(app: TestApp): Promise<void> {
  for (const child of [PHILIPPA, TOBIAS]) {
    const auth = await authAs(app, 'caseworker', [child.area], child.caseworker);
    const { childId: _id, ...registration } = child;
    const events: object[] = [
      { type: 'ChildRegistered', occurredOn: '2024-09-02', data: registration },
      { type: 'EhcNeedsAssessmentRequested', occurredOn: '2024-09-02', data: { requestId: 'q1', requestedBy: 'school' } },
      { type: 'ReferralReceived', occurredOn: '2025-02-03', data: { referralId: 'asd-1', service: 'autism-assessment', source: 'school' } },
    ];
    if (child === TOBIAS) events.push({ type: 'ChildDetailsChanged', occurredOn: '2025-03-01', data: { postcode: TOBIAS_POSTCODE, sex: 'male' } });
    else {
      for (const [i, occurredOn] of ['2024-10-07', '2024-11-11', '2025-01-13'].entries()) {
        events.push({
          type: 'SuspensionRecorded',
          occurredOn,
          data: { suspensionId: `s${i + 1}`, school: child.school, schoolDays: 1, reason: 'persistent-disruptive-behaviour' },
        });
      }
    }
    for (const event of events) {
      const res = await recordEvent(app.baseUrl, child.childId, event, auth);
      if (res.status !== 201) throw new Error(`recording ${JSON.stringify(event)}: ${res.status} ${JSON.stringify(res.body)}`);
    }
  }
  await until('the worker caught up with the log', async () => {
    const { projections } = (await request<HealthResponse>(app.baseUrl, 'GET', '/health')).body;
    return projections.caughtUp === true && projections.checkpoint === projections.head ? true : undefined;
  });
  await until('the panel alerted', async () =>
    (await request<AlertPage>(app.baseUrl, 'GET', '/alerts?recipient=panel:north&status=all')).body.items.some((a) => a.childId === PHILIPPA.childId)
      ? true
      : undefined,
  );
  await until('Tobias found by name', async () =>
    (await request<FoundChildren>(app.baseUrl, 'GET', `/children?search=${TOBIAS.familyName}`)).body.total === 1 ? true : undefined,
  );
}

/** What a caseworker reads of a child: the journey (JSON), the search's row and the caseload page's words. */
async function caseworkerSees(app: TestApp): Promise<{ journey: unknown; found: string[]; caseload: string }> {
  const auth = await authAs(app, 'caseworker', ['north'], 'cw-north');
  const journey = (await getJourney(app.baseUrl, PHILIPPA.childId, undefined, auth)).body.child;
  const found = (await request<FoundChildren>(app.baseUrl, 'GET', `/children?search=${PHILIPPA.nhsNumber}`, { headers: auth })).body.items.map(
    (c) => `${c.name ?? ''} ${c.dateOfBirth ?? ''}`,
  );
  const { cookie } = await signInOverHttp(app.baseUrl, 'cw-north');
  const caseload = await (await fetch(`${app.baseUrl}/caseload`, { headers: { cookie, accept: 'text/html' } })).text();
  return { journey, found, caseload };
}

const CW_NORTH = { sub: 'cw-north', name: 'Priya Shah', role: 'caseworker', areas: ['north'] } as const;
const MANAGER_NORTH = { sub: 'manager-north', name: 'Grace Okafor', role: 'manager', areas: ['north'] } as const;

/*
 * Personal data at rest (UK GDPR Art. 5(1)(f), Art. 32): names, date of birth, NHS number, UPN and postcode live only
 * in the event log, encrypted with the child's key. No derived store (read models, search index, alerts, audit log,
 * queues' persistence) holds them in any form a byte scan can find, yet caseworkers still read them on every page.
 */
describe('personal data at rest, with SQLite in DATA_DIR', () => {
  let dataDir: string;
  let app: TestApp;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'sj-at-rest-'));
    // no REDIS_URL: as `npm start`, a redis-server of its own whose append-only file is in DATA_DIR too
    app = await startTestApp({ dataDir, clockToday: TODAY, withWorker: true, env: { REDIS_URL: '' } });
    await addAccounts(app, CW_NORTH, MANAGER_NORTH);
    await recordADay(app);
  }, 90_000);
  afterAll(async () => {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("shows the caseworker the child's name, date of birth and numbers, read through the child's key", async () => {
    const seen = await caseworkerSees(app);
    expect(seen.journey).toMatchObject({ givenName: 'Philippa', familyName: 'Quennellbury', dateOfBirth: '2013-07-19', nhsNumber: '7182045621' });
    expect(seen.found).toEqual(['Philippa Quennellbury 2013-07-19']);
    expect(seen.caseload).toContain('Philippa Quennellbury');
    const { cookie } = await signInOverHttp(app.baseUrl, 'manager-north');
    const managers = await (await fetch(`${app.baseUrl}/caseload?caseworker=cw-north`, { headers: { cookie, accept: 'text/html' } })).text();
    expect(managers).toContain(PHILIPPA.childId);
    expect(managers).not.toContain('Quennellbury');
  });

  it('holds no name, date of birth, NHS number, UPN or postcode in any byte of any file under DATA_DIR, running or stopped', async () => {
    const files = everyFile(dataDir);
    expect(files.map(({ file }) => file.slice(dataDir.length + 1))).toEqual(
      expect.arrayContaining([
        'events.sqlite',
        'read-models.sqlite',
        'read-models.sqlite-wal',
        'alerts.sqlite',
        'audit.sqlite',
        'child-search.sqlite',
        'identity.sqlite',
        'redis/appendonlydir/appendonly.aof.1.incr.aof',
      ]),
    );
    // the scan does find what is there: the child's id, which is not personal data
    expect(files.some(({ bytes }) => bytes.includes(Buffer.from(PHILIPPA.childId)))).toBe(true);
    expect(leaksIn(files)).toEqual([]);
    await app.close();
    expect(leaksIn(everyFile(dataDir))).toEqual([]);
  });
});

describe('personal data at rest, with DATABASE_URL', () => {
  let database: TestDatabase;
  let dataDir: string;
  let app: TestApp;

  /** Every row of every table of the application's database, as PostgreSQL writes it out as text. */
  const everyRow = async (): Promise<{ file: string; bytes: Buffer }[]> => {
    const client = new Client({ connectionString: database.url });
    await client.connect();
    try {
      const { rows: tables } = await client.query<{ name: string }>(
        `SELECT format('%I.%I', table_schema, table_name) AS name FROM information_schema.tables
          WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')`,
      );
      expect(tables.map((t) => t.name)).toContain('public.rm_children');
      const dumps: { file: string; bytes: Buffer }[] = [];
      for (const { name } of tables) {
        const { rows } = await client.query<{ row: string }>(`SELECT t::text AS row FROM ${name} t`);
        dumps.push({ file: name, bytes: Buffer.from(rows.map((r) => r.row).join('\n'), 'utf8') });
      }
      return dumps;
    } finally {
      await client.end();
    }
  };

  beforeAll(async () => {
    database = await createTestDatabase('personal-data-at-rest');
    dataDir = mkdtempSync(join(tmpdir(), 'sj-at-rest-pg-'));
    app = await startTestApp({ dataDir, clockToday: TODAY, withWorker: true, env: { DATABASE_URL: database.url, QUEUE_PREFIX: database.name } });
    await addAccounts(app, CW_NORTH, MANAGER_NORTH);
    await recordADay(app);
  }, 90_000);
  afterAll(async () => {
    await app.close();
    await database.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('shows the caseworker the child, and holds no identifying value in any table or in DATA_DIR', async () => {
    const seen = await caseworkerSees(app);
    expect(seen.found).toEqual(['Philippa Quennellbury 2013-07-19']);
    expect(seen.caseload).toContain('Philippa Quennellbury');
    const rows = await everyRow();
    expect(rows.some(({ bytes }) => bytes.includes(Buffer.from(PHILIPPA.childId)))).toBe(true);
    expect(leaksIn(rows)).toEqual([]);
    expect(leaksIn(everyFile(dataDir))).toEqual([]);
  });
});
