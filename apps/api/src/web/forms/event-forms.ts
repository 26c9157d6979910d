import type { JourneyEventType, NextStepKey } from '@sj/domain';
import {
  ADVICE_TYPE_WORDS,
  ANNUAL_REVIEW_DECISION_WORDS,
  APPEAL_GROUND_WORDS,
  APPEAL_OUTCOME_WORDS,
  BUDGET_KIND_WORDS,
  DECISION_TO_ASSESS_WORDS,
  DECISION_TO_REASSESS_WORDS,
  DIAGNOSTIC_OUTCOME_WORDS,
  ETHNICITY_WORDS,
  EXCLUSION_REASON_WORDS,
  INFORMATION_SOURCE_WORDS,
  MEDIATION_SUBJECT_WORDS,
  PLACEMENT_SETTING_WORDS,
  REFERRAL_SERVICE_WORDS,
  REFERRAL_SOURCE_WORDS,
  REQUESTER_WORDS,
  SEN_NEED_WORDS,
  SEX_WORDS,
  TIMESCALE_EXCEPTION_WORDS,
  TRIAGE_OUTCOME_WORDS,
} from './event-words';

/** How one question is asked; every kind reads and writes plain strings in the form. */
export type FieldKind =
  /** GOV.UK date input: `<name>-day`, `<name>-month`, `<name>-year`, combined into YYYY-MM-DD. */
  | { readonly kind: 'date' }
  | { readonly kind: 'text'; readonly width?: 10 | 20 | 30; readonly prefill?: 'school' | 'caseworker'; readonly spellcheck?: false }
  | { readonly kind: 'reason' }
  | { readonly kind: 'number'; readonly prefill?: string }
  | { readonly kind: 'choice'; readonly options: Readonly<Record<string, string>>; readonly style: 'radios' | 'select' }
  | { readonly kind: 'yes-no' }
  /** Something already recorded the step belongs to: offered as radios from the next-steps answer. */
  | { readonly kind: 'key'; readonly key: NextStepKey; readonly noun: string }
  /** A new reference for something this step starts, suggested when the form is first shown. */
  | { readonly kind: 'new-id'; readonly prefix: string }
  /** Ranked choices (first = most important), asked as one select per rank. */
  | { readonly kind: 'ranked'; readonly options: Readonly<Record<string, string>>; readonly ranks: readonly string[] }
  /** One of the person's areas (a select when they have a few, text for an administrator of every area). */
  | { readonly kind: 'area' };

export interface FormField {
  /** The event's data field, or `occurredOn`; also the input's name and id. */
  readonly name: string;
  readonly label: string;
  readonly hint?: string;
  readonly optional?: true;
  readonly ask: FieldKind;
}

export interface EventForm {
  readonly type: JourneyEventType;
  /** The page's heading, e.g. "Record a referral". */
  readonly title: string;
  /** What the banner on the child's page says once it is recorded. */
  readonly done: string;
  /** The question for `occurredOn`. */
  readonly when: string;
  readonly whenHint?: string;
  readonly fields: readonly FormField[];
  /** What the error summary says when the API refuses the answers taken together (its problem with `data` as a whole). */
  readonly whole?: { readonly field: string; readonly text: string };
}

const referral: FormField = {
  name: 'referralId',
  label: 'Which referral is this for?',
  ask: { kind: 'key', key: 'referralId', noun: 'Referral' },
};
const request: FormField = {
  name: 'requestId',
  label: 'Which request for an EHC needs assessment is this for?',
  ask: { kind: 'key', key: 'requestId', noun: 'Request' },
};
const optionalRequest: FormField = {
  name: 'requestId',
  label: 'Reference of the request it is about (optional)',
  hint: 'Leave empty if it is not about one request.',
  optional: true,
  ask: { kind: 'text', width: 20, spellcheck: false },
};
const reason = (label: string, hint?: string): FormField => ({
  name: 'reason',
  label,
  ...(hint !== undefined ? { hint } : {}),
  ask: { kind: 'reason' },
});
const newId = (name: string, label: string, prefix: string): FormField => ({
  name,
  label,
  hint: 'Keep the reference suggested, or use your service’s own. Later steps are recorded against it.',
  ask: { kind: 'new-id', prefix },
});
const radios = (options: Readonly<Record<string, string>>) => ({ kind: 'choice', options, style: 'radios' }) as const;
const select = (options: Readonly<Record<string, string>>) => ({ kind: 'choice', options, style: 'select' }) as const;
const school = (label: string): FormField => ({ name: 'school', label, ask: { kind: 'text', width: 30, prefill: 'school' } });

