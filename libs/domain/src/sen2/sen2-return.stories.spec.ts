import type { JourneyEvent, RecordedJourneyEvent } from '../events';
import { stream } from '../clocks/testing/journey-fixture';
import { planTimelinessInputs, timelinessByMonth } from '../reports';
import {
  SEN2_READS,
  sen2CeaseReasonOf,
  sen2CensusDate,
  sen2Figures,
  sen2Header,
  sen2ModuleCounts,
  sen2Person,
  sen2Return,
  sen2WithinAreas,
  type Sen2Person,
} from '.';

/**
 * The SEN2 return for calendar year 2025 (census Thursday 15 January 2026), built for hand-made journeys. Every
 * expected row below was worked out by hand from the events beside it (docs/sen2.md says how each item is read).
 */
const YEAR = 2025;

function registered(dateOfBirth: string, area = 'north', upn: string | null = 'A123456789012'): JourneyEvent {
  return {
    type: 'ChildRegistered',
    occurredOn: '2019-01-07',
    data: { givenName: 'Robin', familyName: 'Example', dateOfBirth, area, ...(upn !== null ? { upn } : {}) },
  };
}

const details = (occurredOn = '2024-01-08'): JourneyEvent => ({
  type: 'ChildDetailsChanged',
  occurredOn,
  data: { sex: 'female', ethnicity: 'WBRI', postcode: 'TA1 1AA', senNeeds: ['ASD', 'SLCN'] },
});

const person = (fields: Partial<Sen2Person> & Pick<Sen2Person, 'childId' | 'requests'>): Sen2Person => ({
  surname: 'Example',
  forename: 'Robin',
  personBirthDate: '2016-03-14',
  sex: 'F',
  ethnicity: 'WBRI',
  postCode: 'TA1 1AA',
  upn: 'A123456789012',
  upnUnknown: null,
  ...fields,
});

const noDisputes = { assessmentMediation: 0, assessmentTribunal: 0, otherMediation: 0, otherTribunal: 0 } as const;
const noBudget = { pb: 0, oa: 0, dp: 0 } as const;
const needs = [
  { senType: 'ASD', senTypeRank: 1 },
  { senType: 'SLCN', senTypeRank: 2 },
] as const;
const noReview = { reviewMeeting: null, reviewOutcome: null, lastReview: null } as const;
const noTransfer = { phaseTransferDueDate: null, phaseTransferFinalDate: null } as const;

