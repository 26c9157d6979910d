import { randomUUID } from 'node:crypto';
import { authAs } from '../support/auth';
import { defined } from '../support/defined';
import { getJourney, recordEvent, registerChild, request, type ErrorBody, type EventBody } from '../support/http';
import { startTestApp, type TestApp } from '../support/test-app';

const TODAY = '2025-06-30';

/**
 * One child's journey told from registration to case closure: every event type of docs/domain-rules.md
 * section 3 at least once, in an order a caseworker would record it.
 */
function story(): (EventBody & { eventId: string })[] {
  const e = (type: string, occurredOn: string, data?: unknown): EventBody & { eventId: string } => ({
    type,
    occurredOn,
    ...(data !== undefined ? { data } : {}),
    eventId: randomUUID(),
  });
  const wrongSuspension = e('SuspensionRecorded', '2024-06-05', {
    suspensionId: 's-2',
    school: 'Oakfield Primary',
    schoolDays: 1,
    reason: 'bullying',
  });
  return [
    e('ChildRegistered', '2023-02-01', {
      givenName: 'Sam',
      familyName: 'Example',
      dateOfBirth: '2014-05-12',
      area: 'taunton',
      nhsNumber: '9434765919',
      upn: 'A123456789012',
      school: 'Oakfield Primary',
      caseworker: 'cw-01',
    }),
    e('EhcNeedsAssessmentRequested', '2023-03-01', { requestId: 'q-0', requestedBy: 'school' }),
    e('DecisionToAssessMade', '2023-04-10', { requestId: 'q-0', decision: 'assess' }),
    e('DecisionNotToIssuePlan', '2023-06-20', { requestId: 'q-0' }),
    e('ChildDetailsChanged', '2023-09-15', { caseworker: 'cw-17' }),
    e('ReferralReceived', '2023-10-02', { referralId: 'r-asd', service: 'autism-assessment', source: 'school' }),
    e('ReferralReceived', '2023-10-05', { referralId: 'r-salt', service: 'speech-and-language', source: 'gp' }),
    e('PreAssessmentStarted', '2023-10-20', { referralId: 'r-asd' }),
    e('PreAssessmentInformationReceived', '2023-11-01', { referralId: 'r-asd', from: 'school' }),
    e('MdtTriageCompleted', '2023-11-20', { referralId: 'r-asd', outcome: 'accepted' }),
    e('ReferralClosed', '2023-12-01', { referralId: 'r-salt', reason: 'Family chose a private therapist' }),
    e('EhcNeedsAssessmentRequested', '2024-01-08', { requestId: 'q-1', requestedBy: 'parent' }),
    e('InitialAppointmentHeld', '2024-01-10', { referralId: 'r-asd' }),
    e('DiagnosticOutcomeRecorded', '2024-02-01', { referralId: 'r-asd', outcome: 'autism-diagnosed' }),
    e('DecisionToAssessMade', '2024-02-12', { requestId: 'q-1', decision: 'assess' }),
    e('AdviceRequested', '2024-02-13', { requestId: 'q-1', adviceId: 'adv-ep', adviceType: 'educational-psychology' }),
    e('TimescaleExceptionRecorded', '2024-02-20', { requestId: 'q-1', exception: 'exceptional-personal-circumstances' }),
    e('AdviceReceived', '2024-03-20', { requestId: 'q-1', adviceId: 'adv-ep' }),
    e('DraftPlanIssued', '2024-04-22', { requestId: 'q-1' }),
    e('FinalPlanIssued', '2024-05-20', { requestId: 'q-1', placement: 'Oakfield Primary' }),
    e('SuspensionRecorded', '2024-06-03', {
      suspensionId: 's-1',
      school: 'Oakfield Primary',
      schoolDays: 2.5,
      reason: 'persistent-disruptive-behaviour',
    }),
    wrongSuspension,
    e('EventVoided', '2024-06-06', { eventId: wrongSuspension.eventId, reason: 'Recorded against the wrong child' }),
    e('SuspensionRescinded', '2024-06-10', { suspensionId: 's-1' }),
    e('PartTimeTimetableStarted', '2024-06-11', { school: 'Oakfield Primary' }),
    e('PartTimeTimetableEnded', '2024-07-15', { school: 'Oakfield Primary' }),
    e('PermanentExclusionRecorded', '2024-11-04', { exclusionId: 'x-1', school: 'Oakfield Primary', reason: 'physical-assault-against-adult' }),
    e('PermanentExclusionOverturned', '2024-11-25', { exclusionId: 'x-1' }),
    e('AnnualReviewMeetingHeld', '2025-04-28'),
    e('AnnualReviewDecisionMade', '2025-05-12', { decision: 'amend' }),
    e('AmendedPlanIssued', '2025-06-02', { placement: 'Riverside Academy', phaseTransfer: true }),
    e('PlanCeased', '2025-06-20', { reason: 'Family moved out of the area' }),
    e('CaseClosed', '2025-06-27', { reason: 'Family moved out of the area' }),
  ];
}

