import { expect } from '@jest/globals';
import { ChildSearchIndexer, SqliteChildSearchIndex } from '@sj/read-models';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FoundChildren } from '../../apps/api/src/children-search/children-search.service';
import { openEventStore } from '../../apps/shared/src/event-store.lifecycle';
import { authAs } from '../support/auth';
import { recordEvent, request, type ValidationErrorBody } from '../support/http';
import { createTestDatabase, type TestDatabase } from '../support/postgres-server';
import { startTestApp, type TestApp } from '../support/test-app';
import { until } from '../support/two-areas';

const TODAY = '2025-06-30';

const registered = (data: Record<string, unknown>) => ({ type: 'ChildRegistered', occurredOn: '2025-01-06', data });
const AMIRA = { givenName: 'Amira', familyName: 'Smith', dateOfBirth: '2015-03-04', nhsNumber: '9434765919', upn: 'A123456789012' };
const JOSE = { givenName: 'José', familyName: 'Smith-Núñez', dateOfBirth: '2016-09-12' };
const ZOE = { givenName: 'Zoë', familyName: 'Smith', dateOfBirth: '2014-11-30', nhsNumber: '9434765838' };

/** The bytes of the SQLite files (and their write-ahead logs) whose names start with one of these. */
function bytesOf(dataDir: string, ...prefixes: string[]): { file: string; bytes: Buffer }[] {
  return readdirSync(dataDir)
    .filter((file) => prefixes.some((prefix) => file.startsWith(prefix)))
    .map((file) => ({ file, bytes: readFileSync(join(dataDir, file)) }));
}

/*
 * Find a child (GET /children?search=) through HTTP against the real API and worker: north's caseworker registers
 * Amira Smith and José Smith-Núñez, south's registers Zoë Smith; the worker indexes them from the decrypted log.
 */