const journeys: Record<string, RecordedJourneyEvent[]> = {
  // A request refused, taken to mediation and to the Tribunal
  refused: stream(
    registered('2016-03-14'),
    details(),
    { type: 'EhcNeedsAssessmentRequested', occurredOn: '2025-02-03', data: { requestId: 'r-a', requestedBy: 'social-care' } },
    { type: 'DecisionToAssessMade', occurredOn: '2025-03-10', data: { requestId: 'r-a', decision: 'not-assess' } },
    { type: 'MediationRecorded', occurredOn: '2025-04-01', data: { mediationId: 'm-1', about: 'request', requestId: 'r-a' } },
    { type: 'AppealLodged', occurredOn: '2025-05-01', data: { appealId: 'ap-1', against: 'refusal-to-assess', requestId: 'r-a' } },
  ),
  // Received Monday 6 January, final plan Monday 26 May: 140 days, within 20 weeks, no exception
  within: stream(
    registered('2016-03-14'),
    details(),
    { type: 'EhcNeedsAssessmentRequested', occurredOn: '2025-01-06', data: { requestId: 'r-b', requestedBy: 'parent' } },
    { type: 'DecisionToAssessMade', occurredOn: '2025-02-10', data: { requestId: 'r-b', decision: 'assess' } },
    { type: 'DraftPlanIssued', occurredOn: '2025-04-28', data: { requestId: 'r-b' } },
    { type: 'FinalPlanIssued', occurredOn: '2025-05-26', data: { requestId: 'r-b', placement: 'Oak Primary' } },
    {
      type: 'PlacementNamed',
      occurredOn: '2025-05-26',
      data: { placementId: 'p-b', requestId: 'r-b', urn: '123456', startedOn: '2025-06-01', rank: 1 },
    },
    { type: 'PersonalBudgetAgreed', occurredOn: '2025-07-01', data: { kind: 'direct-payments' } },
  ),
  // 13 January to 14 July: 182 days, late, but an exception applies (Week20 = 1)
  lateExcepted: stream(
    registered('2016-03-14'),
    details(),
    { type: 'EhcNeedsAssessmentRequested', occurredOn: '2025-01-13', data: { requestId: 'r-c', requestedBy: 'school' } },
    { type: 'DecisionToAssessMade', occurredOn: '2025-02-20', data: { requestId: 'r-c', decision: 'assess' } },
    { type: 'TimescaleExceptionRecorded', occurredOn: '2025-03-01', data: { requestId: 'r-c', exception: 'exceptional-personal-circumstances' } },
    { type: 'FinalPlanIssued', occurredOn: '2025-07-14', data: { requestId: 'r-c', placement: 'Oak Primary' } },
  ),
  // 3 March to 14 July: 133 days, within 20 weeks, with an exception
  withinExcepted: stream(
    registered('2016-03-14'),
    details(),
    { type: 'EhcNeedsAssessmentRequested', occurredOn: '2025-03-03', data: { requestId: 'r-e', requestedBy: 'early-years-setting' } },
    { type: 'TimescaleExceptionRecorded', occurredOn: '2025-03-20', data: { requestId: 'r-e', exception: 'school-closure' } },
    { type: 'DecisionToAssessMade', occurredOn: '2025-04-07', data: { requestId: 'r-e', decision: 'assess' } },
    { type: 'FinalPlanIssued', occurredOn: '2025-07-14', data: { requestId: 'r-e', placement: 'Oak Primary' } },
  ),
  // 3 February to 4 August: 182 days, late, no exception
  late: stream(
    registered('2016-03-14'),
    details(),
    { type: 'EhcNeedsAssessmentRequested', occurredOn: '2025-02-03', data: { requestId: 'r-d', requestedBy: 'health' } },
    { type: 'DecisionToAssessMade', occurredOn: '2025-03-17', data: { requestId: 'r-d', decision: 'assess' } },
    { type: 'FinalPlanIssued', occurredOn: '2025-08-04', data: { requestId: 'r-d', placement: 'Oak Primary' } },
  ),
  // A plan from 2022, reviewed in March, replaced by a re-assessment's plan on 3 July (93 days after the request)
  reassessed: stream(
    registered('2016-03-14'),
    details(),
    { type: 'EhcNeedsAssessmentRequested', occurredOn: '2022-01-10', data: { requestId: 'r-old', requestedBy: 'parent' } },
    { type: 'DecisionToAssessMade', occurredOn: '2022-02-01', data: { requestId: 'r-old', decision: 'assess' } },
    { type: 'FinalPlanIssued', occurredOn: '2022-06-01', data: { requestId: 'r-old', placement: 'Oak Primary' } },
    { type: 'AnnualReviewMeetingHeld', occurredOn: '2025-03-01', data: {} },
    { type: 'AnnualReviewDecisionMade', occurredOn: '2025-03-15', data: { decision: 'maintain' } },
    { type: 'ReassessmentRequested', occurredOn: '2025-04-01', data: { requestId: 'r-re', requestedBy: 'school' } },
    { type: 'ReassessmentDecisionMade', occurredOn: '2025-04-10', data: { requestId: 'r-re', decision: 'reassess' } },
    { type: 'FinalPlanIssued', occurredOn: '2025-07-03', data: { requestId: 'r-re', placement: 'Oak Primary' } },
  ),
  // Refused, the Tribunal upholds the appeal, the LA assesses and issues on 20 October; then an appeal about the plan
  appealed: stream(
    registered('2016-03-14'),
    details(),
    { type: 'EhcNeedsAssessmentRequested', occurredOn: '2025-01-20', data: { requestId: 'r-f', requestedBy: 'parent' } },
    { type: 'DecisionToAssessMade', occurredOn: '2025-03-03', data: { requestId: 'r-f', decision: 'not-assess' } },
    { type: 'AppealLodged', occurredOn: '2025-03-20', data: { appealId: 'ap-f', against: 'refusal-to-assess', requestId: 'r-f' } },
    { type: 'AppealDecided', occurredOn: '2025-06-02', data: { appealId: 'ap-f', outcome: 'upheld' } },
    { type: 'DecisionToAssessMade', occurredOn: '2025-06-10', data: { requestId: 'r-f', decision: 'assess' } },
    { type: 'FinalPlanIssued', occurredOn: '2025-10-20', data: { requestId: 'r-f', placement: 'Oak Primary' } },
    { type: 'AppealLodged', occurredOn: '2025-11-10', data: { appealId: 'ap-g', against: 'plan-contents' } },
  ),
  // A plan from 2019 with a personal budget, ceased on 15 May because the young person found a job
  ceased: stream(
    registered('2006-02-01'),
    details(),
    { type: 'EhcNeedsAssessmentRequested', occurredOn: '2019-05-01', data: { requestId: 'r-g', requestedBy: 'young-person' } },
    { type: 'DecisionToAssessMade', occurredOn: '2019-06-01', data: { requestId: 'r-g', decision: 'assess' } },
    { type: 'FinalPlanIssued', occurredOn: '2019-09-01', data: { requestId: 'r-g', placement: 'Vale College' } },
    {
      type: 'PlacementNamed',
      occurredOn: '2019-09-01',
      data: { placementId: 'p-g', requestId: 'r-g', ukprn: '10012345', startedOn: '2019-09-01', rank: 1 },
    },
    { type: 'PersonalBudgetAgreed', occurredOn: '2020-01-10', data: { kind: 'organised-arrangements' } },
    { type: 'AnnualReviewDecisionMade', occurredOn: '2025-04-01', data: { decision: 'cease' } },
    { type: 'PlanCeased', occurredOn: '2025-05-15', data: { reason: 'Moved on to paid employment' } },
  ),
  // Born 20 January 2015 (cohort 2014): Year 7 in September 2026, plan due before 15 February 2026, finalised 12 December
  phaseTransfer: stream(
    registered('2015-01-20'),
    details(),
    { type: 'EhcNeedsAssessmentRequested', occurredOn: '2023-01-09', data: { requestId: 'r-h', requestedBy: 'parent' } },
    { type: 'DecisionToAssessMade', occurredOn: '2023-02-06', data: { requestId: 'r-h', decision: 'assess' } },
    { type: 'FinalPlanIssued', occurredOn: '2023-05-30', data: { requestId: 'r-h', placement: 'Oak Primary' } },
    {
      type: 'PlacementNamed',
      occurredOn: '2023-05-30',
      data: { placementId: 'p-h1', requestId: 'r-h', urn: '111111', startedOn: '2023-06-01', endedOn: '2026-07-22', rank: 1 },
    },
    { type: 'AnnualReviewMeetingHeld', occurredOn: '2025-10-01', data: {} },
    { type: 'AnnualReviewDecisionMade', occurredOn: '2025-10-20', data: { decision: 'amend' } },
    { type: 'AmendedPlanIssued', occurredOn: '2025-12-12', data: { placement: 'Hillside Academy', phaseTransfer: true } },
    { type: 'PlacementNamed', occurredOn: '2025-12-12', data: { placementId: 'p-h2', urn: '654321', startedOn: '2026-09-01', rank: 1 } },
  ),
  // Lived in north, moved to south on 1 June: the request is north's, the plan (issued 21 July, 140 days) south's
  moved: stream(
    registered('2016-03-14', 'north'),
    details(),
    { type: 'EhcNeedsAssessmentRequested', occurredOn: '2025-03-03', data: { requestId: 'r-i', requestedBy: 'parent' } },
    { type: 'DecisionToAssessMade', occurredOn: '2025-04-01', data: { requestId: 'r-i', decision: 'assess' } },
    { type: 'ChildDetailsChanged', occurredOn: '2025-06-01', data: { area: 'south' } },
    { type: 'FinalPlanIssued', occurredOn: '2025-07-21', data: { requestId: 'r-i', placement: 'South Primary' } },
  ),
  // Aged 4, no UPN yet: a request from November 2024 still being drafted, and one from December 2025 not yet decided
  open: stream(
    registered('2021-04-01', 'north', null),
    details(),
    { type: 'EhcNeedsAssessmentRequested', occurredOn: '2024-11-04', data: { requestId: 'r-j', requestedBy: 'health' } },
    { type: 'DecisionToAssessMade', occurredOn: '2024-12-02', data: { requestId: 'r-j', decision: 'assess' } },
    { type: 'DraftPlanIssued', occurredOn: '2025-03-01', data: { requestId: 'r-j' } },
    { type: 'EhcNeedsAssessmentRequested', occurredOn: '2025-12-01', data: { requestId: 'r-j2', requestedBy: 'other' } },
  ),
  // Everything over before 2025: nothing to return
  over: stream(
    registered('2016-03-14'),
    { type: 'EhcNeedsAssessmentRequested', occurredOn: '2024-02-05', data: { requestId: 'r-k', requestedBy: 'parent' } },
    { type: 'DecisionToAssessMade', occurredOn: '2024-03-11', data: { requestId: 'r-k', decision: 'not-assess' } },
  ),
};

