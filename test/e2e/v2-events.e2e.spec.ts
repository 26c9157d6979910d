import { expect } from '@jest/globals';
import { getJourney, recordEvent, registerChild, type EventBody, type ValidationErrorBody } from '../support/http';
import { startTestApp, type TestApp } from '../support/test-app';

const TODAY = '2025-06-30';

/** An EHC plan issued for request q-1 (requested, decided, drafted, issued 15 days or more after the draft). */
const ACTIVE_PLAN: EventBody[] = [
  { type: 'EhcNeedsAssessmentRequested', occurredOn: '2024-09-02', data: { requestId: 'q-1', requestedBy: 'parent' } },
  { type: 'DecisionToAssessMade', occurredOn: '2024-10-07', data: { requestId: 'q-1', decision: 'assess' } },
  { type: 'DraftPlanIssued', occurredOn: '2024-12-16', data: { requestId: 'q-1' } },
  { type: 'FinalPlanIssued', occurredOn: '2025-01-13', data: { requestId: 'q-1', placement: 'Oakfield Primary' } },
];
const REASSESSMENT_REQUESTED: EventBody = {
  type: 'ReassessmentRequested',
  occurredOn: '2025-03-03',
  data: { requestId: 'q-2', requestedBy: 'school' },
};
const REFUSED_REQUEST: EventBody[] = [
  { type: 'EhcNeedsAssessmentRequested', occurredOn: '2025-01-06', data: { requestId: 'q-9', requestedBy: 'parent' } },
  { type: 'DecisionToAssessMade', occurredOn: '2025-02-10', data: { requestId: 'q-9', decision: 'not-assess' } },
];
const APPEAL_LODGED: EventBody = {
  type: 'AppealLodged',
  occurredOn: '2025-03-17',
  data: { appealId: 'ap-1', against: 'refusal-to-assess', requestId: 'q-9' },
};

interface Accepted {
  readonly name: string;
  readonly given: readonly EventBody[];
  readonly when: EventBody;
}

/** Each v2 event type, recorded with valid data on a journey where the order rules allow it. */
const ACCEPTED: Accepted[] = [
  {
    name: 'ChildDetailsChanged with sex, ethnicity, postcode and ranked SEN needs',
    given: [],
    when: {
      type: 'ChildDetailsChanged',
      occurredOn: '2025-02-03',
      data: { sex: 'female', ethnicity: 'WBRI', postcode: 'TA1 1AA', senNeeds: ['ASD', 'SLCN', 'SEMH'] },
    },
  },
  {
    name: 'EhcNeedsAssessmentRequested from social care',
    given: [],
    when: { type: 'EhcNeedsAssessmentRequested', occurredOn: '2025-02-03', data: { requestId: 'q-1', requestedBy: 'social-care' } },
  },
  { name: 'ReassessmentRequested while a plan is active', given: ACTIVE_PLAN, when: REASSESSMENT_REQUESTED },
  {
    name: 'ReassessmentDecisionMade to re-assess',
    given: [...ACTIVE_PLAN, REASSESSMENT_REQUESTED],
    when: { type: 'ReassessmentDecisionMade', occurredOn: '2025-03-14', data: { requestId: 'q-2', decision: 'reassess' } },
  },
  {
    name: 'ReassessmentDecisionMade not to re-assess',
    given: [...ACTIVE_PLAN, REASSESSMENT_REQUESTED],
    when: { type: 'ReassessmentDecisionMade', occurredOn: '2025-03-14', data: { requestId: 'q-2', decision: 'not-reassess' } },
  },
  {
    name: "PlacementNamed in a request's plan: a school by URN",
    given: ACTIVE_PLAN,
    when: {
      type: 'PlacementNamed',
      occurredOn: '2025-01-13',
      data: { placementId: 'p-1', requestId: 'q-1', urn: '123456', startedOn: '2025-01-20', rank: 1 },
    },
  },
  {
    name: 'PlacementNamed at review (no request): a college by UKPRN, starting after today',
    given: ACTIVE_PLAN,
    when: { type: 'PlacementNamed', occurredOn: '2025-05-19', data: { placementId: 'p-2', ukprn: '10012345', startedOn: '2025-09-01', rank: 1 } },
  },
  {
    name: 'PlacementNamed as an SEN2 setting, a second placement that has ended',
    given: ACTIVE_PLAN,
    when: {
      type: 'PlacementNamed',
      occurredOn: '2025-04-07',
      data: { placementId: 'p-3', requestId: 'q-1', setting: 'OLA', startedOn: '2025-02-03', endedOn: '2025-03-28', rank: 2 },
    },
  },
  {
    name: 'PlacementNamed before its URN is known (recorded, and listed as an SEN2 problem until it is)',
    given: ACTIVE_PLAN,
    when: { type: 'PlacementNamed', occurredOn: '2025-04-07', data: { placementId: 'p-4', requestId: 'q-1', startedOn: '2025-04-14', rank: 1 } },
  },
  {
    name: 'PersonalBudgetAgreed for the active plan',
    given: ACTIVE_PLAN,
    when: { type: 'PersonalBudgetAgreed', occurredOn: '2025-02-17', data: { kind: 'both' } },
  },
  {
    name: 'MediationRecorded about a refused request',
    given: REFUSED_REQUEST,
    when: { type: 'MediationRecorded', occurredOn: '2025-03-03', data: { mediationId: 'm-1', about: 'request', requestId: 'q-9' } },
  },
  {
    name: 'MediationRecorded about a plan, naming no request',
    given: ACTIVE_PLAN,
    when: { type: 'MediationRecorded', occurredOn: '2025-03-03', data: { mediationId: 'm-2', about: 'plan' } },
  },
  { name: 'AppealLodged against a refusal to assess', given: REFUSED_REQUEST, when: APPEAL_LODGED },
  {
    name: 'AppealConceded by the LA',
    given: [...REFUSED_REQUEST, APPEAL_LODGED],
    when: { type: 'AppealConceded', occurredOn: '2025-04-14', data: { appealId: 'ap-1' } },
  },
  {
    name: 'AppealDecided by the Tribunal',
    given: [...REFUSED_REQUEST, APPEAL_LODGED],
    when: { type: 'AppealDecided', occurredOn: '2025-06-02', data: { appealId: 'ap-1', outcome: 'dismissed' } },
  },
];

