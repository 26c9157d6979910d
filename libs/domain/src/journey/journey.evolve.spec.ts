import type { ChildRegistered, RecordedJourneyEvent } from '../events';
import { evolve, foldJourney } from './journey.evolve';
import { initialJourneyState } from './journey.state';
import {
  PLAN_REQUEST,
  adviceReceived,
  adviceRequested,
  amendedPlan,
  caseClosed,
  decidedNotToIssue,
  decidedToAssess,
  detailsChanged,
  draftIssued,
  ehcRequested,
  excluded,
  exceptionRecorded,
  finalIssued,
  given,
  initialAppointment,
  informationReceived,
  partTimeEnded,
  partTimeStarted,
  planCeased,
  planIssued,
  preAssessmentStarted,
  recordedAs,
  referralClosed,
  referralReceived,
  registered,
  reviewDecision,
  reviewMeeting,
  suspended,
  suspensionRescinded,
  then,
  triaged,
  voided,
} from './journey.fixture';

const evolveAll = (events: readonly RecordedJourneyEvent[]) => events.reduce(evolve, initialJourneyState);

describe('the journey state', () => {
  it('holds the child details, with changes applied field by field', () => {
    const state = foldJourney(
      given(registered('2024-01-02', { nhsNumber: '9434765919', caseworker: 'cw-1' }), detailsChanged('2024-09-01', { school: 'Elm Academy' })),
    );
    expect(state.child).toEqual({
      givenName: 'Amara',
      familyName: 'Okafor',
      dateOfBirth: '2016-05-14',
      erased: false,
      area: 'taunton',
      nhsNumber: '9434765919',
      upn: null,
      school: 'Elm Academy',
      caseworker: 'cw-1',
      sex: null,
      ethnicity: null,
      postcode: null,
      senNeeds: [],
      registeredOn: '2024-01-02',
    });
  });

  it('keeps an erased child (personal fields gone, cohort year kept) with nulls for what identified them', () => {
    const state = foldJourney(
      given({
        type: 'ChildRegistered',
        occurredOn: '2024-01-02',
        data: { area: 'taunton', caseworker: 'cw-1', cohortYear: 2015, erased: true } as unknown as ChildRegistered['data'],
      }),
    );
    expect(state.child).toMatchObject({
      givenName: null,
      familyName: null,
      dateOfBirth: null,
      nhsNumber: null,
      upn: null,
      erased: true,
      area: 'taunton',
      caseworker: 'cw-1',
    });
  });

  it('follows a referral through the ASD pathway', () => {
    const state = foldJourney(
      given(
        registered(),
        referralReceived('ref-1', '2024-02-01'),
        preAssessmentStarted('ref-1', '2024-02-10'),
        informationReceived('ref-1', '2024-03-01', 'health'),
        informationReceived('ref-1', '2024-02-20', 'school'),
        triaged('ref-1', '2024-04-20', 'accepted'),
        triaged('ref-1', '2024-03-15', 'more-information-needed'), // recorded late
        initialAppointment('ref-1', '2025-01-15'),
        referralClosed('ref-1', '2025-03-02', 'diagnosis given'),
      ),
    );
    expect(state.referrals['ref-1']).toMatchObject({
      service: 'autism-assessment',
      source: 'school',
      receivedOn: '2024-02-01',
      status: 'closed',
      preAssessmentStartedOn: '2024-02-10',
      preAssessmentInformation: [
        { from: 'school', receivedOn: '2024-02-20' },
        { from: 'health', receivedOn: '2024-03-01' },
      ],
      mdtTriageOutcome: 'accepted',
      mdtTriageCompletedOn: '2024-04-20',
      initialAppointmentOn: '2025-01-15',
      diagnosticOutcome: null,
      closedOn: '2025-03-02',
      closedReason: 'diagnosis given',
    });
    expect(state.referrals['ref-1'].mdtTriages.map((t) => t.outcome)).toEqual(['more-information-needed', 'accepted']);
  });

  it('follows an EHC request to its final plan and makes the plan active', () => {
    const state = foldJourney(
      given(
        registered(),
        ehcRequested('req-1', '2024-01-10'),
        decidedToAssess('req-1', '2024-02-14'),
        adviceRequested('req-1', 'adv-ep', '2024-02-20'),
        adviceReceived('req-1', 'adv-ep', '2024-03-25'),
        exceptionRecorded('req-1', '2024-07-20', 'school-closure'),
        draftIssued('req-1', '2024-05-02'),
        finalIssued('req-1', '2024-05-23', 'Oak Primary with support'),
      ),
    );
    expect(state.ehcRequests['req-1']).toMatchObject({
      receivedOn: '2024-01-10',
      requestedBy: 'parent',
      status: 'final-plan-issued',
      decision: 'assess',
      decisionOn: '2024-02-14',
      advice: { 'adv-ep': { adviceType: 'educational-psychology', requestedOn: '2024-02-20', receivedOn: '2024-03-25' } },
      exception: 'school-closure',
      draftIssuedOn: '2024-05-02',
      finalIssuedOn: '2024-05-23',
      placement: 'Oak Primary with support',
      draftResponseWindowCut: false,
    });
    expect(state.activePlan).toEqual({
      requestId: 'req-1',
      issuedOn: '2024-05-23',
      placement: 'Oak Primary with support',
      lastReviewMeetingOn: null,
      lastReviewDecision: null,
      lastReviewDecisionOn: null,
      amendedOn: null,
      amendedForPhaseTransfer: false,
      personalBudget: null,
    });
  });

  it.each([
    [[], 'awaiting-decision-to-assess'],
    [[decidedToAssess('req-1', '2024-02-14', 'not-assess')], 'not-to-assess'],
    [[decidedToAssess('req-1', '2024-02-14')], 'assessing'],
    [[decidedToAssess('req-1', '2024-02-14'), draftIssued('req-1', '2024-05-02')], 'draft-plan-issued'],
    [[decidedToAssess('req-1', '2024-02-14'), decidedNotToIssue('req-1', '2024-05-02')], 'not-to-issue-plan'],
  ])('gives a request its status (%#)', (steps, status) => {
    const state = foldJourney(given(registered(), ehcRequested('req-1', '2024-01-10'), ...steps));
    expect(state.ehcRequests['req-1'].status).toBe(status);
    expect(state.ehcRequests['req-1'].decisionNotToIssueOn).toBe(status === 'not-to-issue-plan' ? '2024-05-02' : null);
  });

  describe('draftResponseWindowCut (reg 13(1): 15 days beginning with the draft date)', () => {
    const drafted = [registered(), ehcRequested('req-1', '2024-01-10'), decidedToAssess('req-1', '2024-02-14'), draftIssued('req-1', '2024-05-02')];

    it('is true for a final plan on day 14 (draft + 14 days)', () => {
      expect(foldJourney(given(...drafted, finalIssued('req-1', '2024-05-16'))).ehcRequests['req-1'].draftResponseWindowCut).toBe(true);
    });

    it('is false for a final plan on draft + 15 days', () => {
      expect(foldJourney(given(...drafted, finalIssued('req-1', '2024-05-17'))).ehcRequests['req-1'].draftResponseWindowCut).toBe(false);
    });

    it('is worked out from dates whatever order the draft and final were recorded in', () => {
      const finalFirst = given(
        registered(),
        ehcRequested('req-1', '2024-01-10'),
        decidedToAssess('req-1', '2024-02-14'),
        finalIssued('req-1', '2024-05-10'),
        draftIssued('req-1', '2024-05-02'),
      );
      expect(foldJourney(finalFirst).ehcRequests['req-1'].draftResponseWindowCut).toBe(true);
    });

    it('counts from the latest draft when a draft was re-issued', () => {
      const reissued = given(...drafted, draftIssued('req-1', '2024-05-12'), finalIssued('req-1', '2024-05-20'));
      expect(foldJourney(reissued).ehcRequests['req-1']).toMatchObject({
        firstDraftIssuedOn: '2024-05-02',
        draftIssuedOn: '2024-05-12',
        draftResponseWindowCut: true,
      });
    });

    it('is false with no draft recorded', () => {
      expect(
        foldJourney(
          given(registered(), ehcRequested('req-1', '2024-01-10'), decidedToAssess('req-1', '2024-02-14'), finalIssued('req-1', '2024-05-10')),
        ).ehcRequests['req-1'].draftResponseWindowCut,
      ).toBe(false);
    });
  });

  it('records reviews and amendments on the active plan, and keeps a ceased plan in endedPlans', () => {
    const reviewed = given(
      registered(),
      ...planIssued(),
      reviewMeeting('2025-04-01'),
      reviewDecision('2025-04-20', 'amend'),
      amendedPlan('2025-06-01', 'Elm Academy', true),
    );
    expect(foldJourney(reviewed).activePlan).toMatchObject({
      lastReviewMeetingOn: '2025-04-01',
      lastReviewDecision: 'amend',
      lastReviewDecisionOn: '2025-04-20',
      amendedOn: '2025-06-01',
      placement: 'Elm Academy',
      amendedForPhaseTransfer: true,
    });
    const ceased = foldJourney(then(reviewed, planCeased('2025-06-20', 'moved to independent provision')));
    expect(ceased.activePlan).toBeNull();
    expect(ceased.endedPlans).toEqual([
      { requestId: PLAN_REQUEST, issuedOn: '2024-05-23', endedAs: 'ceased', endedOn: '2025-06-20', reason: 'moved to independent provision' },
    ]);
  });

  it('records suspensions, exclusions and part-time timetables', () => {
    const state = foldJourney(
      given(
        registered(),
        suspended('sus-1', '2024-10-07', 2.5),
        suspensionRescinded('sus-1', '2024-10-09'),
        excluded('pex-1', '2025-02-03'),
        partTimeStarted('Oak Primary', '2024-11-04'),
        partTimeEnded('Oak Primary', '2024-12-01'),
        partTimeStarted('Elm Academy', '2025-03-03'),
      ),
    );
    expect(state.suspensions['sus-1']).toEqual({
      suspensionId: 'sus-1',
      school: 'Oak Primary',
      schoolDays: 2.5,
      reason: 'persistent-disruptive-behaviour',
      occurredOn: '2024-10-07',
      rescinded: true,
      rescindedOn: '2024-10-09',
      sixthDayProvision: false,
    });
    expect(state.permanentExclusions['pex-1']).toMatchObject({ school: 'Oak Primary', overturned: false, occurredOn: '2025-02-03' });
    expect(state.partTimeTimetables).toEqual({
      'Oak Primary': { school: 'Oak Primary', status: 'closed', startedOn: '2024-11-04', endedOn: '2024-12-01' },
      'Elm Academy': { school: 'Elm Academy', status: 'open', startedOn: '2025-03-03', endedOn: null },
    });
  });
});

