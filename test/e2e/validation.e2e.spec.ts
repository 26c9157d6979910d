import { expect } from '@jest/globals';
import { defined } from '../support/defined';
import { getJourney, recordEvent, registerChild, request, type ValidationErrorBody } from '../support/http';
import { startTestApp, type TestApp } from '../support/test-app';

const TODAY = '2025-06-30';
const CHILD = 'child-validation';

interface Case {
  readonly type: string;
  readonly data?: unknown;
  readonly field: string;
  readonly message?: RegExp;
}

/** For every event type, data a caseworker could get wrong, and the field the answer must name. */
const INVALID_DATA: Case[] = [
  {
    type: 'ChildRegistered',
    data: { givenName: 'Sam', familyName: 'Example', dateOfBirth: '2014-05-12', area: 'taunton', nhsNumber: '9434765918' },
    field: 'data.nhsNumber',
    message: /check digit/,
  },
  {
    type: 'ChildRegistered',
    data: { givenName: 'Sam', familyName: 'Example', dateOfBirth: '2014-05-12', area: 'taunton', nhsNumber: '943 476 5919' },
    field: 'data.nhsNumber',
  },
  {
    type: 'ChildRegistered',
    data: { givenName: 'Sam', familyName: 'Example', dateOfBirth: '2030-01-01', area: 'taunton' },
    field: 'data.dateOfBirth',
    message: /not in the future/,
  },
  {
    type: 'ChildRegistered',
    data: { givenName: 'Sam', familyName: 'Example', dateOfBirth: '2015-02-29', area: 'taunton' },
    field: 'data.dateOfBirth',
  },
  { type: 'ChildRegistered', data: { familyName: 'Example', dateOfBirth: '2014-05-12', area: 'taunton' }, field: 'data.givenName' },
  {
    type: 'ChildRegistered',
    data: { givenName: 'Sam', familyName: 'Example', dateOfBirth: '2014-05-12', area: 'taunton', upn: '12345' },
    field: 'data.upn',
  },
  { type: 'ChildDetailsChanged', data: {}, field: 'data', message: /at least one/ },
  { type: 'ChildDetailsChanged', data: { favouriteColour: 'blue' }, field: 'data.favouriteColour', message: /not an accepted field/ },
  { type: 'ReferralReceived', data: { referralId: 'r-1', service: 'dentistry', source: 'gp' }, field: 'data.service', message: /autism-assessment/ },
  { type: 'ReferralReceived', field: 'data', message: /required/ },
  { type: 'PreAssessmentStarted', data: { referralId: '' }, field: 'data.referralId' },
  { type: 'PreAssessmentInformationReceived', data: { referralId: 'r-1', from: 'neighbour' }, field: 'data.from' },
  { type: 'MdtTriageCompleted', data: { referralId: 'r-1', outcome: 'maybe' }, field: 'data.outcome' },
  { type: 'InitialAppointmentHeld', data: { referralId: 'r'.repeat(101) }, field: 'data.referralId', message: /1 to 100/ },
  { type: 'DiagnosticOutcomeRecorded', data: { referralId: 'r-1' }, field: 'data.outcome' },
  { type: 'ReferralClosed', data: { referralId: 'r-1', reason: 'x'.repeat(501) }, field: 'data.reason', message: /1 to 500/ },
  { type: 'EhcNeedsAssessmentRequested', data: { requestId: 'q-1', requestedBy: 'grandparent' }, field: 'data.requestedBy' },
  { type: 'DecisionToAssessMade', data: { requestId: 'q-1', decision: 'yes' }, field: 'data.decision' },
  { type: 'AdviceRequested', data: { requestId: 'q-1', adviceId: 'a-1', adviceType: 'astrology' }, field: 'data.adviceType' },
  { type: 'AdviceReceived', data: { requestId: 'q-1' }, field: 'data.adviceId' },
  { type: 'TimescaleExceptionRecorded', data: { requestId: 'q-1', exception: 'staff-shortage' }, field: 'data.exception' },
  { type: 'DecisionNotToIssuePlan', data: { requestId: 42 }, field: 'data.requestId' },
  { type: 'DraftPlanIssued', data: { requestId: 'q-1', draftedBy: 'cw-1' }, field: 'data.draftedBy' },
  { type: 'FinalPlanIssued', data: { requestId: 'q-1' }, field: 'data.placement' },
  { type: 'AnnualReviewMeetingHeld', data: { attendees: 3 }, field: 'data.attendees' },
  { type: 'AnnualReviewDecisionMade', data: { decision: 'postpone' }, field: 'data.decision', message: /maintain, amend, cease/ },
  { type: 'AmendedPlanIssued', data: { placement: 'Riverside', phaseTransfer: 'yes' }, field: 'data.phaseTransfer' },
  { type: 'PlanCeased', data: { reason: '' }, field: 'data.reason' },
  {
    type: 'SuspensionRecorded',
    data: { suspensionId: 's-1', school: 'Oakfield', schoolDays: 0.25, reason: 'bullying' },
    field: 'data.schoolDays',
    message: /0\.5 to 45/,
  },
  { type: 'SuspensionRecorded', data: { suspensionId: 's-1', school: 'Oakfield', schoolDays: 46, reason: 'bullying' }, field: 'data.schoolDays' },
  {
    type: 'SuspensionRecorded',
    data: { suspensionId: 's-1', school: 'Oakfield', schoolDays: 1.3, reason: 'bullying' },
    field: 'data.schoolDays',
    message: /half days/,
  },
  { type: 'SuspensionRecorded', data: { suspensionId: 's-1', school: 'Oakfield', schoolDays: '2', reason: 'bullying' }, field: 'data.schoolDays' },
  { type: 'SuspensionRecorded', data: { suspensionId: 's-1', school: 'Oakfield', schoolDays: 2, reason: 'being-naughty' }, field: 'data.reason' },
  { type: 'SuspensionRescinded', data: {}, field: 'data.suspensionId' },
  { type: 'PermanentExclusionRecorded', data: { exclusionId: 'x-1', school: 'Oakfield', reason: 'other' }, field: 'data.reason' },
  { type: 'PermanentExclusionOverturned', data: { exclusionId: null }, field: 'data.exclusionId' },
  { type: 'PartTimeTimetableStarted', data: {}, field: 'data.school' },
  { type: 'PartTimeTimetableEnded', data: { school: '   ' }, field: 'data.school' },
  { type: 'EventVoided', data: { reason: 'Typo' }, field: 'data.eventId' },
  { type: 'CaseClosed', data: {}, field: 'data.reason' },
  { type: 'CaseClosed', data: ['a reason'], field: 'data' },
];