/**
 * One form per event type a caseworker records (docs/domain-rules.md §3): exactly that event's fields, asked
 * in a caseworker's words. Keyed by type, so a new event type does not compile until it has its form.
 */
export const EVENT_FORMS: Readonly<Record<Exclude<JourneyEventType, 'EventVoided'>, EventForm>> = {
  ChildRegistered: {
    type: 'ChildRegistered',
    title: 'Register a child',
    done: 'Child registered',
    when: 'Date the child was registered',
    whenHint: 'The date the service first became involved.',
    fields: [
      { name: 'givenName', label: 'First name', ask: { kind: 'text', width: 20 } },
      { name: 'familyName', label: 'Last name', ask: { kind: 'text', width: 20 } },
      { name: 'dateOfBirth', label: 'Date of birth', ask: { kind: 'date' } },
      { name: 'area', label: 'Area', hint: 'The council area responsible for the child.', ask: { kind: 'area' } },
      {
        name: 'nhsNumber',
        label: 'NHS number (optional)',
        hint: '10 digits, for example 943 476 5919. Leave empty if it is not known.',
        optional: true,
        ask: { kind: 'text', width: 10, spellcheck: false },
      },
      {
        name: 'upn',
        label: 'Unique pupil number (optional)',
        hint: '13 characters: a letter, 11 digits, then a digit or letter, for example A12345678901B.',
        optional: true,
        ask: { kind: 'text', width: 20, spellcheck: false },
      },
      { name: 'school', label: 'School or setting (optional)', optional: true, ask: { kind: 'text', width: 30 } },
      {
        name: 'caseworker',
        label: 'Caseworker (optional)',
        hint: 'The user id of the caseworker responsible, for example cw-42.',
        optional: true,
        ask: { kind: 'text', width: 20, prefill: 'caseworker', spellcheck: false },
      },
    ],
  },
  ChildDetailsChanged: {
    type: 'ChildDetailsChanged',
    title: "Change the child's details",
    done: 'Details changed',
    when: 'Date the change takes effect',
    whenHint: 'A change of area counts from this date: figures before it stay with the old area.',
    whole: { field: 'school', text: 'Change at least one detail: every answer is the same as what is recorded now' },
    fields: [
      { name: 'school', label: 'School or setting', optional: true, ask: { kind: 'text', width: 30 } },
      { name: 'area', label: 'Area', optional: true, ask: { kind: 'area' } },
      {
        name: 'caseworker',
        label: 'Caseworker',
        hint: 'The user id of the caseworker responsible, for example cw-42.',
        optional: true,
        ask: { kind: 'text', width: 20, spellcheck: false },
      },
      { name: 'sex', label: 'Sex', hint: 'As the SEN2 return records it.', optional: true, ask: radios(SEX_WORDS) },
      { name: 'ethnicity', label: 'Ethnicity', hint: 'As the school census records it.', optional: true, ask: select(ETHNICITY_WORDS) },
      { name: 'postcode', label: 'Postcode', hint: 'For example TA1 1AA.', optional: true, ask: { kind: 'text', width: 10, spellcheck: false } },
      {
        name: 'senNeeds',
        label: 'Special educational needs',
        hint: 'The primary need first. Leave the others empty if there is only one.',
        optional: true,
        ask: { kind: 'ranked', options: SEN_NEED_WORDS, ranks: ['Primary need', 'Secondary need', 'Third need'] },
      },
    ],
  },
  ReferralReceived: {
    type: 'ReferralReceived',
    title: 'Record a referral',
    done: 'Referral recorded',
    when: 'Date the referral was received',
    fields: [
      newId('referralId', 'Referral reference', 'ref'),
      { name: 'service', label: 'Which service is the referral to?', ask: radios(REFERRAL_SERVICE_WORDS) },
      { name: 'source', label: 'Who made the referral?', ask: radios(REFERRAL_SOURCE_WORDS) },
    ],
  },
  PreAssessmentStarted: {
    type: 'PreAssessmentStarted',
    title: 'Record that pre-assessment started',
    done: 'Pre-assessment start recorded',
    when: 'Date pre-assessment started',
    fields: [referral],
  },
  PreAssessmentInformationReceived: {
    type: 'PreAssessmentInformationReceived',
    title: 'Record pre-assessment information received',
    done: 'Pre-assessment information recorded',
    when: 'Date the information was received',
    fields: [referral, { name: 'from', label: 'Who sent the information?', ask: radios(INFORMATION_SOURCE_WORDS) }],
  },
  MdtTriageCompleted: {
    type: 'MdtTriageCompleted',
    title: 'Record the multi-disciplinary triage',
    done: 'Triage recorded',
    when: 'Date the triage was completed',
    fields: [referral, { name: 'outcome', label: 'What did the triage decide?', ask: radios(TRIAGE_OUTCOME_WORDS) }],
  },
  InitialAppointmentHeld: {
    type: 'InitialAppointmentHeld',
    title: 'Record the initial appointment',
    done: 'Initial appointment recorded',
    when: 'Date of the appointment',
    whenHint: 'For an autism referral, the diagnostic assessment starts here; for other services, the child is first seen.',
    fields: [referral],
  },
  DiagnosticOutcomeRecorded: {
    type: 'DiagnosticOutcomeRecorded',
    title: 'Record the diagnostic outcome',
    done: 'Diagnostic outcome recorded',
    when: 'Date of the outcome',
    fields: [referral, { name: 'outcome', label: 'What was the outcome?', ask: radios(DIAGNOSTIC_OUTCOME_WORDS) }],
  },
  ReferralClosed: {
    type: 'ReferralClosed',
    title: 'Close a referral',
    done: 'Referral closed',
    when: 'Date the referral was closed',
    fields: [referral, reason('Why was the referral closed?')],
  },
  EhcNeedsAssessmentRequested: {
    type: 'EhcNeedsAssessmentRequested',
    title: 'Record a request for an EHC needs assessment',
    done: 'Request for an EHC needs assessment recorded',
    when: 'Date the request was received',
    whenHint: 'The 6-week and 20-week time limits count from this date (reg 5(1) and reg 13(2)).',
    fields: [newId('requestId', 'Request reference', 'req'), { name: 'requestedBy', label: 'Who made the request?', ask: radios(REQUESTER_WORDS) }],
  },
  DecisionToAssessMade: {
    type: 'DecisionToAssessMade',
    title: 'Record the decision whether to assess',
    done: 'Decision whether to assess recorded',
    when: 'Date the decision was made',
    fields: [request, { name: 'decision', label: 'Will the council carry out an EHC needs assessment?', ask: radios(DECISION_TO_ASSESS_WORDS) }],
  },
  AdviceRequested: {
    type: 'AdviceRequested',
    title: 'Record a request for advice',
    done: 'Request for advice recorded',
    when: 'Date the advice was requested',
    whenHint: 'Advice is due back within 6 weeks (reg 8(1)).',
    fields: [
      request,
      newId('adviceId', 'Advice reference', 'adv'),
      { name: 'adviceType', label: 'What advice was requested?', ask: radios(ADVICE_TYPE_WORDS) },
    ],
  },
  AdviceReceived: {
    type: 'AdviceReceived',
    title: 'Record advice received',
    done: 'Advice received recorded',
    when: 'Date the advice was received',
    fields: [{ name: 'adviceId', label: 'Which advice was received?', ask: { kind: 'key', key: 'adviceId', noun: 'Advice' } }],
  },
  TimescaleExceptionRecorded: {
    type: 'TimescaleExceptionRecorded',
    title: 'Record an exception to the time limits',
    done: 'Exception to the time limits recorded',
    when: 'Date the exception applied from',
    fields: [request, { name: 'exception', label: 'Why do the time limits not apply?', ask: radios(TIMESCALE_EXCEPTION_WORDS) }],
  },
  DecisionNotToIssuePlan: {
    type: 'DecisionNotToIssuePlan',
    title: 'Record a decision not to issue a plan',
    done: 'Decision not to issue a plan recorded',
    when: 'Date of the decision',
    fields: [request],
  },
  DraftPlanIssued: {
    type: 'DraftPlanIssued',
    title: 'Record the draft plan',
    done: 'Draft plan recorded',
    when: 'Date the draft plan was issued',
    fields: [request],
  },
  FinalPlanIssued: {
    type: 'FinalPlanIssued',
    title: 'Record the final plan',
    done: 'Final plan recorded',
    when: 'Date the final plan was issued',
    whenHint: 'The final plan is due within 20 weeks of the request (reg 13(2)).',
    fields: [request, { name: 'placement', label: 'School or placement named in the plan', ask: { kind: 'text', width: 30, prefill: 'school' } }],
  },
  ReassessmentRequested: {
    type: 'ReassessmentRequested',
    title: 'Record a request for a reassessment',
    done: 'Request for a reassessment recorded',
    when: 'Date the request was received',
    fields: [newId('requestId', 'Request reference', 'req'), { name: 'requestedBy', label: 'Who made the request?', ask: radios(REQUESTER_WORDS) }],
  },
  ReassessmentDecisionMade: {
    type: 'ReassessmentDecisionMade',
    title: 'Record the decision whether to reassess',
    done: 'Decision whether to reassess recorded',
    when: 'Date the decision was made',
    fields: [request, { name: 'decision', label: 'Will the council reassess?', ask: radios(DECISION_TO_REASSESS_WORDS) }],
  },
  PlacementNamed: {
    type: 'PlacementNamed',
    title: 'Record a placement',
    whole: { field: 'urn', text: 'Give only one of a URN, a UKPRN or a kind of setting' },
    done: 'Placement recorded',
    when: 'Date the placement was named',
    fields: [
      newId('placementId', 'Placement reference', 'plc'),
      optionalRequest,
      {
        name: 'urn',
        label: "School's unique reference number (URN), if it is a school",
        hint: '6 digits. Give a URN, a UKPRN or a setting: only one.',
        optional: true,
        ask: { kind: 'text', width: 10, spellcheck: false },
      },
      {
        name: 'ukprn',
        label: "College's or provider's UK provider reference number (UKPRN), if it is one",
        hint: '8 digits.',
        optional: true,
        ask: { kind: 'text', width: 10, spellcheck: false },
      },
      { name: 'setting', label: 'Otherwise, what kind of setting?', optional: true, ask: select(PLACEMENT_SETTING_WORDS) },
      { name: 'startedOn', label: 'Date the placement starts', ask: { kind: 'date' } },
      { name: 'endedOn', label: 'Date the placement ends (optional)', optional: true, ask: { kind: 'date' } },
      { name: 'rank', label: 'Rank', hint: '1 for the main placement, 2 for the next, and so on.', ask: { kind: 'number', prefill: '1' } },
    ],
  },
  PersonalBudgetAgreed: {
    type: 'PersonalBudgetAgreed',
    title: 'Record a personal budget',
    done: 'Personal budget recorded',
    when: 'Date the budget was agreed',
    fields: [{ name: 'kind', label: 'How is the budget paid?', ask: radios(BUDGET_KIND_WORDS) }],
  },
  MediationRecorded: {
    type: 'MediationRecorded',
    title: 'Record mediation',
    done: 'Mediation recorded',
    when: 'Date of the mediation',
    fields: [
      newId('mediationId', 'Mediation reference', 'med'),
      { name: 'about', label: 'What was the mediation about?', ask: radios(MEDIATION_SUBJECT_WORDS) },
      optionalRequest,
    ],
  },
  AppealLodged: {
    type: 'AppealLodged',
    title: 'Record an appeal to the tribunal',
    done: 'Appeal recorded',
    when: 'Date the appeal was lodged',
    fields: [
      newId('appealId', 'Appeal reference', 'apl'),
      { name: 'against', label: 'What is the appeal against?', ask: radios(APPEAL_GROUND_WORDS) },
      optionalRequest,
    ],
  },
  AppealConceded: {
    type: 'AppealConceded',
    title: 'Record that the council conceded an appeal',
    done: 'Concession recorded',
    when: 'Date the council conceded',
    fields: [{ name: 'appealId', label: 'Which appeal?', ask: { kind: 'key', key: 'appealId', noun: 'Appeal' } }],
  },
  AppealDecided: {
    type: 'AppealDecided',
    title: "Record the tribunal's decision",
    done: 'Tribunal decision recorded',
    when: 'Date of the decision',
    fields: [
      { name: 'appealId', label: 'Which appeal?', ask: { kind: 'key', key: 'appealId', noun: 'Appeal' } },
      { name: 'outcome', label: 'What did the tribunal decide?', ask: radios(APPEAL_OUTCOME_WORDS) },
    ],
  },
  AnnualReviewMeetingHeld: {
    type: 'AnnualReviewMeetingHeld',
    title: 'Record the annual review meeting',
    done: 'Annual review meeting recorded',
    when: 'Date of the meeting',
    whenHint: 'The decision is due within 4 weeks of the meeting (reg 20).',
    fields: [],
  },
  AnnualReviewDecisionMade: {
    type: 'AnnualReviewDecisionMade',
    title: 'Record the decision after the annual review',
    done: 'Annual review decision recorded',
    when: 'Date the decision was sent',
    fields: [{ name: 'decision', label: 'What did the council decide?', ask: radios(ANNUAL_REVIEW_DECISION_WORDS) }],
  },
  AmendedPlanIssued: {
    type: 'AmendedPlanIssued',
    title: 'Record the amended plan',
    done: 'Amended plan recorded',
    when: 'Date the amended plan was issued',
    fields: [
      { name: 'placement', label: 'School or placement named in the plan', ask: { kind: 'text', width: 30, prefill: 'school' } },
      { name: 'phaseTransfer', label: 'Was it amended for a move to a new phase of education?', optional: true, ask: { kind: 'yes-no' } },
    ],
  },
  PlanCeased: {
    type: 'PlanCeased',
    title: 'Record that the plan ceased',
    done: 'End of the plan recorded',
    when: 'Date the plan ceased',
    fields: [reason('Why did the plan cease?', 'For example "moved to another local authority" or "needs met".')],
  },
  SuspensionRecorded: {
    type: 'SuspensionRecorded',
    title: 'Record a suspension',
    done: 'Suspension recorded',
    when: 'Date the suspension started',
    fields: [
      newId('suspensionId', 'Suspension reference', 'sus'),
      school('School that suspended the child'),
      {
        name: 'schoolDays',
        label: 'How many school days?',
        hint: 'In half days: a lunchtime counts as 0.5, for example 1 or 2.5.',
        ask: { kind: 'number' },
      },
      { name: 'reason', label: 'Reason for the suspension', ask: select(EXCLUSION_REASON_WORDS) },
    ],
  },
  SuspensionRescinded: {
    type: 'SuspensionRescinded',
    title: 'Record that a suspension was withdrawn',
    done: 'Suspension withdrawn',
    when: 'Date it was withdrawn',
    fields: [{ name: 'suspensionId', label: 'Which suspension?', ask: { kind: 'key', key: 'suspensionId', noun: 'Suspension' } }],
  },
  PermanentExclusionRecorded: {
    type: 'PermanentExclusionRecorded',
    title: 'Record a permanent exclusion',
    done: 'Permanent exclusion recorded',
    when: 'Date of the exclusion',
    fields: [
      newId('exclusionId', 'Exclusion reference', 'exc'),
      school('School that excluded the child'),
      { name: 'reason', label: 'Reason for the exclusion', ask: select(EXCLUSION_REASON_WORDS) },
    ],
  },
  PermanentExclusionOverturned: {
    type: 'PermanentExclusionOverturned',
    title: 'Record that a permanent exclusion was overturned',
    done: 'Overturned exclusion recorded',
    when: 'Date it was overturned',
    fields: [{ name: 'exclusionId', label: 'Which exclusion?', ask: { kind: 'key', key: 'exclusionId', noun: 'Exclusion' } }],
  },
  PartTimeTimetableStarted: {
    type: 'PartTimeTimetableStarted',
    title: 'Record a part-time timetable',
    done: 'Part-time timetable recorded',
    when: 'Date the part-time timetable started',
    fields: [school('School')],
  },
  PartTimeTimetableEnded: {
    type: 'PartTimeTimetableEnded',
    title: 'Record the end of a part-time timetable',
    done: 'End of the part-time timetable recorded',
    when: 'Date it ended',
    fields: [{ name: 'school', label: 'At which school?', ask: { kind: 'key', key: 'school', noun: 'School' } }],
  },
  CaseClosed: {
    type: 'CaseClosed',
    title: 'Close the case',
    done: 'Case closed',
    when: 'Date the case was closed',
    fields: [reason('Why is the case closing?')],
  },
};

/** The form of an event type named in a path, if it is one a caseworker records through a form. */
export function formOf(type: string): EventForm | undefined {
  return Object.prototype.hasOwnProperty.call(EVENT_FORMS, type) ? EVENT_FORMS[type as keyof typeof EVENT_FORMS] : undefined;
}
