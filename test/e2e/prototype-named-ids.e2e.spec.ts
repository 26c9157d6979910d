import { recordEvent, request } from '../support/http';
import { startTestApp, type TestApp } from '../support/test-app';

/*
 * Finding 5 of the load-and-faults review, over HTTP: ids named like Object.prototype members broke the order rules.
 * An AdviceReceived with the id `constructor` answered 500, and rescinding a suspension `constructor` on a child with
 * none was accepted, leaving a phantom suspension.
 */

const CHILD = 'child-with-prototype-named-ids';
const PROTOTYPE_NAMES = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf'] as const;

async function eventCount(app: TestApp): Promise<number> {
  const res = await request<{ events: readonly unknown[] }>(app.baseUrl, 'GET', `/children/${CHILD}/journey`);
  expect(res.status).toBe(200);
  return res.body.events.length;
}

describe('finding 5: ids named like Object.prototype members, sent over HTTP', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({ clockToday: '2025-06-30' });
    const setUp = [
      {
        type: 'ChildRegistered',
        occurredOn: '2024-09-02',
        data: { givenName: 'Ash', familyName: 'Prototype', dateOfBirth: '2014-05-12', area: 'north', school: 'Oakfield Primary' },
      },
      { type: 'EhcNeedsAssessmentRequested', occurredOn: '2024-09-12', data: { requestId: 'q-1', requestedBy: 'parent' } },
    ];
    for (const event of setUp) expect((await recordEvent(app.baseUrl, CHILD, event)).status).toBe(201);
  }, 60_000);

  afterAll(async () => {
    await app.close();
  });

  it.each(PROTOTYPE_NAMES)(
    'finding 5: AdviceReceived for advice %s that was never requested answers 422, never 500, and records nothing',
    async (id) => {
      const before = await eventCount(app);
      const res = await recordEvent<{ statusCode: number; message: string }>(app.baseUrl, CHILD, {
        type: 'AdviceReceived',
        occurredOn: '2024-10-01',
        data: { requestId: 'q-1', adviceId: id },
      });
      expect(res.status).toBe(422);
      expect(res.body.message).toContain(id);
      expect(await eventCount(app)).toBe(before);
    },
  );

  it.each(PROTOTYPE_NAMES)(
    'finding 5: SuspensionRescinded {suspensionId: %s} on a child with no suspensions answers 422, never 500, and leaves no suspension',
    async (id) => {
      const before = await eventCount(app);
      const res = await recordEvent(app.baseUrl, CHILD, { type: 'SuspensionRescinded', occurredOn: '2024-10-08', data: { suspensionId: id } });
      expect(res.status).toBe(422);
      expect(await eventCount(app)).toBe(before);
    },
  );
});
