import { randomUUID } from 'node:crypto';
import { getJourney, recordEvent, registerChild } from '../support/http';
import { startTestApp, type TestApp } from '../support/test-app';

describe('Concurrent writes to one child', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({ clockToday: '2025-06-30' });
  });
  afterAll(async () => {
    await app.close();
  });

  it('records 50 simultaneous events with revisions 0..50, no gaps, no duplicates', async () => {
    const childId = 'child-busy';
    expect((await registerChild(app.baseUrl, childId, '2024-09-02')).status).toBe(201);

    const bodies = Array.from({ length: 50 }, (_, i) => {
      const eventId = randomUUID();
      return i % 2 === 0
        ? {
            eventId,
            type: 'SuspensionRecorded',
            occurredOn: '2025-01-06',
            data: { suspensionId: `s-${i}`, school: 'Oakfield Primary', schoolDays: 0.5, reason: 'damage' },
          }
        : { eventId, type: 'ReferralReceived', occurredOn: '2025-01-06', data: { referralId: `r-${i}`, service: 'camhs', source: 'school' } };
    });
    const results = await Promise.all(bodies.map((body) => recordEvent(app.baseUrl, childId, body)));

    expect(results.map((r) => r.status)).toEqual(Array(50).fill(201));
    expect(results.map((r) => r.body.eventId)).toEqual(bodies.map((b) => b.eventId));
    expect(results.map((r) => r.body.streamRevision).sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));

    const journey = await getJourney(app.baseUrl, childId);
    expect(journey.status).toBe(200);
    const events = journey.body.events;
    expect(events).toHaveLength(51);
    expect(events.map((e) => e.streamRevision)).toEqual(Array.from({ length: 51 }, (_, i) => i));
    expect(new Set(events.map((e) => e.eventId)).size).toBe(51);
    for (const body of bodies) expect(events.filter((e) => e.eventId === body.eventId)).toHaveLength(1);
    for (const result of results) expect(events[result.body.streamRevision].eventId).toBe(result.body.eventId);
  });

  it('keeps one event per eventId when the same request races itself', async () => {
    const childId = 'child-racing-retries';
    expect((await registerChild(app.baseUrl, childId, '2024-09-02')).status).toBe(201);
    const body = {
      eventId: randomUUID(),
      type: 'ReferralReceived',
      occurredOn: '2025-01-06',
      data: { referralId: 'r-1', service: 'camhs', source: 'gp' },
    };
    const results = await Promise.all(Array.from({ length: 10 }, () => recordEvent(app.baseUrl, childId, body)));
    expect(results.map((r) => r.status)).toEqual(Array(10).fill(201));
    expect(new Set(results.map((r) => JSON.stringify(r.body)))).toEqual(new Set([JSON.stringify({ eventId: body.eventId, streamRevision: 1 })]));
    expect((await getJourney(app.baseUrl, childId)).body.events).toHaveLength(2);
  });

  it('keeps one gap-free stream when two API instances write to the same store at once', async () => {
    const other = await startTestApp({ dataDir: app.dataDir, clockToday: '2025-06-30' });
    try {
      const childId = 'child-two-instances';
      expect((await registerChild(app.baseUrl, childId, '2024-09-02')).status).toBe(201);
      const bodies = Array.from({ length: 40 }, (_, i) => ({
        eventId: randomUUID(),
        type: 'SuspensionRecorded',
        occurredOn: '2025-01-06',
        data: { suspensionId: `s-${i}`, school: 'Oakfield Primary', schoolDays: 1, reason: 'bullying' },
      }));
      const results = await Promise.all(bodies.map((body, i) => recordEvent(i % 2 === 0 ? app.baseUrl : other.baseUrl, childId, body)));
      expect(results.map((r) => r.status)).toEqual(Array(40).fill(201));
      const events = (await getJourney(other.baseUrl, childId)).body.events;
      expect(events.map((e) => e.streamRevision)).toEqual(Array.from({ length: 41 }, (_, i) => i));
      expect(new Set(events.map((e) => e.eventId)).size).toBe(41);
    } finally {
      await other.close();
    }
  });
});