describe('Input validation: nothing is written, and the answer names the field', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({ clockToday: TODAY });
    expect((await registerChild(app.baseUrl, CHILD)).status).toBe(201);
  });
  afterAll(async () => {
    await app.close();
  });

  it('covers every event type', () => {
    expect(new Set(INVALID_DATA.map((c) => c.type)).size).toBe(29);
  });

  it.each(INVALID_DATA)('$type with bad $field → 400', async ({ type, data, field, message }) => {
    const res = await recordEvent<ValidationErrorBody>(app.baseUrl, CHILD, {
      type,
      occurredOn: '2025-01-06',
      ...(data !== undefined ? { data } : {}),
    });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
    const problem = res.body.details.find((d) => d.field === field);
    expect({ fields: res.body.details.map((d) => d.field), found: problem !== undefined }).toEqual({
      fields: expect.arrayContaining([field]),
      found: true,
    });
    const said = defined(problem, `the problem with ${field}`).message;
    if (message) expect(said).toMatch(message);
    expect(res.body.message).toContain(said);
  });

  it('lists the accepted types for an unknown type', async () => {
    const res = await recordEvent<ValidationErrorBody>(app.baseUrl, CHILD, { type: 'SuspensionLogged', occurredOn: '2025-01-06', data: {} });
    expect(res.status).toBe(400);
    expect(res.body.details).toEqual([expect.objectContaining({ field: 'type' })]);
    expect(res.body.message).toContain('SuspensionRecorded');
    expect(res.body.message).toContain('ChildRegistered');
  });

  it.each([
    ['2025-07-01', 'a date after today'],
    ['2025-02-29', 'a date that does not exist'],
    ['06/01/2025', 'another format'],
    [undefined, 'no date'],
  ] as [string | undefined, string][])('refuses occurredOn %s (%s)', async (occurredOn, _why) => {
    const res = await recordEvent<ValidationErrorBody>(app.baseUrl, CHILD, {
      type: 'CaseClosed',
      ...(occurredOn ? { occurredOn } : {}),
      data: { reason: 'Moved away' },
    });
    expect(res.status).toBe(400);
    expect(res.body.details).toEqual([{ field: 'occurredOn', message: 'occurredOn must be a date in YYYY-MM-DD format, not in the future' }]);
  });

  it('accepts occurredOn today and AnnualReviewMeetingHeld without data (refused later by a rule, not by validation)', async () => {
    const res = await recordEvent(app.baseUrl, CHILD, { type: 'AnnualReviewMeetingHeld', occurredOn: TODAY });
    expect(res.status).toBe(422);
  });

  it.each([
    [{ type: 'CaseClosed', occurredOn: '2025-01-06', data: { reason: 'x' }, eventId: 'not-a-uuid' }, 'eventId'],
    [{ type: 'CaseClosed', occurredOn: '2025-01-06', data: { reason: 'x' }, note: 'hello' }, 'note'],
    [['CaseClosed'], 'body'],
  ])('refuses a malformed envelope naming %#', async (body, field) => {
    const res = await recordEvent<ValidationErrorBody>(app.baseUrl, CHILD, body);
    expect(res.status).toBe(400);
    expect(res.body.details.map((d) => d.field)).toContain(field);
  });

  it('refuses a childId that is not 1–64 letters, digits, - or _', async () => {
    for (const childId of ['bad id!', 'x'.repeat(65), 'a.b']) {
      const res = await recordEvent<ValidationErrorBody>(app.baseUrl, childId, {
        type: 'CaseClosed',
        occurredOn: '2025-01-06',
        data: { reason: 'x' },
      });
      expect(res.status).toBe(400);
      expect(res.body.details).toEqual([expect.objectContaining({ field: 'childId' })]);
    }
  });

  it('refuses a bad asOf naming it', async () => {
    for (const asOf of ['2025-13-01', 'yesterday']) {
      const res = await getJourney<ValidationErrorBody>(app.baseUrl, CHILD, asOf);
      expect(res.status).toBe(400);
      expect(res.body.details).toEqual([expect.objectContaining({ field: 'asOf' })]);
    }
  });

  it('wrote nothing for any refused request', async () => {
    const journey = await getJourney(app.baseUrl, CHILD);
    expect(journey.status).toBe(200);
    expect(journey.body.events.map((e) => e.type)).toEqual(['ChildRegistered']);
  });

  it('answers 400, not 500, for a JSON body of the wrong shape', async () => {
    for (const raw of ['null', '42', '"text"', '{"type": {"nested": true}, "occurredOn": [], "data": "x"}']) {
      const res = await request(app.baseUrl, 'POST', `/children/${CHILD}/events`, { raw });
      expect({ raw, status: res.status }).toEqual({ raw, status: 400 });
    }
  });
});