interface Refused {
  readonly type: string;
  readonly data?: unknown;
  readonly field: string;
  readonly message: RegExp;
}

const placement = (change: Record<string, unknown>) => ({ placementId: 'p-1', urn: '123456', startedOn: '2025-06-02', rank: 1, ...change });
const without = (data: Record<string, unknown>, field: string) => Object.fromEntries(Object.entries(data).filter(([key]) => key !== field));

/** For each v2 event type, each field a caseworker could get wrong, and what the answer must say. */
const REFUSED: Refused[] = [
  { type: 'ChildDetailsChanged', data: { sex: 'F' }, field: 'data.sex', message: /female, male, unknown/ },
  { type: 'ChildDetailsChanged', data: { ethnicity: 'White British' }, field: 'data.ethnicity', message: /DfE ethnicity code: 4 capital letters/ },
  { type: 'ChildDetailsChanged', data: { ethnicity: 'wbri' }, field: 'data.ethnicity', message: /4 capital letters/ },
  { type: 'ChildDetailsChanged', data: { postcode: 'TA1' }, field: 'data.postcode', message: /UK postcode/ },
  { type: 'ChildDetailsChanged', data: { postcode: 'Taunton' }, field: 'data.postcode', message: /UK postcode/ },
  { type: 'ChildDetailsChanged', data: { postcode: 1234 }, field: 'data.postcode', message: /UK postcode/ },
  { type: 'ChildDetailsChanged', data: { senNeeds: [] }, field: 'data.senNeeds', message: /1 to 13 different SEN2 need types/ },
  { type: 'ChildDetailsChanged', data: { senNeeds: ['ASD', 'SLCN', 'ASD'] }, field: 'data.senNeeds', message: /different/ },
  { type: 'ChildDetailsChanged', data: { senNeeds: ['AUTISM'] }, field: 'data.senNeeds', message: /SPLD, MLD, SLD/ },
  { type: 'ChildDetailsChanged', data: { senNeeds: 'ASD' }, field: 'data.senNeeds', message: /a list of/ },
  {
    type: 'EhcNeedsAssessmentRequested',
    data: { requestId: 'q-1', requestedBy: 'social-worker' },
    field: 'data.requestedBy',
    message: /health, social-care, other/,
  },
  { type: 'ReassessmentRequested', data: { requestId: '', requestedBy: 'parent' }, field: 'data.requestId', message: /an id of 1 to 100 characters/ },
  {
    type: 'ReassessmentRequested',
    data: { requestId: 'q-2', requestedBy: 'grandparent' },
    field: 'data.requestedBy',
    message: /parent, young-person, school/,
  },
  { type: 'ReassessmentRequested', field: 'data', message: /data is required for ReassessmentRequested/ },
  {
    type: 'ReassessmentDecisionMade',
    data: { requestId: 'q-2', decision: 'assess' },
    field: 'data.decision',
    message: /one of: reassess, not-reassess/,
  },
  { type: 'ReassessmentDecisionMade', data: { decision: 'reassess' }, field: 'data.requestId', message: /an id/ },
  { type: 'PlacementNamed', data: without(placement({}), 'placementId'), field: 'data.placementId', message: /an id of 1 to 100 characters/ },
  { type: 'PlacementNamed', data: placement({ requestId: '   ' }), field: 'data.requestId', message: /an id/ },
  { type: 'PlacementNamed', data: placement({ urn: '12345' }), field: 'data.urn', message: /URN\): exactly 6 digits/ },
  { type: 'PlacementNamed', data: placement({ urn: 123456 }), field: 'data.urn', message: /exactly 6 digits/ },
  { type: 'PlacementNamed', data: placement({ urn: undefined, ukprn: '1001234' }), field: 'data.ukprn', message: /UKPRN\): exactly 8 digits/ },
  {
    type: 'PlacementNamed',
    data: placement({ urn: undefined, setting: 'HOME' }),
    field: 'data.setting',
    message: /OLA, OPA, EHE, EYP, OTH, NEET, NIEC, NIEO/,
  },
  {
    type: 'PlacementNamed',
    data: placement({ ukprn: '10012345' }),
    field: 'data',
    message: /only one of .*data\.urn and data\.ukprn were both given/,
  },
  { type: 'PlacementNamed', data: placement({ startedOn: '2025-02-30' }), field: 'data.startedOn', message: /a date in YYYY-MM-DD format/ },
  { type: 'PlacementNamed', data: without(placement({}), 'startedOn'), field: 'data.startedOn', message: /a date in YYYY-MM-DD format/ },
  { type: 'PlacementNamed', data: placement({ endedOn: '2025-06-01' }), field: 'data.endedOn', message: /not before startedOn/ },
  { type: 'PlacementNamed', data: placement({ endedOn: 'next term' }), field: 'data.endedOn', message: /a date in YYYY-MM-DD format/ },
  { type: 'PlacementNamed', data: placement({ rank: 0 }), field: 'data.rank', message: /a whole number, 1 or more/ },
  { type: 'PlacementNamed', data: placement({ rank: 1.5 }), field: 'data.rank', message: /a whole number/ },
  { type: 'PlacementNamed', data: placement({ rank: '1' }), field: 'data.rank', message: /a whole number/ },
  { type: 'PersonalBudgetAgreed', data: { kind: 'cash' }, field: 'data.kind', message: /organised-arrangements, direct-payments, both/ },
  {
    type: 'PersonalBudgetAgreed',
    data: { kind: 'both', amount: 1200 },
    field: 'data.amount',
    message: /not an accepted field of PersonalBudgetAgreed/,
  },
  { type: 'MediationRecorded', data: { about: 'plan' }, field: 'data.mediationId', message: /an id/ },
  { type: 'MediationRecorded', data: { mediationId: 'm-1', about: 'placement' }, field: 'data.about', message: /one of: request, assessment, plan/ },
  {
    type: 'MediationRecorded',
    data: { mediationId: 'm-1', about: 'plan', requestId: 'q'.repeat(101) },
    field: 'data.requestId',
    message: /1 to 100 characters/,
  },
  { type: 'AppealLodged', data: { against: 'refusal-to-assess' }, field: 'data.appealId', message: /an id/ },
  {
    type: 'AppealLodged',
    data: { appealId: 'ap-1', against: 'everything' },
    field: 'data.against',
    message: /refusal-to-assess, refusal-to-reassess, refusal-to-issue, plan-contents, placement, refusal-to-amend, cease/,
  },
  { type: 'AppealLodged', data: { appealId: 'ap-1', against: 'placement', requestId: 7 }, field: 'data.requestId', message: /an id/ },
  { type: 'AppealConceded', data: { appealId: '' }, field: 'data.appealId', message: /an id of 1 to 100 characters/ },
  { type: 'AppealConceded', field: 'data', message: /data is required for AppealConceded/ },
  { type: 'AppealDecided', data: { appealId: 'ap-1', outcome: 'won' }, field: 'data.outcome', message: /one of: dismissed, upheld, withdrawn/ },
  { type: 'AppealDecided', data: { outcome: 'upheld' }, field: 'data.appealId', message: /an id/ },
];