const personOf = (childId: string): Sen2Person | null => sen2Person(childId, journeys[childId] ?? [], YEAR);

/** The value, which the story says is there (the test fails here, naming it, when it is not). */
function present<T>(value: T | null | undefined, what: string): T {
  if (value === null || value === undefined) throw new Error(`expected ${what}`);
  return value;
}

const reported = (childId: string): Sen2Person => present(personOf(childId), `${childId} in the return`);

describe('The SEN2 return for 2025, child by child', () => {
  it('is counted on the third Thursday of January after the year', () => {
    expect(sen2CensusDate(2025)).toBe('2026-01-15');
    expect(sen2CensusDate(2026)).toBe('2027-01-21');
    expect(sen2CensusDate(2024)).toBe('2025-01-16');
  });

  it('reports a refused request with its source (social care = 4), its date, and that it went to mediation and the Tribunal', () => {
    expect(personOf('refused')).toEqual(
      person({
        childId: 'refused',
        requests: [
          {
            requestId: 'r-a',
            area: 'north',
            receivedDate: '2025-02-03',
            requestSource: 4,
            rya: 0,
            requestOutcomeDate: '2025-03-10',
            requestOutcome: 'N',
            requestMediation: 1,
            requestTribunal: 1,
            assessment: null,
            activePlan: null,
          },
        ],
      }),
    );
  });

  it('reports a plan issued within 20 weeks with no exception: the assessment, the named plan with its placement and budget, the active plan with ranked needs', () => {
    expect(personOf('within')).toEqual(
      person({
        childId: 'within',
        requests: [
          {
            requestId: 'r-b',
            area: 'north',
            receivedDate: '2025-01-06',
            requestSource: 1,
            rya: 0,
            requestOutcomeDate: '2025-02-10',
            requestOutcome: 'Y',
            requestMediation: 0,
            requestTribunal: 0,
            assessment: {
              area: 'north',
              assessmentOutcome: 'Y',
              assessmentOutcomeDate: '2025-05-26',
              ...noDisputes,
              week20: 0,
              namedPlan: {
                area: 'north',
                startDate: '2025-05-26',
                pb: 1,
                oa: 0,
                dp: 1,
                ceaseDate: null,
                ceaseReason: null,
                endedAs: null,
                planDetails: [
                  {
                    placementId: 'p-b',
                    urn: '123456',
                    ukprn: null,
                    senSetting: null,
                    placementRank: 1,
                    senUnitIndicator: 0,
                    resourcedProvisionIndicator: 0,
                    entryDate: null,
                    leavingDate: null,
                  },
                ],
              },
            },
            activePlan: {
              area: 'north',
              ...noReview,
              ...noTransfer,
              placementDetails: [
                {
                  placementId: 'p-b',
                  urn: '123456',
                  ukprn: null,
                  senSetting: null,
                  placementRank: 1,
                  senUnitIndicator: 0,
                  resourcedProvisionIndicator: 0,
                  entryDate: '2025-06-01',
                  leavingDate: null,
                },
              ],
              senNeeds: needs,
            },
          },
        ],
      }),
    );
  });

  it.each([
    ['lateExcepted', 'r-c', '2025-01-13', 2, '2025-02-20', '2025-07-14', 1],
    ['withinExcepted', 'r-e', '2025-03-03', 2, '2025-04-07', '2025-07-14', 1],
    ['late', 'r-d', '2025-02-03', 3, '2025-03-17', '2025-08-04', 0],
  ] as const)(
    'sets Week20 from the exception, not from the days taken (%s)',
    (childId, requestId, receivedDate, requestSource, decidedOn, issuedOn, week20) => {
      const [request] = reported(childId).requests;
      expect(request).toMatchObject({ requestId, receivedDate, requestSource, requestOutcome: 'Y', requestOutcomeDate: decidedOn });
      expect(request.assessment).toMatchObject({ assessmentOutcome: 'Y', assessmentOutcomeDate: issuedOn, week20 });
      expect(request.assessment?.namedPlan).toMatchObject({ startDate: issuedOn, ceaseDate: null, planDetails: [] });
      expect(request.activePlan).toMatchObject({ placementDetails: [], senNeeds: needs });
    },
  );

  it('reports a re-assessment as a second request whose plan replaces the 2022 plan, reported as historical with its end date', () => {
    expect(reported('reassessed').requests).toEqual([
      {
        requestId: 'r-old',
        area: 'north',
        receivedDate: '2022-01-10',
        requestSource: 1,
        rya: 0,
        requestOutcomeDate: null,
        requestOutcome: 'H',
        requestMediation: 0,
        requestTribunal: 0,
        assessment: {
          area: 'north',
          assessmentOutcome: 'H',
          assessmentOutcomeDate: null,
          ...noDisputes,
          week20: 0,
          namedPlan: {
            area: 'north',
            startDate: '2022-06-01',
            ...noBudget,
            ceaseDate: '2025-07-03',
            ceaseReason: null,
            endedAs: 'replaced',
            planDetails: [],
          },
        },
        activePlan: null,
      },
      {
        requestId: 'r-re',
        area: 'north',
        receivedDate: '2025-04-01',
        requestSource: 2,
        rya: 0,
        requestOutcomeDate: '2025-04-10',
        requestOutcome: 'Y',
        requestMediation: 0,
        requestTribunal: 0,
        assessment: {
          area: 'north',
          assessmentOutcome: 'Y',
          assessmentOutcomeDate: '2025-07-03',
          ...noDisputes,
          week20: 0,
          namedPlan: { area: 'north', startDate: '2025-07-03', ...noBudget, ceaseDate: null, ceaseReason: null, endedAs: null, planDetails: [] },
        },
        activePlan: { area: 'north', ...noReview, ...noTransfer, placementDetails: [], senNeeds: needs },
      },
    ]);
  });

  it('keeps the original refusal after an upheld appeal, marks the Tribunal on the request, and reports the assessment and plan that followed (an appeal about the plan is "other tribunal")', () => {
    const [request] = reported('appealed').requests;
    expect(request).toEqual({
      requestId: 'r-f',
      area: 'north',
      receivedDate: '2025-01-20',
      requestSource: 1,
      rya: 0,
      requestOutcomeDate: '2025-03-03',
      requestOutcome: 'N',
      requestMediation: 0,
      requestTribunal: 1,
      assessment: {
        area: 'north',
        assessmentOutcome: 'Y',
        assessmentOutcomeDate: '2025-10-20',
        assessmentMediation: 0,
        assessmentTribunal: 0,
        otherMediation: 0,
        otherTribunal: 1,
        week20: 0,
        namedPlan: { area: 'north', startDate: '2025-10-20', ...noBudget, ceaseDate: null, ceaseReason: null, endedAs: null, planDetails: [] },
      },
      activePlan: { area: 'north', ...noReview, ...noTransfer, placementDetails: [], senNeeds: needs },
    });
  });

  it('reports a plan ceased in the year with its cease date, the reason as code 4 (paid employment), its budget and its college by UKPRN', () => {
    expect(personOf('ceased')).toEqual(
      person({
        childId: 'ceased',
        personBirthDate: '2006-02-01',
        requests: [
          {
            requestId: 'r-g',
            area: 'north',
            receivedDate: '2019-05-01',
            requestSource: 1,
            rya: 0,
            requestOutcomeDate: null,
            requestOutcome: 'H',
            requestMediation: 0,
            requestTribunal: 0,
            assessment: {
              area: 'north',
              assessmentOutcome: 'H',
              assessmentOutcomeDate: null,
              ...noDisputes,
              week20: 0,
              namedPlan: {
                area: 'north',
                startDate: '2019-09-01',
                pb: 1,
                oa: 1,
                dp: 0,
                ceaseDate: '2025-05-15',
                ceaseReason: 4,
                endedAs: 'ceased',
                planDetails: [
                  {
                    placementId: 'p-g',
                    urn: null,
                    ukprn: '10012345',
                    senSetting: null,
                    placementRank: 1,
                    senUnitIndicator: 0,
                    resourcedProvisionIndicator: 0,
                    entryDate: null,
                    leavingDate: null,
                  },
                ],
              },
            },
            activePlan: null,
          },
        ],
      }),
    );
  });

  it('reports a phase transfer: due before 15 February 2026, finalised on 12 December; the new school is named in the plan but not yet in force', () => {
    const [request] = reported('phaseTransfer').requests;
    expect(present(request.assessment?.namedPlan, 'the named plan').planDetails.map((p) => [p.placementId, p.urn, p.entryDate])).toEqual([
      ['p-h1', '111111', null],
      ['p-h2', '654321', null],
    ]);
    expect(request.activePlan).toEqual({
      area: 'north',
      reviewMeeting: '2025-10-01',
      reviewOutcome: 'A',
      lastReview: '2025-10-20',
      phaseTransferDueDate: '2026-02-14',
      phaseTransferFinalDate: '2025-12-12',
      placementDetails: [
        {
          placementId: 'p-h1',
          urn: '111111',
          ukprn: null,
          senSetting: null,
          placementRank: 1,
          senUnitIndicator: 0,
          resourcedProvisionIndicator: 0,
          entryDate: '2023-06-01',
          leavingDate: '2026-07-22',
        },
      ],
      senNeeds: needs,
    });
  });

  it('gives each row of a child who moved the area of its own date: the request north’s, the assessment, plan and active plan south’s', () => {
    const [request] = reported('moved').requests;
    expect([request.area, request.assessment?.area, request.assessment?.namedPlan?.area, request.activePlan?.area]).toEqual([
      'north',
      'south',
      'south',
      'south',
    ]);
    const ret = sen2Return(header, [reported('moved')]);
    expect(sen2WithinAreas(ret, ['north']).persons[0].requests[0]).toMatchObject({ requestId: 'r-i', assessment: null, activePlan: null });
    expect(sen2WithinAreas(ret, ['south']).persons[0].requests[0].assessment?.namedPlan).toMatchObject({ startDate: '2025-07-21' });
    expect(sen2WithinAreas(ret, ['east']).persons).toEqual([]);
    expect(sen2Figures(ret, YEAR, ['north'])).toMatchObject({ requestsReceived: 1, plansIssued: 0 });
    expect(sen2Figures(ret, YEAR, ['south'])).toMatchObject({ requestsReceived: 0, plansIssued: 1, within20Weeks: 1 });
  });

  it('reports requests still open: one from 2024 with a draft in 2025 (decided earlier: H; plan to be issued: Y, no date) and one not yet decided (A); a child under 6 without a UPN is UN1', () => {
    const open = reported('open');
    expect(open).toMatchObject({ personBirthDate: '2021-04-01', upn: null, upnUnknown: 'UN1' });
    expect(
      open.requests.map((r) => [
        r.requestId,
        r.requestOutcome,
        r.requestOutcomeDate,
        r.requestSource,
        r.assessment?.assessmentOutcome ?? null,
        r.assessment?.assessmentOutcomeDate ?? null,
      ]),
    ).toEqual([
      ['r-j', 'H', null, 3, 'Y', null],
      ['r-j2', 'A', null, 5, null, null],
    ]);
  });

  it('leaves out a child whose requests and plans were all over before the year', () => {
    expect(personOf('over')).toBeNull();
  });

  it('counts the year as the timeliness report does: requests, refusals, plans issued, within 20 weeks with and without exceptions', () => {
    const ret = sen2Return(
      header,
      Object.keys(journeys).flatMap((childId) => personOf(childId) ?? []),
    );
    const figures = sen2Figures(ret, YEAR, 'all');
    expect(figures).toEqual({
      requestsReceived: 9,
      refused: 2,
      plansIssued: 7,
      within20Weeks: 4,
      issuedExcludingExceptions: 5,
      within20WeeksExcludingExceptions: 3,
    });
    const timeliness = timelinessByMonth(
      Object.values(journeys).flatMap((events) => planTimelinessInputs(events, sen2CensusDate(YEAR))),
      YEAR,
    ).total;
    expect({
      plansIssued: figures.plansIssued,
      within20Weeks: figures.within20Weeks,
      issuedExcludingExceptions: figures.issuedExcludingExceptions,
      within20WeeksExcludingExceptions: figures.within20WeeksExcludingExceptions,
    }).toEqual({
      plansIssued: timeliness.issued,
      within20Weeks: timeliness.within20Weeks,
      issuedExcludingExceptions: timeliness.issuedExcludingExceptions,
      within20WeeksExcludingExceptions: timeliness.within20WeeksExcludingExceptions,
    });
    expect(sen2ModuleCounts(ret)).toEqual({
      person: 11,
      requests: 13,
      assessment: 11,
      namedPlan: 10,
      planDetail: 4,
      activePlans: 8,
      placementDetail: 2,
      senNeed: 16,
    });
  });

  it('reads only the event types it declares: leaving out the rest of a journey changes no row', () => {
    for (const [childId, events] of Object.entries(journeys)) {
      const withReferralsAndSuspensions = stream(
        ...events.map((e) => e.event),
        { type: 'ReferralReceived', occurredOn: '2025-02-01', data: { referralId: 'ref-1', service: 'camhs', source: 'gp' } },
        {
          type: 'SuspensionRecorded',
          occurredOn: '2025-03-01',
          data: { suspensionId: 's-1', school: 'Oak Primary', schoolDays: 2, reason: 'damage' },
        },
      );
      const read = withReferralsAndSuspensions.filter((e) => SEN2_READS[e.event.type]);
      expect(sen2Person(childId, read, YEAR)).toEqual(sen2Person(childId, withReferralsAndSuspensions, YEAR));
      expect(sen2Person(childId, withReferralsAndSuspensions, YEAR)).toEqual(personOf(childId));
    }
  });

  it('heads the return with the collection year, the census date and the LA', () => {
    expect(header).toEqual({
      collection: 'SEN2',
      year: 2026,
      referenceDate: '2026-01-15',
      sourceLevel: 'L',
      lea: '933',
      softwareCode: 'send-journeys',
      release: '0.1.0',
      serialNo: 1,
      dateTime: '2026-01-20T10:30:00',
    });
  });
});

describe('Cease reasons from what the caseworker wrote', () => {
  it.each([
    ['5 – moved to Devon', 5],
    ['Transferred to another local authority', 5],
    ['Young person moved on to higher education', 3],
    ['Sadly died in March', 8],
    ['Needs met without an EHC plan', 2],
    ['Family emigrated to Spain', 7],
    ['Other: see file', 9],
  ] as const)('reads "%s" as code %i', (reason, code) => {
    expect(sen2CeaseReasonOf(reason)).toBe(code);
  });

  it('names no code for a reason that fits none of the nine', () => {
    expect(sen2CeaseReasonOf('See the letter of 3 May')).toBeNull();
  });
});

const header = sen2Header(YEAR, { lea: '933', softwareCode: 'send-journeys', release: '0.1.0', serialNo: 1, madeAt: '2026-01-20T10:30:00.000Z' });