describe('finding a child by name, NHS number, UPN or id', () => {
  let app: TestApp;
  let cwNorth: Record<string, string>;
  let cwSouth: Record<string, string>;

  const search = (query: string, headers: Record<string, string> = cwNorth) =>
    request<FoundChildren>(app.baseUrl, 'GET', `/children?search=${encodeURIComponent(query)}`, { headers });
  const idsFound = async (query: string, headers: Record<string, string> = cwNorth) =>
    (await search(query, headers)).body.items.map((c) => c.childId);

  beforeAll(async () => {
    app = await startTestApp({ clockToday: TODAY, withWorker: true });
    cwNorth = await authAs(app, 'caseworker', ['north'], 'cw-north');
    cwSouth = await authAs(app, 'caseworker', ['south'], 'cw-south');
    const children = [
      { childId: 'north-1', headers: cwNorth, data: { ...AMIRA, area: 'north', school: 'Oak Primary', caseworker: 'cw-north' } },
      { childId: 'north-2', headers: cwNorth, data: { ...JOSE, area: 'north', school: 'Elm Academy', caseworker: 'cw-north' } },
      { childId: 'south-1', headers: cwSouth, data: { ...ZOE, area: 'south', school: 'Ash School', caseworker: 'cw-south' } },
    ];
    for (const { childId, headers, data } of children) expect((await recordEvent(app.baseUrl, childId, registered(data), headers)).status).toBe(201);
    const requested = { type: 'EhcNeedsAssessmentRequested', occurredOn: '2025-05-01', data: { requestId: 'q1', requestedBy: 'parent' } };
    expect((await recordEvent(app.baseUrl, 'north-1', requested, cwNorth)).status).toBe(201);
    await until('the children indexed', async () =>
      (await search('smith', cwSouth)).body.total === 1 && (await search('smith')).body.total === 2 ? true : undefined,
    );
  }, 60_000);
  afterAll(() => app.close());

  it("finds the children of the caseworker's areas by family name, each with who they are and where the journey stands", async () => {
    const res = await search('smith');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.body).toMatchObject({ search: 'smith', page: 1, pageSize: 25, total: 2 });
    expect(res.body.items).toEqual([
      {
        childId: 'north-1',
        name: 'Amira Smith',
        dateOfBirth: '2015-03-04',
        area: 'north',
        school: 'Oak Primary',
        caseworker: 'cw-north',
        currentStages: ['EHC needs assessment: awaiting decision to assess'],
      },
      {
        childId: 'north-2',
        name: 'José Smith-Núñez',
        dateOfBirth: '2016-09-12',
        area: 'north',
        school: 'Elm Academy',
        caseworker: 'cw-north',
        currentStages: [],
      },
    ]);
  });

  it('finds a child by their whole name in any case, with or without accents, in any order', async () => {
    expect(await idsFound('AMIRA SMITH')).toEqual(['north-1']);
    expect(await idsFound('jose smith-nunez')).toEqual(['north-2']);
    expect(await idsFound('Núñez  José')).toEqual(['north-2']);
    expect(await idsFound('amira jones')).toEqual([]);
  });

  it('finds a child by NHS number with or without spaces, by UPN in any case, and by child id', async () => {
    expect(await idsFound('943 476 5919')).toEqual(['north-1']);
    expect(await idsFound('9434765919')).toEqual(['north-1']);
    expect(await idsFound('a123456789012')).toEqual(['north-1']);
    expect(await idsFound('north-2')).toEqual(['north-2']);
  });

  it('never finds a child of another area, and answers exactly as for a child who does not exist', async () => {
    expect(await idsFound('zoe smith')).toEqual([]);
    expect(await idsFound('9434765838')).toEqual([]);
    const otherArea = await search('south-1');
    const nobody = await search('north-9');
    expect(otherArea.status).toBe(nobody.status);
    expect({ ...otherArea.body, search: '' }).toEqual({ ...nobody.body, search: '' });
    expect(await idsFound('zoe smith', cwSouth)).toEqual(['south-1']);
    expect(await idsFound('smith', cwSouth)).toEqual(['south-1']);
  });

  it('shows a manager the children found without names or dates of birth, and refuses the panel', async () => {
    const manager = await authAs(app, 'manager', ['north'], 'manager-north');
    const res = await search('smith', manager);
    expect(res.body.items.map((c) => c.childId)).toEqual(['north-1', 'north-2']);
    expect(res.body.items[0]).not.toHaveProperty('name');
    expect(res.body.items[0]).not.toHaveProperty('dateOfBirth');
    const panel = await authAs(app, 'panel', ['north'], 'panel-north');
    expect((await search('smith', panel)).status).toBe(403);
  });

  it('pages the children found, counting them all', async () => {
    const res = await request<FoundChildren>(app.baseUrl, 'GET', '/children?search=smith&pageSize=1&page=2', { headers: cwNorth });
    expect(res.body).toMatchObject({ page: 2, pageSize: 1, total: 2 });
    expect(res.body.items.map((c) => c.childId)).toEqual(['north-2']);
  });

  it('answers a missing, empty, too long or meaningless search with 400 and a message a caseworker understands', async () => {
    const problem = async (path: string) => {
      const res = await request<ValidationErrorBody>(app.baseUrl, 'GET', path, { headers: cwNorth });
      expect(res.status).toBe(400);
      return res.body.details.map((d) => `${d.field}: ${d.message}`);
    };
    expect(await problem('/children')).toEqual(['search: Enter a name, NHS number, UPN or child ID to search for']);
    expect(await problem('/children?search=')).toEqual(['search: Enter a name, NHS number, UPN or child ID to search for']);
    expect(await problem(`/children?search=${'a'.repeat(101)}`)).toEqual(['search: The search must be 100 characters or fewer']);
    expect(await problem('/children?search=%21%21')).toEqual([
      'search: Enter a name, NHS number, UPN or child ID: the search must contain a letter or a number',
    ]);
    expect(await problem('/children?search=smith&pageSize=0')).toEqual(['pageSize: pageSize must be a whole number from 1 to 500']);
    expect(await problem('/children?search=smith&name=x')).toEqual([expect.stringMatching(/^name: name is not an accepted query parameter/)]);
  });

  it('keeps no name, NHS number, UPN or search text in the clear in the index, its key, the event log or the audit log', () => {
    const files = bytesOf(app.dataDir, 'child-search', 'events.sqlite', 'audit.sqlite');
    expect(files.map((f) => f.file)).toEqual(expect.arrayContaining(['child-search.sqlite', 'child-search.key', 'events.sqlite', 'audit.sqlite']));
    for (const text of [
      'Amira',
      'amira',
      'AMIRA',
      'Smith',
      'smith',
      'Núñez',
      'nunez',
      '9434765919',
      '943 476 5919',
      'A123456789012',
      'a123456789012',
    ]) {
      expect(files.filter(({ bytes }) => bytes.includes(Buffer.from(text, 'utf8'))).map((f) => `${f.file} holds ${text}`)).toEqual([]);
    }
  });

  it('finds an erased child no more, at once and after the index is rebuilt from the log', async () => {
    expect(await idsFound('amira')).toEqual(['north-1']);
    expect((await request(app.baseUrl, 'DELETE', '/children/north-1/personal-data')).status).toBe(200);
    expect(await idsFound('amira')).toEqual([]);
    expect(await idsFound('9434765919')).toEqual([]);
    expect(await idsFound('north-1')).toEqual([]);

    const store = await openEventStore(app.config);
    const index = await SqliteChildSearchIndex.open(app.dataDir);
    try {
      await new ChildSearchIndexer(store, index).rebuild();
    } finally {
      await index.close();
      await store.close();
    }
    expect(await idsFound('smith')).toEqual(['north-2']);
    expect(await idsFound('amira smith')).toEqual([]);
  });
});

