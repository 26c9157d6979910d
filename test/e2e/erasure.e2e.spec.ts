import Database from 'better-sqlite3';
import { loadConfig } from '@sj/config';
import { ProjectionRunner, SqliteReadModelStore, type ClockItem, type Page, type SuspensionsResult, type WaitingTimesResult } from '@sj/read-models';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ErasureResult } from '../../apps/api/src/erasure/erasure.service';
import type { HealthResponse } from '../../apps/api/src/health/health.controller';
import { openEventStore } from '../../apps/shared/src/event-store.lifecycle';
import { readModelFile, readModelProjections } from '../../apps/worker/src/projections/read-model-projections';
import { authAs } from '../support/auth';
import { getJourney, recordEvent, request, type ErrorBody } from '../support/http';
import { startTestApp, type TestApp } from '../support/test-app';
import { NORTH_CHILD, recordTwoAreas, SOUTH_CHILD, until } from '../support/two-areas';

const TODAY = '2025-06-30';
const CSV_EXPORTS = [
  '/clocks?format=csv',
  '/waiting-times?format=csv',
  '/suspensions?schoolYear=2024&format=csv',
  '/reports/timeliness?year=2025&format=csv',
];

/** Every file under DATA_DIR (WAL and -shm files included), as bytes. */
function everyFile(dir: string): { file: string; bytes: Buffer }[] {
  return readdirSync(dir).flatMap((name) => {
    const file = join(dir, name);
    return statSync(file).isDirectory() ? everyFile(file) : [{ file, bytes: readFileSync(file) }];
  });
}

function filesHolding(dir: string, text: string): string[] {
  const needle = Buffer.from(text, 'utf8');
  return everyFile(dir)
    .filter(({ bytes }) => bytes.includes(needle))
    .map(({ file }) => file);
}

/*
 * Erasure by crypto-shredding (UK GDPR Art. 17), end to end: the north child's name and NHS number are
 * recorded through the API, projected and alerted on; an admin erases them; then neither the API, the CSV
 * exports, a rebuilt read model nor any byte under DATA_DIR holds them, while every figure is unchanged.
 */