describe('Version 2 events over HTTP: SEN2 details, re-assessment, placements, personal budgets, mediation and appeals', () => {
  let app: TestApp;
  let children = 0;

  /** A newly registered child with these events already recorded (each must be accepted). */
  async function childWith(given: readonly EventBody[]): Promise<string> {
    const childId = `child-v2-${++children}`;
    expect((await registerChild(app.baseUrl, childId, '2024-06-03')).status).toBe(201);
    for (const event of given) {
      const res = await recordEvent(app.baseUrl, childId, event);
      expect({ given: event.type, status: res.status, body: res.body }).toEqual({ given: event.type, status: 201, body: expect.anything() });
    }
    return childId;
  }

  beforeAll(async () => {
    app = await startTestApp({ clockToday: TODAY });
  });
  afterAll(async () => {
    await app.close();
  });

  it('covers every new event type, accepted and refused', () => {
    const v2Types = [
      'ReassessmentRequested',
      'ReassessmentDecisionMade',
      'PlacementNamed',
      'PersonalBudgetAgreed',
      'MediationRecorded',
      'AppealLodged',
      'AppealConceded',
      'AppealDecided',
    ];
    expect(new Set(ACCEPTED.map((c) => c.when.type))).toEqual(new Set([...v2Types, 'ChildDetailsChanged', 'EhcNeedsAssessmentRequested']));
    expect(new Set(REFUSED.map((c) => c.type))).toEqual(new Set([...v2Types, 'ChildDetailsChanged', 'EhcNeedsAssessmentRequested']));
  });

  it.each(ACCEPTED)('records $name (201) and keeps its data as sent', async ({ given, when }) => {
    const childId = await childWith(given);
    const res = await recordEvent(app.baseUrl, childId, when);
    expect({ status: res.status, body: res.body }).toEqual({ status: 201, body: { eventId: expect.any(String), streamRevision: given.length + 1 } });

    const journey = await getJourney(app.baseUrl, childId);
    expect(journey.status).toBe(200);
    const recorded = journey.body.events.find((e) => e.eventId === res.body.eventId);
    expect(recorded).toMatchObject({ type: when.type, occurredOn: when.occurredOn, data: when.data, voided: false });
  });

  it.each(REFUSED)('refuses $type with data $data: 400 naming $field', async ({ type, data, field, message }) => {
    const childId = await childWith([]);
    const res = await recordEvent<ValidationErrorBody>(app.baseUrl, childId, {
      type,
      occurredOn: '2025-06-02',
      ...(data !== undefined ? { data } : {}),
    });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
    expect(res.body.details).toEqual([expect.objectContaining({ field })]);
    expect(res.body.details[0].message).toMatch(message);
    expect(res.body.message).toContain(res.body.details[0].message);

    const journey = await getJourney(app.baseUrl, childId);
    expect(journey.body.events.map((e) => e.type)).toEqual(['ChildRegistered']);
  });

  it.each([
    ['ta1 1aa', 'TA1 1AA'],
    ['TA11AA', 'TA1 1AA'],
    ['  sw1a   2aa ', 'SW1A 2AA'],
    ['m1 1ae', 'M1 1AE'],
  ])('accepts the postcode %j in any case and spacing and stores it as %j', async (sent, stored) => {
    const childId = await childWith([]);
    const res = await recordEvent(app.baseUrl, childId, { type: 'ChildDetailsChanged', occurredOn: '2025-06-02', data: { postcode: sent } });
    expect(res.status).toBe(201);
    const journey = await getJourney(app.baseUrl, childId);
    expect(journey.body.events.find((e) => e.eventId === res.body.eventId)?.data).toEqual({ postcode: stored });
  });

  it('names every bad field of one PlacementNamed at once', async () => {
    const childId = await childWith([]);
    const res = await recordEvent<ValidationErrorBody>(app.baseUrl, childId, {
      type: 'PlacementNamed',
      occurredOn: '2025-06-02',
      data: { placementId: 'p-1', urn: 'abc', startedOn: '2025-06-31', rank: -1 },
    });
    expect(res.status).toBe(400);
    expect(res.body.details.map((d) => d.field).sort()).toEqual(['data.rank', 'data.startedOn', 'data.urn']);
  });

  it('lists the new fields when ChildDetailsChanged says nothing', async () => {
    const childId = await childWith([]);
    const res = await recordEvent<ValidationErrorBody>(app.baseUrl, childId, { type: 'ChildDetailsChanged', occurredOn: '2025-06-02', data: {} });
    expect(res.status).toBe(400);
    expect(res.body.details).toEqual([
      {
        field: 'data',
        message:
          'ChildDetailsChanged needs at least one of data.school, data.area, data.caseworker, data.sex, data.ethnicity, data.postcode, data.senNeeds',
      },
    ]);
  });
});