describe('foldJourney and evolve with voided events', () => {
  const history = given(
    registered(),
    referralReceived('ref-1', '2024-02-01'),
    suspended('sus-1', '2024-10-07'),
    suspended('sus-2', '2024-11-07'),
    voided('evt-2', '2024-10-08'),
    caseClosed('2025-01-10'),
  );

  it('skips voided events but remembers every event id with its revision, and which are voided', () => {
    const state = foldJourney(history);
    expect(Object.keys(state.suspensions)).toEqual(['sus-2']);
    expect(Object.fromEntries(state.recordedEventIds)).toEqual({ 'evt-0': 0, 'evt-1': 1, 'evt-2': 2, 'evt-3': 3, 'evt-4': 4, 'evt-5': 5 });
    expect(state.voidedEventIds).toEqual({ 'evt-2': true });
    expect(state.events).toHaveLength(6);
    expect(state.caseClosed).toEqual({ on: '2025-01-10', reason: 'moved out of area' });
  });

  it('evolve, one event at a time, ends where foldJourney does', () => {
    const reopened = then(history, voided('evt-5'), preAssessmentStarted('ref-1', '2025-02-01'));
    expect(evolveAll(reopened)).toEqual(foldJourney(reopened));
    expect(evolveAll(reopened).caseClosed).toBeNull();
    expect(evolveAll(reopened).voidedEventIds).toEqual({ 'evt-2': true, 'evt-5': true });
  });

  it('evolve ignores an event id it has already applied (at-least-once delivery)', () => {
    const state = foldJourney(history);
    expect(evolve(state, recordedAs(suspended('sus-3', '2024-12-01'), 9, 'evt-3'))).toBe(state);
  });

  it('evolve never mutates the state it is given', () => {
    const state = foldJourney(history.slice(0, 2));
    const snapshot = JSON.stringify(state);
    evolve(state, recordedAs(suspended('sus-1', '2024-10-07'), 2));
    evolve(state, recordedAs(voided('evt-1'), 2));
    expect(JSON.stringify(state)).toBe(snapshot);
  });
});