describe("erasure of a child's personal data", () => {
  let dataDir: string;
  let app: TestApp;
  let timelinessBefore: unknown;
  let countsBefore: Record<string, unknown>;

  const counts = async (): Promise<Record<string, unknown>> => ({
    clocks: (await request<Page<ClockItem>>(app.baseUrl, 'GET', '/clocks')).body.total,
    waiting: (await request<WaitingTimesResult>(app.baseUrl, 'GET', '/waiting-times?service=autism-assessment')).body.summary,
    suspensions: (await request<SuspensionsResult>(app.baseUrl, 'GET', '/suspensions?schoolYear=2024')).body.totals,
  });

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'sj-erasure-'));
    app = await startTestApp({ dataDir, clockToday: TODAY, withWorker: true });
    await recordTwoAreas(app);
    timelinessBefore = (await request(app.baseUrl, 'GET', '/reports/timeliness?year=2025')).body;
    countsBefore = await counts();
  }, 60_000);
  afterAll(async () => {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('never writes the plaintext to the event log', () => {
    expect(filesHolding(dataDir, NORTH_CHILD.familyName).filter((f) => f.includes('events.sqlite'))).toEqual([]);
  });

  it('is for admins only, and 404 for an unknown child', async () => {
    const manager = await authAs(app, 'manager', ['north']);
    expect((await request(app.baseUrl, 'DELETE', `/children/${NORTH_CHILD.childId}/personal-data`, { headers: manager })).status).toBe(403);
    expect((await request(app.baseUrl, 'DELETE', '/children/nobody/personal-data')).status).toBe(404);
    expect((await getJourney(app.baseUrl, NORTH_CHILD.childId)).body.child).toMatchObject({
      familyName: NORTH_CHILD.familyName,
      nhsNumber: NORTH_CHILD.nhsNumber,
      erased: false,
    });
  });

  it('leaves no trace of the name or NHS number in the API, the CSV exports or any file, and changes no figure', async () => {
    const erased = await request<ErasureResult>(app.baseUrl, 'DELETE', `/children/${NORTH_CHILD.childId}/personal-data`);
    expect(erased.status).toBe(200);
    expect(erased.body).toMatchObject({ childId: NORTH_CHILD.childId, alreadyErased: false });
    // at once, not when the worker next touches the child
    expect(filesHolding(dataDir, NORTH_CHILD.familyName)).toEqual([]);
    expect(filesHolding(dataDir, NORTH_CHILD.nhsNumber)).toEqual([]);

    const journey = await getJourney(app.baseUrl, NORTH_CHILD.childId);
    expect(journey.status).toBe(200);
    expect(journey.body.child).toMatchObject({
      givenName: null,
      familyName: null,
      dateOfBirth: null,
      nhsNumber: null,
      upn: null,
      erased: true,
      area: 'north',
    });
    expect(journey.body.events[0].data).toMatchObject({ erased: true, cohortYear: 2015, area: 'north' });
    expect(journey.body.clocks.length).toBeGreaterThan(0);
    const body = JSON.stringify(journey.body);
    expect(body).not.toContain(NORTH_CHILD.familyName);
    expect(body).not.toContain(NORTH_CHILD.nhsNumber);
    for (const path of CSV_EXPORTS) {
      const csv = await request<string>(app.baseUrl, 'GET', path);
      expect({ path, status: csv.status, name: csv.body.includes(NORTH_CHILD.familyName) }).toEqual({ path, status: 200, name: false });
    }
    expect((await request(app.baseUrl, 'GET', '/reports/timeliness?year=2025')).body).toEqual(timelinessBefore);
    expect(await counts()).toEqual(countsBefore);
    // the other child is untouched
    expect((await getJourney(app.baseUrl, SOUTH_CHILD.childId)).body.child).toMatchObject({ familyName: SOUTH_CHILD.familyName, erased: false });

    // a later event makes the worker re-project the child from its cache, which may still hold the decrypted name: no file may get it
    const caseworker = await authAs(app, 'caseworker', ['north'], NORTH_CHILD.caseworker);
    expect(
      (
        await recordEvent(
          app.baseUrl,
          NORTH_CHILD.childId,
          { type: 'PreAssessmentStarted', occurredOn: '2025-03-03', data: { referralId: 'asd-1' } },
          caseworker,
        )
      ).status,
    ).toBe(201);
    await until('the new event projected', async () =>
      (await request<HealthResponse>(app.baseUrl, 'GET', '/health')).body.projections.lag === 0 ? true : undefined,
    );
    // the erased child stays registered: registering again is refused, and nothing new is written
    const again = await recordEvent<ErrorBody>(
      app.baseUrl,
      NORTH_CHILD.childId,
      {
        type: 'ChildRegistered',
        occurredOn: TODAY,
        data: { givenName: 'Robin', familyName: NORTH_CHILD.familyName, dateOfBirth: '2016-03-14', area: 'north' },
      },
      caseworker,
    );
    expect(again.status).toBe(422);
    expect(again.body.details).toMatchObject({ rule: 'CHILD_ALREADY_REGISTERED' });
    // erasing again changes nothing and says so
    expect((await request<ErasureResult>(app.baseUrl, 'DELETE', `/children/${NORTH_CHILD.childId}/personal-data`)).body).toMatchObject({
      alreadyErased: true,
      erasedAt: erased.body.erasedAt,
    });

    await app.close();
    expect(filesHolding(dataDir, NORTH_CHILD.familyName)).toEqual([]);
    expect(filesHolding(dataDir, NORTH_CHILD.nhsNumber)).toEqual([]);
    // no file holds the other child's name either (only the log, encrypted), though the scan finds what is there
    expect(filesHolding(dataDir, SOUTH_CHILD.familyName)).toEqual([]);
    expect(filesHolding(dataDir, SOUTH_CHILD.childId).length).toBeGreaterThan(0);

    // a rebuilt read model has the child's row, without a name, and the same figures
    const config = loadConfig({ DATA_DIR: dataDir, CLOCK_TODAY: TODAY, LOG_LEVEL: 'error' });
    const store = await openEventStore(config);
    const readModels = SqliteReadModelStore.open(readModelFile(config));
    try {
      await new ProjectionRunner(store, readModels, readModelProjections(config)).rebuild();
    } finally {
      await readModels.close();
      await store.close();
    }
    const db = new Database(readModelFile(config), { readonly: true });
    try {
      expect(db.prepare('SELECT * FROM rm_children WHERE child_id = ?').get(NORTH_CHILD.childId)).toMatchObject({
        area: 'north',
        school: 'north Primary',
      });
    } finally {
      db.close();
    }
    expect(filesHolding(dataDir, NORTH_CHILD.familyName)).toEqual([]);

    app = await startTestApp({ dataDir, clockToday: TODAY });
    expect((await request(app.baseUrl, 'GET', '/reports/timeliness?year=2025')).body).toEqual(timelinessBefore);
    expect(JSON.stringify((await getJourney(app.baseUrl, NORTH_CHILD.childId)).body)).not.toContain(NORTH_CHILD.familyName);
  }, 60_000);
});
