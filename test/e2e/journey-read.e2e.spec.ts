import type { AuditEntry } from '../../apps/api/src/audit/audit-log';
import { authAs } from '../support/auth';
import { getJourney, recordEvent, registerChild, request } from '../support/http';
import { startTestApp, type TestApp } from '../support/test-app';

const TODAY = '2025-06-30';

/*
 * A journey read again while nothing was recorded is answered from the JSON already written for it; these stories
 * prove that answer is the journey as it stands, with the caching headers a browser relies on, and still audited.
 */
describe('reading a journey again', () => {
  let app: TestApp;
  let caseworker: Record<string, string>;

  beforeAll(async () => {
    app = await startTestApp({ clockToday: TODAY });
    caseworker = await authAs(app, 'caseworker', ['taunton'], 'cw-reader');
  });
  afterAll(async () => {
    await app.close();
  });

  it('answers the same JSON and ETag while nothing is recorded, and the new journey once something is', async () => {
    expect((await registerChild(app.baseUrl, 'child-read-again')).status).toBe(201);

    const first = await getJourney(app.baseUrl, 'child-read-again', undefined, caseworker);
    const again = await getJourney(app.baseUrl, 'child-read-again', undefined, caseworker);

    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(again.body).toEqual(first.body);
    expect(again.headers.get('etag')).toMatch(/^W\/"[0-9a-f]+-[A-Za-z0-9+/]{27}"$/);
    expect(again.headers.get('etag')).toBe(first.headers.get('etag'));

    const recorded = await recordEvent(
      app.baseUrl,
      'child-read-again',
      { type: 'ChildDetailsChanged', occurredOn: '2025-06-01', data: { school: 'Riverside Academy' } },
      caseworker,
    );
    expect(recorded.status).toBe(201);
    const after = await getJourney(app.baseUrl, 'child-read-again', undefined, caseworker);

    expect(after.body.events.map((e) => e.type)).toEqual(['ChildRegistered', 'ChildDetailsChanged']);
    expect(after.body.child).toMatchObject({ school: 'Riverside Academy' });
    expect(after.headers.get('etag')).not.toBe(first.headers.get('etag'));
    const asOfBefore = await getJourney(app.baseUrl, 'child-read-again', '2025-05-01', caseworker);
    expect(asOfBefore.body.events.map((e) => e.type)).toEqual(['ChildRegistered']);
  });

  it('answers a conditional read of an unchanged journey with 304, and logs that read like any other', async () => {
    expect((await registerChild(app.baseUrl, 'child-conditional')).status).toBe(201);
    const reader = await authAs(app, 'caseworker', ['taunton'], 'cw-conditional');
    const first = await getJourney(app.baseUrl, 'child-conditional', undefined, reader);
    const etag = first.headers.get('etag') ?? '';

    // fetch adds "Cache-Control: no-cache" to a conditional request unless told otherwise, and that forbids a 304
    const conditional = await getJourney(app.baseUrl, 'child-conditional', undefined, {
      ...reader,
      'If-None-Match': etag,
      'Cache-Control': 'max-age=0',
    });

    expect(conditional.status).toBe(304);
    const reads = await request<{ items: AuditEntry[] }>(app.baseUrl, 'GET', '/audit?sub=cw-conditional&childId=child-conditional');
    expect(reads.body.items).toHaveLength(2);
    expect(reads.body.items.every((entry) => entry.action === 'read' && entry.route === 'GET /children/child-conditional/journey')).toBe(true);
  });
});
