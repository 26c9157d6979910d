import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AlertPage, StoredAlert } from '@sj/alerts';
import type { AuditEntry } from '../../apps/api/src/audit/audit-log';
import type { ErasureResult } from '../../apps/api/src/erasure/erasure.service';
import { openAlertStore } from '../../apps/shared/src/storage';
import { addAccounts, signInOverHttp } from '../support/accounts';
import { authAs } from '../support/auth';
import { getJourney, recordEvent, request } from '../support/http';
import { createTestDatabase, type TestDatabase } from '../support/postgres-server';
import { startTestApp, type TestApp } from '../support/test-app';

const TODAY = '2025-06-30';

/*
 * With DATABASE_URL set, the stores beside the event log (children's keys, the audit log, the alert inbox,
 * local accounts and sessions, the local signing secret) live in PostgreSQL: two API processes, each with a
 * working folder of its own, behave as one service, and neither writes those stores to its folder.
 */
describe('two API processes on one PostgreSQL, each with its own empty working folder', () => {
  let database: TestDatabase;
  const folders: string[] = [];
  let first: TestApp;
  let second: TestApp;

  beforeAll(async () => {
    database = await createTestDatabase('api-stores');
    const start = (): Promise<TestApp> => {
      const dataDir = mkdtempSync(join(tmpdir(), 'sj-api-host-'));
      folders.push(dataDir);
      return startTestApp({ dataDir, clockToday: TODAY, env: { DATABASE_URL: database.url } });
    };
    first = await start();
    second = await start();
  }, 60_000);
  afterAll(async () => {
    await Promise.all([first.close(), second.close()]);
    await database.drop();
    for (const folder of folders) rmSync(folder, { recursive: true, force: true });
  });

  it('accepts on one a token the other signed: one local signing secret', async () => {
    const panel = await authAs(first, 'panel', ['north'], 'panel-north');
    expect((await request<AlertPage>(second.baseUrl, 'GET', '/alerts?recipient=panel:north', { headers: panel })).status).toBe(200);
  });

  it('lets a person sign in on one and carry on, and sign out, on the other: one store of accounts and sessions', async () => {
    await addAccounts(first, { sub: 'manager-north', name: 'Grace Okafor', role: 'manager', areas: ['north'] });
    const session = await signInOverHttp(second.baseUrl, 'manager-north');

    expect((await fetch(`${first.baseUrl}/inbox`, { headers: { cookie: session.cookie } })).status).toBe(200);

    const out = await fetch(`${first.baseUrl}/sign-out`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: session.cookie },
      body: new URLSearchParams({ csrfToken: session.csrfToken }).toString(),
    });
    expect(out.status).toBe(303);
    expect((await fetch(`${second.baseUrl}/inbox`, { redirect: 'manual', headers: { cookie: session.cookie } })).status).toBe(303);
  });

  it("reads on one a child's name recorded through the other, and sees the other's erasure at once: one key store", async () => {
    const caseworker = await authAs(first, 'caseworker', ['north'], 'cw-north');
    const registered = await recordEvent(
      first.baseUrl,
      'pg-child',
      {
        type: 'ChildRegistered',
        occurredOn: '2024-09-02',
        data: {
          givenName: 'Robin',
          familyName: 'Hollingsworth',
          dateOfBirth: '2016-03-14',
          area: 'north',
          nhsNumber: '9434765919',
          caseworker: 'cw-north',
        },
      },
      caseworker,
    );
    expect(registered.status).toBe(201);
    expect((await getJourney(second.baseUrl, 'pg-child')).body.child).toMatchObject({ familyName: 'Hollingsworth', erased: false });

    const erased = await request<ErasureResult>(first.baseUrl, 'DELETE', '/children/pg-child/personal-data');
    expect(erased.body).toMatchObject({ childId: 'pg-child', alreadyErased: false });

    expect((await getJourney(second.baseUrl, 'pg-child')).body.child).toMatchObject({
      familyName: null,
      nhsNumber: null,
      erased: true,
      area: 'north',
    });
    const again = await recordEvent(
      second.baseUrl,
      'pg-child',
      { type: 'ChildDetailsChanged', occurredOn: '2025-06-01', data: { postcode: 'TA1 1AA' } },
      caseworker,
    );
    expect(again.status).toBe(409);
  });

  it('keeps one audit log: reads answered by one are listed by the other', async () => {
    await getJourney(second.baseUrl, 'pg-child');
    const audit = await request<{ items: AuditEntry[] }>(first.baseUrl, 'GET', '/audit?childId=pg-child');
    expect(audit.body.items.map((e) => e.action)).toEqual(expect.arrayContaining(['read', 'erase']));
    expect(audit.body.items.filter((e) => e.action === 'read').length).toBeGreaterThanOrEqual(3);
  });

  it('keeps one alert inbox: an alert acknowledged on one is acknowledged on the other', async () => {
    const alerts = await openAlertStore(first.config);
    try {
      await alerts.applyChanges(
        [
          {
            kind: 'raised',
            causedBy: 'e1',
            decision: {
              alertId: 'pex:pg-child:x1',
              rule: 'permanent-exclusion',
              childId: 'pg-child',
              area: 'north',
              recipients: ['panel:north'],
              period: '2025-06-02',
              facts: { exclusionId: 'x1' },
            },
          },
        ],
        '2025-06-30T09:00:00.000Z',
      );
    } finally {
      await alerts.close();
    }
    const panel = await authAs(second, 'panel', ['north'], 'panel-chair');
    expect((await request<StoredAlert>(second.baseUrl, 'POST', '/alerts/pex:pg-child:x1/acknowledge', { headers: panel })).status).toBe(200);

    const inbox = await request<AlertPage>(first.baseUrl, 'GET', '/alerts?recipient=panel:north&status=acknowledged', { headers: panel });
    expect(inbox.body.items.map((a) => [a.alertId, a.acknowledgedBy])).toEqual([['pex:pg-child:x1', 'panel-chair']]);
  });

  it('leaves both working folders empty: no keys, audit, alerts, identity or secret file, nothing else', () => {
    for (const folder of folders) expect(readdirSync(folder, { recursive: true })).toEqual([]);
  });
});
