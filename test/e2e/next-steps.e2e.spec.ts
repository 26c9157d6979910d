import { expect } from '@jest/globals';
import type { AuditEntry } from '../../apps/api/src/audit/audit-log';
import type { NextStepsResponse } from '../../apps/api/src/journey/get-next-steps.query';
import { authAs } from '../support/auth';
import { recordEvent, registerChild, request, type ErrorBody, type ValidationErrorBody } from '../support/http';
import { startTestApp, type TestApp } from '../support/test-app';

const TODAY = '2025-06-30';

const nextSteps = (app: TestApp, childId: string, asOf?: string, headers?: Record<string, string>) =>
  request<NextStepsResponse>(
    app.baseUrl,
    'GET',
    `/children/${childId}/next-steps${asOf !== undefined ? `?asOf=${asOf}` : ''}`,
    headers ? { headers } : {},
  );

const typesOf = (body: NextStepsResponse): string[] => body.steps.map((s) => s.type);

/*
 * GET /children/{childId}/next-steps: what a form may offer, straight from the order rules, for the
 * people who may read the child, audited like the journey.
 */
describe('the next steps the order rules allow', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({ clockToday: TODAY });
    expect((await registerChild(app.baseUrl, 'ns-1', '2025-01-06')).status).toBe(201);
    const events = [
      { type: 'EhcNeedsAssessmentRequested', occurredOn: '2025-02-03', data: { requestId: 'q-1', requestedBy: 'parent' } },
      { type: 'ReferralReceived', occurredOn: '2025-03-03', data: { referralId: 'r-1', service: 'autism-assessment', source: 'school' } },
    ];
    for (const event of events) expect((await recordEvent(app.baseUrl, 'ns-1', event)).status).toBe(201);
  });
  afterAll(() => app.close());

  it('offers a decision for the open request and a first step for the open referral, each with its id', async () => {
    const res = await nextSteps(app, 'ns-1');
    expect(res.status).toBe(200);
    expect(res.body.asOf).toBe(TODAY);
    expect(res.body.steps).toEqual(
      expect.arrayContaining([
        { type: 'DecisionToAssessMade', for: { field: 'requestId', ids: ['q-1'] } },
        { type: 'PreAssessmentStarted', for: { field: 'referralId', ids: ['r-1'] } },
        { type: 'ReferralReceived' },
        { type: 'SuspensionRecorded' },
      ]),
    );
    expect(typesOf(res.body)).not.toContain('FinalPlanIssued');
    expect(typesOf(res.body)).not.toContain('ChildRegistered');
  });

  it('answers as of an earlier date, before the referral was received', async () => {
    const res = await nextSteps(app, 'ns-1', '2025-02-10');
    expect(res.status).toBe(200);
    expect(res.body.steps).toEqual(expect.arrayContaining([{ type: 'DecisionToAssessMade', for: { field: 'requestId', ids: ['q-1'] } }]));
    expect(typesOf(res.body)).not.toContain('PreAssessmentStarted');
  });

  it('stops offering a step once it is recorded, and offers what follows it', async () => {
    expect(
      (
        await recordEvent(app.baseUrl, 'ns-1', {
          type: 'DecisionToAssessMade',
          occurredOn: '2025-03-10',
          data: { requestId: 'q-1', decision: 'assess' },
        })
      ).status,
    ).toBe(201);
    const res = await nextSteps(app, 'ns-1');
    expect(typesOf(res.body)).not.toContain('DecisionToAssessMade');
    expect(res.body.steps).toEqual(expect.arrayContaining([{ type: 'AdviceRequested', for: { field: 'requestId', ids: ['q-1'] } }]));
  });

  it("lets a caseworker and a manager of the child's area ask, and audits each read", async () => {
    const caseworker = await authAs(app, 'caseworker', ['taunton'], 'cw-next-steps');
    const manager = await authAs(app, 'manager', ['taunton'], 'manager-next-steps');
    expect((await nextSteps(app, 'ns-1', undefined, caseworker)).status).toBe(200);
    expect((await nextSteps(app, 'ns-1', '2025-02-10', manager)).status).toBe(200);

    const audit = await request<{ items: AuditEntry[] }>(app.baseUrl, 'GET', '/audit?childId=ns-1');
    expect(audit.body.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ sub: 'cw-next-steps', route: 'GET /children/ns-1/next-steps', childIds: ['ns-1'] }),
        expect.objectContaining({ sub: 'manager-next-steps', route: 'GET /children/ns-1/next-steps?asOf=2025-02-10', childIds: ['ns-1'] }),
      ]),
    );
  });

  it('answers a caseworker of another area as if the child were not registered', async () => {
    const elsewhere = await authAs(app, 'caseworker', ['north'], 'cw-elsewhere');
    const res = await request<ErrorBody>(app.baseUrl, 'GET', '/children/ns-1/next-steps', { headers: elsewhere });
    expect(res.status).toBe(404);
    expect(res.body.details).toEqual({ code: 'CHILD_NOT_REGISTERED', childId: 'ns-1' });
  });

  it('refuses the panel, who act on alerts rather than record steps', async () => {
    const panel = await authAs(app, 'panel', ['taunton']);
    expect((await nextSteps(app, 'ns-1', undefined, panel)).status).toBe(403);
  });

  it('refuses a malformed date, naming the parameter', async () => {
    const res = await request<ValidationErrorBody>(app.baseUrl, 'GET', '/children/ns-1/next-steps?asOf=30-06-2025');
    expect(res.status).toBe(400);
    expect(res.body.details).toEqual([expect.objectContaining({ field: 'asOf' })]);
  });
});