/*
 * With DATABASE_URL the index is in PostgreSQL: the worker of one process indexes, another API process (with a data
 * folder of its own) finds the child and erases them, and nothing of the index is written to either folder.
 */
describe('finding a child with the index in PostgreSQL', () => {
  let database: TestDatabase;
  const folders: string[] = [];
  const apps: TestApp[] = [];

  const start = async (withWorker: boolean): Promise<TestApp> => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sj-pg-find-child-'));
    folders.push(dataDir);
    const app = await startTestApp({ dataDir, clockToday: TODAY, withWorker, env: { DATABASE_URL: database.url, QUEUE_PREFIX: database.name } });
    apps.push(app);
    return app;
  };

  beforeAll(async () => {
    database = await createTestDatabase('find-child-e2e');
  });
  afterAll(async () => {
    await Promise.all(apps.map((app) => app.close()));
    await database.drop();
    for (const folder of folders) rmSync(folder, { recursive: true, force: true });
  });

  it('finds a child indexed by the worker from another API process, and no more once that process erased them', async () => {
    const leader = await start(true);
    const api = await start(false);
    const cwNorth = await authAs(api, 'caseworker', ['north'], 'cw-north');
    const data = { ...AMIRA, area: 'north', school: 'Oak Primary', caseworker: 'cw-north' };
    expect((await recordEvent(leader.baseUrl, 'north-1', registered(data), cwNorth)).status).toBe(201);
    const search = async (query: string) =>
      (await request<FoundChildren>(api.baseUrl, 'GET', `/children?search=${encodeURIComponent(query)}`, { headers: cwNorth })).body.items.map(
        (c) => c.childId,
      );
    await until('the child indexed', async () => ((await search('amira smith')).length === 1 ? true : undefined));
    expect(await search('943 476 5919')).toEqual(['north-1']);
    expect((await request(api.baseUrl, 'DELETE', '/children/north-1/personal-data')).status).toBe(200);
    expect(await search('amira smith')).toEqual([]);
    expect(await search('north-1')).toEqual([]);
    for (const app of [leader, api]) expect(readdirSync(app.dataDir).filter((file) => file.startsWith('child-search'))).toEqual([]);
  });
});