describe('Recording journey events over HTTP', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({ clockToday: TODAY });
  });
  afterAll(async () => {
    await app.close();
  });

  it('records every event type of a realistic journey and reads it back', async () => {
    const events = story();
    const catalogue = new Set(events.map((e) => e.type));
    expect(catalogue.size).toBe(29); // every type of docs/domain-rules.md §3

    const caseworker = await authAs(app, 'caseworker', ['taunton'], 'cw-01');
    for (const [i, event] of events.entries()) {
      const res = await recordEvent(app.baseUrl, 'child-story', event, { ...caseworker, 'X-Correlation-Id': `story-${i}` });
      expect({ type: event.type, status: res.status, body: res.body }).toEqual({
        type: event.type,
        status: 201,
        body: { eventId: event.eventId, streamRevision: i },
      });
      expect(res.headers.get('x-correlation-id')).toBe(`story-${i}`);
    }

    const journey = await getJourney(app.baseUrl, 'child-story');
    expect(journey.status).toBe(200);
    expect(journey.body.childId).toBe('child-story');
    expect(journey.body.asOf).toBe(TODAY);
    expect(journey.body.child).toMatchObject({ givenName: 'Sam', familyName: 'Example', area: 'taunton', caseworker: 'cw-17' });
    expect(journey.body.events.map((e) => e.eventId)).toEqual(events.map((e) => e.eventId));
    const first = journey.body.events[0];
    expect(first).toMatchObject({
      streamRevision: 0,
      type: 'ChildRegistered',
      occurredOn: '2023-02-01',
      recordedBy: 'cw-01',
      correlationId: 'story-0',
      voided: false,
    });
    expect(first.recordedAt.slice(0, 10)).toBe(TODAY);
    const voidedOne = journey.body.events.find((e) => (e.data as { suspensionId?: string }).suspensionId === 's-2');
    const voiding = defined(
      events.find((e) => e.type === 'EventVoided'),
      'the void in the story',
    );
    expect(voidedOne).toMatchObject({
      type: 'SuspensionRecorded',
      voided: true,
      voidReason: 'Recorded against the wrong child',
      voidedBy: voiding.eventId,
    });
    expect(journey.body.stages.caseClosed).toEqual({ on: '2025-06-27', reason: 'Family moved out of the area' });
    expect(journey.body.stages).not.toHaveProperty('recordedEventIds');

    // As of an earlier date, later events have not happened yet.
    const earlier = await getJourney(app.baseUrl, 'child-story', '2023-12-31');
    expect(earlier.status).toBe(200);
    expect(earlier.body.events.map((e) => e.type)).toEqual([
      'ChildRegistered',
      'EhcNeedsAssessmentRequested',
      'DecisionToAssessMade',
      'DecisionNotToIssuePlan',
      'ChildDetailsChanged',
      'ReferralReceived',
      'ReferralReceived',
      'PreAssessmentStarted',
      'PreAssessmentInformationReceived',
      'MdtTriageCompleted',
      'ReferralClosed',
    ]);
    expect(earlier.body.stages.caseClosed).toBeNull();
    expect(earlier.body.stages.activePlan).toBeNull();
  });

  it('answers 404 for a child who is not registered, naming the rule', async () => {
    const res = await recordEvent<ErrorBody>(app.baseUrl, 'nobody', {
      type: 'ReferralReceived',
      occurredOn: '2025-01-06',
      data: { referralId: 'r-1', service: 'camhs', source: 'gp' },
    });
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ statusCode: 404, error: 'Not Found', details: { code: 'CHILD_NOT_REGISTERED' } });
    expect(typeof res.body.message).toBe('string');

    const journey = await getJourney<ErrorBody>(app.baseUrl, 'nobody');
    expect(journey.status).toBe(404);
    expect(journey.body).toMatchObject({ statusCode: 404, details: { code: 'CHILD_NOT_REGISTERED' } });
  });

  it('treats the same eventId twice as one event with the same answer', async () => {
    expect((await registerChild(app.baseUrl, 'child-retry')).status).toBe(201);
    const event = {
      type: 'ReferralReceived',
      occurredOn: '2025-01-06',
      data: { referralId: 'r-1', service: 'camhs', source: 'gp' },
      eventId: randomUUID(),
    };
    const first = await recordEvent(app.baseUrl, 'child-retry', event);
    const again = await recordEvent(app.baseUrl, 'child-retry', event);
    expect(first.status).toBe(201);
    expect(first.body).toEqual({ eventId: event.eventId, streamRevision: 1 });
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);

    const journey = await getJourney(app.baseUrl, 'child-retry');
    expect(journey.body.events.filter((e) => e.eventId === event.eventId)).toHaveLength(1);
    expect(journey.body.events).toHaveLength(2);
  });

  it("refuses an eventId already used in another child's stream with 409", async () => {
    expect((await registerChild(app.baseUrl, 'child-dup-a')).status).toBe(201);
    expect((await registerChild(app.baseUrl, 'child-dup-b')).status).toBe(201);
    const eventId = randomUUID();
    const event = { type: 'ReferralReceived', occurredOn: '2025-01-06', data: { referralId: 'r-1', service: 'portage', source: 'parent' }, eventId };
    expect((await recordEvent(app.baseUrl, 'child-dup-a', event)).status).toBe(201);
    const clash = await recordEvent<ErrorBody>(app.baseUrl, 'child-dup-b', event);
    expect(clash.status).toBe(409);
    expect(clash.body).toMatchObject({ statusCode: 409, error: 'Conflict' });
    expect((await getJourney(app.baseUrl, 'child-dup-b')).body.events).toHaveLength(1);
  });

  it.each([
    {
      rule: 'FINAL_PLAN_NEEDS_DECISION_TO_ASSESS',
      given: [{ type: 'EhcNeedsAssessmentRequested', occurredOn: '2025-01-06', data: { requestId: 'q-1', requestedBy: 'parent' } }],
      when: { type: 'FinalPlanIssued', occurredOn: '2025-05-01', data: { requestId: 'q-1', placement: 'Oakfield Primary' } },
    },
    {
      rule: 'REFERRAL_NOT_FOUND',
      given: [],
      when: { type: 'PreAssessmentStarted', occurredOn: '2025-01-06', data: { referralId: 'r-missing' } },
    },
    {
      rule: 'REQUEST_NOT_FOUND',
      given: [],
      when: { type: 'DecisionToAssessMade', occurredOn: '2025-01-06', data: { requestId: 'q-missing', decision: 'assess' } },
    },
    {
      rule: 'NO_ACTIVE_PLAN',
      given: [],
      when: { type: 'AnnualReviewMeetingHeld', occurredOn: '2025-01-06' },
    },
    {
      rule: 'SUSPENSION_NOT_FOUND',
      given: [],
      when: { type: 'SuspensionRescinded', occurredOn: '2025-01-06', data: { suspensionId: 's-missing' } },
    },
    {
      rule: 'OCCURRED_BEFORE_PREVIOUS_STEP',
      given: [{ type: 'ReferralReceived', occurredOn: '2025-03-03', data: { referralId: 'r-1', service: 'autism-assessment', source: 'gp' } }],
      when: { type: 'PreAssessmentStarted', occurredOn: '2025-02-03', data: { referralId: 'r-1' } },
    },
    {
      rule: 'CASE_CLOSED',
      given: [{ type: 'CaseClosed', occurredOn: '2025-03-03', data: { reason: 'Moved away' } }],
      when: { type: 'ReferralReceived', occurredOn: '2025-03-04', data: { referralId: 'r-1', service: 'camhs', source: 'gp' } },
    },
  ])('answers 422 naming the rule $rule, and writes nothing', async ({ rule, given, when }) => {
    const childId = `child-rule-${rule.toLowerCase().replace(/_/g, '-')}`;
    expect((await registerChild(app.baseUrl, childId)).status).toBe(201);
    for (const event of given) expect((await recordEvent(app.baseUrl, childId, event)).status).toBe(201);

    const res = await recordEvent<ErrorBody>(app.baseUrl, childId, when);
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ statusCode: 422, error: 'Unprocessable Entity', details: { rule } });
    expect(res.body.message.length).toBeGreaterThan(10);
    expect((await getJourney(app.baseUrl, childId)).body.events).toHaveLength(1 + given.length);
  });

  it('answers 400 for a body that is not JSON, and 413 for one that is too large', async () => {
    const malformed = await request<ErrorBody>(app.baseUrl, 'POST', '/children/child-x/events', { raw: '{"type": "ChildRegistered", ' });
    expect(malformed.status).toBe(400);
    expect(malformed.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
    expect(malformed.body.message).toMatch(/JSON/);
    expect(malformed.body).not.toHaveProperty('stack');

    const huge = await request(app.baseUrl, 'POST', '/children/child-x/events', {
      json: { type: 'CaseClosed', occurredOn: '2025-01-01', data: { reason: 'x'.repeat(200_000) } },
    });
    expect(huge.status).toBe(413);
    expect(huge.body).toMatchObject({ statusCode: 413, error: 'Payload Too Large' });
  });

  it('answers 404 with the error body for an unknown route', async () => {
    const res = await request<ErrorBody>(app.baseUrl, 'GET', '/no/such/thing');
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ statusCode: 404, error: 'Not Found' });
    expect(typeof res.body.message).toBe('string');
  });

  it("generates a correlation id when none is sent and records the token's subject as recordedBy, whatever X-Recorded-By says", async () => {
    const res = await recordEvent(
      app.baseUrl,
      'child-meta',
      {
        type: 'ChildRegistered',
        occurredOn: '2023-02-01',
        data: { givenName: 'Sam', familyName: 'Example', dateOfBirth: '2014-05-12', area: 'taunton' },
      },
      { ...(await authAs(app, 'caseworker', ['taunton'], 'cw-09')), 'X-Recorded-By': 'someone-else' },
    );
    expect(res.status).toBe(201);
    const correlationId = res.headers.get('x-correlation-id');
    expect(correlationId).toMatch(/^[0-9a-f-]{36}$/);
    const journey = await getJourney(app.baseUrl, 'child-meta');
    expect(journey.body.events[0]).toMatchObject({ correlationId, recordedBy: 'cw-09' });
  });
});
