import type { ClockName, JourneyEventType } from '@sj/domain';

/** Each clock as a caseworker would say it (the regulation it counts for in docs/domain-rules.md §4). */
export const CLOCK_WORDS: Readonly<Record<ClockName, string>> = {
  'decision-to-assess': 'Decision whether to assess',
  advice: 'Advice returned',
  'plan-decision': 'Decision whether to issue a plan',
  'final-plan': 'Final plan issued (20 weeks)',
  'reassessment-decision': 'Decision whether to reassess',
  'reassessment-final-plan': 'Final plan after reassessment',
  'appeal-compliance': 'Tribunal order carried out',
  'annual-review': 'Annual review meeting',
  'review-decision': 'Decision after the annual review',
  'amended-plan': 'Amended plan issued',
  'phase-transfer': 'Plan amended for the move to a new phase',
  'autism-assessment-start': 'Autism assessment started',
  'camhs-first-seen': 'First seen by CAMHS',
  'therapy-first-seen': 'First seen by therapy',
  'portage-first-seen': 'First seen by Portage',
};

/** A clock's status as a GOV.UK tag: its words and colour. */
export const STATUS_TAGS: Readonly<Record<string, { readonly text: string; readonly colour: string }>> = {
  breached: { text: 'Overdue', colour: 'govuk-tag--red' },
  'due-soon': { text: 'Due soon', colour: 'govuk-tag--orange' },
  running: { text: 'On track', colour: 'govuk-tag--green' },
  met: { text: 'Done in time', colour: 'govuk-tag--blue' },
  'met-late': { text: 'Done late', colour: 'govuk-tag--purple' },
  excepted: { text: 'Exception applies', colour: 'govuk-tag--grey' },
  closed: { text: 'Closed', colour: 'govuk-tag--grey' },
};

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "2026-03-12" as "12 March 2026", the GOV.UK style for dates. */
export function longDate(date: string): string {
  const [year, month, day] = date.split('-');
  return `${Number(day)} ${MONTHS[Number(month) - 1] ?? ''} ${year}`;
}

/** Each journey event as a caseworker would name it in a history or a list of next steps. */
export const EVENT_WORDS: Readonly<Record<JourneyEventType, string>> = {
  ChildRegistered: 'Child registered',
  ChildDetailsChanged: 'Details changed',
  ReferralReceived: 'Referral received',
  PreAssessmentStarted: 'Pre-assessment started',
  PreAssessmentInformationReceived: 'Pre-assessment information received',
  MdtTriageCompleted: 'Multi-disciplinary triage completed',
  InitialAppointmentHeld: 'Initial appointment held',
  DiagnosticOutcomeRecorded: 'Diagnostic outcome recorded',
  ReferralClosed: 'Referral closed',
  EhcNeedsAssessmentRequested: 'EHC needs assessment requested',
  DecisionToAssessMade: 'Decision whether to assess made',
  AdviceRequested: 'Advice requested',
  AdviceReceived: 'Advice received',
  TimescaleExceptionRecorded: 'Exception to the time limits recorded',
  DecisionNotToIssuePlan: 'Decided not to issue a plan',
  DraftPlanIssued: 'Draft plan issued',
  FinalPlanIssued: 'Final plan issued',
  ReassessmentRequested: 'Reassessment requested',
  ReassessmentDecisionMade: 'Decision whether to reassess made',
  PlacementNamed: 'Placement named',
  PersonalBudgetAgreed: 'Personal budget agreed',
  MediationRecorded: 'Mediation recorded',
  AppealLodged: 'Appeal lodged',
  AppealConceded: 'Appeal conceded',
  AppealDecided: 'Appeal decided',
  AnnualReviewMeetingHeld: 'Annual review meeting held',
  AnnualReviewDecisionMade: 'Decision after the annual review made',
  AmendedPlanIssued: 'Amended plan issued',
  PlanCeased: 'Plan ceased',
  SuspensionRecorded: 'Suspension recorded',
  SuspensionRescinded: 'Suspension withdrawn',
  PermanentExclusionRecorded: 'Permanent exclusion recorded',
  PermanentExclusionOverturned: 'Permanent exclusion overturned',
  PartTimeTimetableStarted: 'Part-time timetable started',
  PartTimeTimetableEnded: 'Part-time timetable ended',
  EventVoided: 'Entry voided',
  CaseClosed: 'Case closed',
};
