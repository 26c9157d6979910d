import type { JourneyEventOf, JourneyEventType } from '@sj/domain';

/** An example body for one event type, its `data` typed by the domain so an example cannot drift from it. */
export interface EventExample<T extends JourneyEventType = JourneyEventType> {
  readonly summary: string;
  readonly value: { readonly type: T; readonly occurredOn: string; readonly data?: JourneyEventOf<T>['data']; readonly eventId?: string };
}

/**
 * One request body per event type of docs/domain-rules.md §3, shown in /docs. Together they tell one child's
 * journey: recorded in date order (ties in the order below), each is accepted by the validation pipe and the
 * order rules, which a test checks, so an example that stops being accepted fails the build rather than
 * misleading a reader. Typed by event type so a new type without an example does not compile.
 */
export const EVENT_EXAMPLES: { readonly [T in JourneyEventType]: EventExample<T> } = {
  ChildRegistered: {
    summary: 'register a child (before anything else)',
    value: {
      type: 'ChildRegistered',
      occurredOn: '2025-01-06',
      data: {
        givenName: 'Ada',
        familyName: 'Example',
        dateOfBirth: '2016-03-14',
        area: 'north',
        nhsNumber: '9434765919',
        upn: 'A12345678901B',
        school: 'Oakfield Primary',
        caseworker: 'cw-42',
      },
    },
  },
  ChildDetailsChanged: {
    summary:
      'change school, area or caseworker, or record what the SEN2 return needs (sex, ethnicity, postcode, SEN needs with the primary need first)',
    value: {
      type: 'ChildDetailsChanged',
      occurredOn: '2025-02-01',
      data: { caseworker: 'cw-7', sex: 'female', ethnicity: 'WBRI', postcode: 'TA1 1AA', senNeeds: ['ASD', 'SLCN'] },
    },
  },
  ReferralReceived: {
    summary: 'a referral (starts the autism, CAMHS or therapy clock)',
    value: { type: 'ReferralReceived', occurredOn: '2025-01-20', data: { referralId: 'asd-1', service: 'autism-assessment', source: 'school' } },
  },
  PreAssessmentStarted: {
    summary: 'ASD pathway: pre-assessment starts',
    value: { type: 'PreAssessmentStarted', occurredOn: '2025-02-03', data: { referralId: 'asd-1' } },
  },
  PreAssessmentInformationReceived: {
    summary: 'ASD pathway: information from a professional',
    value: {
      type: 'PreAssessmentInformationReceived',
      occurredOn: '2025-02-17',
      eventId: '0d9e4a7c-5b1f-4e38-8c2a-6f3b9d1e7a24',
      data: { referralId: 'asd-1', from: 'school' },
    },
  },
  MdtTriageCompleted: {
    summary: 'ASD pathway: MDT triage',
    value: { type: 'MdtTriageCompleted', occurredOn: '2025-03-03', data: { referralId: 'asd-1', outcome: 'accepted' } },
  },
  InitialAppointmentHeld: {
    summary: 'first seen (stops the waiting clock)',
    value: { type: 'InitialAppointmentHeld', occurredOn: '2025-04-07', data: { referralId: 'asd-1' } },
  },
  DiagnosticOutcomeRecorded: {
    summary: 'ASD pathway: diagnostic outcome',
    value: { type: 'DiagnosticOutcomeRecorded', occurredOn: '2025-05-12', data: { referralId: 'asd-1', outcome: 'autism-diagnosed' } },
  },
  ReferralClosed: {
    summary: 'close a referral',
    value: {
      type: 'ReferralClosed',
      occurredOn: '2025-05-19',
      data: { referralId: 'asd-1', reason: 'Assessment complete; family signposted to support' },
    },
  },
  EhcNeedsAssessmentRequested: {
    summary: 'the LA receives an EHC needs assessment request (starts the 6-, 16- and 20-week clocks)',
    value: { type: 'EhcNeedsAssessmentRequested', occurredOn: '2025-01-13', data: { requestId: 'req-1', requestedBy: 'parent' } },
  },
  DecisionToAssessMade: {
    summary: 'decision whether to assess (6 weeks)',
    value: { type: 'DecisionToAssessMade', occurredOn: '2025-02-20', data: { requestId: 'req-1', decision: 'assess' } },
  },
  AdviceRequested: {
    summary: 'advice requested (starts a 6-week advice clock)',
    value: {
      type: 'AdviceRequested',
      occurredOn: '2025-02-24',
      data: { requestId: 'req-1', adviceId: 'ep-1', adviceType: 'educational-psychology' },
    },
  },
  AdviceReceived: {
    summary: 'advice received',
    value: { type: 'AdviceReceived', occurredOn: '2025-03-31', data: { requestId: 'req-1', adviceId: 'ep-1' } },
  },
  TimescaleExceptionRecorded: {
    summary: 'a reg 10(4) exception (the 6-, 16- and 20-week limits no longer apply)',
    value: {
      type: 'TimescaleExceptionRecorded',
      occurredOn: '2025-03-10',
      data: { requestId: 'req-1', exception: 'exceptional-personal-circumstances' },
    },
  },
  DecisionNotToIssuePlan: {
    summary: 'decision not to issue a plan after an assessment or a re-assessment (16 weeks)',
    value: { type: 'DecisionNotToIssuePlan', occurredOn: '2026-01-05', data: { requestId: 'req-2' } },
  },
  DraftPlanIssued: {
    summary: 'draft plan issued (16 weeks)',
    value: { type: 'DraftPlanIssued', occurredOn: '2025-04-28', data: { requestId: 'req-1' } },
  },
  FinalPlanIssued: {
    summary: 'final plan issued (20 weeks); at least 15 days after the draft',
    value: { type: 'FinalPlanIssued', occurredOn: '2025-05-26', data: { requestId: 'req-1', placement: 'Oakfield Primary' } },
  },
  ReassessmentRequested: {
    summary: 'a request to re-assess a child who has a plan (reg 24)',
    value: { type: 'ReassessmentRequested', occurredOn: '2025-09-15', data: { requestId: 'req-2', requestedBy: 'social-care' } },
  },
  ReassessmentDecisionMade: {
    summary: 'decision whether to re-assess',
    value: { type: 'ReassessmentDecisionMade', occurredOn: '2025-09-29', data: { requestId: 'req-2', decision: 'reassess' } },
  },
  PlacementNamed: {
    summary: 'the school, college or setting a plan names: a URN, a UKPRN or an SEN2 setting code (rank 1 = main placement)',
    value: {
      type: 'PlacementNamed',
      occurredOn: '2025-05-26',
      data: { placementId: 'place-1', requestId: 'req-1', urn: '123456', startedOn: '2025-06-02', rank: 1 },
    },
  },
  PersonalBudgetAgreed: {
    summary: 'a personal budget agreed for the plan',
    value: { type: 'PersonalBudgetAgreed', occurredOn: '2025-06-16', data: { kind: 'direct-payments' } },
  },
  MediationRecorded: {
    summary: 'mediation took place (before an appeal to the Tribunal)',
    value: { type: 'MediationRecorded', occurredOn: '2026-01-26', data: { mediationId: 'med-1', about: 'assessment', requestId: 'req-2' } },
  },
  AppealLodged: {
    summary: 'an appeal lodged with the First-tier Tribunal (SEND)',
    value: { type: 'AppealLodged', occurredOn: '2026-02-09', data: { appealId: 'appeal-1', against: 'refusal-to-issue', requestId: 'req-2' } },
  },
  AppealConceded: {
    summary: 'the LA will not oppose the appeal (reg 45): the request goes back to its next step',
    value: { type: 'AppealConceded', occurredOn: '2026-03-02', data: { appealId: 'appeal-1' } },
  },
  AppealDecided: {
    summary: "the Tribunal's decision",
    value: { type: 'AppealDecided', occurredOn: '2026-03-23', data: { appealId: 'appeal-1', outcome: 'upheld' } },
  },
  AnnualReviewMeetingHeld: { summary: 'annual review meeting (no data)', value: { type: 'AnnualReviewMeetingHeld', occurredOn: '2026-04-20' } },
  AnnualReviewDecisionMade: {
    summary: "the LA's review decision (4 weeks after the meeting)",
    value: { type: 'AnnualReviewDecisionMade', occurredOn: '2026-05-11', data: { decision: 'amend' } },
  },
  AmendedPlanIssued: {
    summary: 'amended plan issued (8 weeks after an amend decision)',
    value: { type: 'AmendedPlanIssued', occurredOn: '2026-06-22', data: { placement: 'Hillside Academy', phaseTransfer: true } },
  },
  PlanCeased: {
    summary: 'the plan ceases',
    value: { type: 'PlanCeased', occurredOn: '2026-07-20', data: { reason: 'Needs now met through SEN support' } },
  },
  SuspensionRecorded: {
    summary: 'a suspension (the third in a school year alerts the area panel)',
    value: {
      type: 'SuspensionRecorded',
      occurredOn: '2025-02-03',
      eventId: '6f1c2b9e-2d4a-4c55-9a43-0b7f3e1d2c10',
      data: { suspensionId: 'susp-1', school: 'Oakfield Primary', schoolDays: 2.5, reason: 'persistent-disruptive-behaviour' },
    },
  },
  SuspensionRescinded: {
    summary: 'a suspension withdrawn or the pupil reinstated',
    value: { type: 'SuspensionRescinded', occurredOn: '2025-02-10', data: { suspensionId: 'susp-1' } },
  },
  PermanentExclusionRecorded: {
    summary: 'a permanent exclusion (alerts the area panel at once)',
    value: {
      type: 'PermanentExclusionRecorded',
      occurredOn: '2025-03-14',
      data: { exclusionId: 'pex-1', school: 'Oakfield Primary', reason: 'physical-assault-against-adult' },
    },
  },
  PermanentExclusionOverturned: {
    summary: 'an exclusion overturned',
    value: { type: 'PermanentExclusionOverturned', occurredOn: '2025-04-01', data: { exclusionId: 'pex-1' } },
  },
  PartTimeTimetableStarted: {
    summary: 'a part-time timetable starts',
    value: { type: 'PartTimeTimetableStarted', occurredOn: '2025-04-22', data: { school: 'Oakfield Primary' } },
  },
  PartTimeTimetableEnded: {
    summary: 'a part-time timetable ends',
    value: { type: 'PartTimeTimetableEnded', occurredOn: '2025-05-20', data: { school: 'Oakfield Primary' } },
  },
  EventVoided: {
    summary: 'void an event recorded in error (it stays in history, counted nowhere)',
    value: {
      type: 'EventVoided',
      occurredOn: '2025-02-18',
      data: { eventId: '0d9e4a7c-5b1f-4e38-8c2a-6f3b9d1e7a24', reason: 'Recorded against the wrong child' },
    },
  },
  CaseClosed: {
    summary: 'close the case (only EventVoided may follow)',
    value: { type: 'CaseClosed', occurredOn: '2026-08-31', data: { reason: 'Moved out of the local area' } },
  },
};