describe('currentStages', () => {
  const stagesOf = (...events: Parameters<typeof given>) => foldJourney(given(...events)).currentStages;

  it('is empty before registration and when nothing is open', () => {
    expect(foldJourney([]).currentStages).toEqual([]);
    expect(stagesOf(registered())).toEqual([]);
  });

  it.each([
    [[], 'autism assessment: awaiting pre-assessment'],
    [[preAssessmentStarted('ref-1', '2024-02-10')], 'autism assessment: awaiting MDT triage'],
    [[triaged('ref-1', '2024-03-01', 'more-information-needed')], 'autism assessment: more information needed for MDT triage'],
    [[triaged('ref-1', '2024-03-01', 'accepted')], 'autism assessment: awaiting initial appointment'],
    [[triaged('ref-1', '2024-03-01', 'not-accepted')], 'autism assessment: not accepted at MDT triage'],
    [
      [triaged('ref-1', '2024-03-01'), initialAppointment('ref-1', '2024-09-01')],
      'autism assessment: assessment under way, awaiting diagnostic outcome',
    ],
  ])('names where an autism referral is (%#)', (steps, stage) => {
    expect(stagesOf(registered(), referralReceived('ref-1', '2024-02-01'), ...steps)).toEqual([stage]);
  });

  it('names other services by their waiting state, and drops closed referrals', () => {
    expect(
      stagesOf(
        registered(),
        referralReceived('ref-c', '2024-02-01', 'camhs'),
        referralReceived('ref-s', '2024-02-01', 'speech-and-language'),
        initialAppointment('ref-s', '2024-04-01'),
        referralReceived('ref-o', '2024-02-01', 'occupational-therapy'),
        referralClosed('ref-o', '2024-03-01', 'moved'),
      ),
    ).toEqual(['CAMHS: awaiting first appointment', 'speech and language therapy: seen']);
  });

  it('names the EHC stages and the active plan', () => {
    expect(stagesOf(registered(), ehcRequested('req-1', '2024-01-10'))).toEqual(['EHC needs assessment: awaiting decision to assess']);
    expect(stagesOf(registered(), ehcRequested('req-1', '2024-01-10'), decidedToAssess('req-1', '2024-02-14'))).toEqual([
      'EHC needs assessment: assessment under way',
    ]);
    expect(stagesOf(registered(), ...planIssued())).toEqual(['EHC plan: active']);
    expect(stagesOf(registered(), ...planIssued(), reviewMeeting('2025-04-01'))).toEqual([
      'EHC plan: active',
      'EHC plan: annual review meeting held, awaiting decision',
    ]);
    expect(stagesOf(registered(), ...planIssued(), reviewMeeting('2025-04-01'), reviewDecision('2025-04-20', 'amend'))).toEqual([
      'EHC plan: active',
      'EHC plan: awaiting amended plan',
    ]);
    expect(stagesOf(registered(), ...planIssued(), planCeased('2025-01-01'))).toEqual([]);
  });

  it('names an unoverturned exclusion and an open part-time timetable', () => {
    expect(stagesOf(registered(), excluded('pex-1', '2025-02-03', 'Oak Primary'), partTimeStarted('Elm Academy', '2025-03-03'))).toEqual([
      'permanently excluded from Oak Primary',
      'part-time timetable at Elm Academy',
    ]);
  });

  it('says only "case closed" once closed, and recomputes after a void', () => {
    const closed = given(registered(), ehcRequested('req-1', '2024-01-10'), caseClosed('2025-01-10'));
    expect(foldJourney(closed).currentStages).toEqual(['case closed']);
    expect(evolveAll(then(closed, voided('evt-2'))).currentStages).toEqual(['EHC needs assessment: awaiting decision to assess']);
  });
});
