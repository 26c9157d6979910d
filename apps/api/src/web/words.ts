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

/** What a child is waiting for while each clock runs, for "Waiting for … — due 12 March 2026". */
export const WAITING_FOR: Readonly<Record<ClockName, string>> = {
  'decision-to-assess': 'a decision whether to assess',
  advice: 'advice to come back',
  'plan-decision': 'a decision whether to issue a plan',
  'final-plan': 'the final plan',
  'reassessment-decision': 'a decision whether to reassess',
  'reassessment-final-plan': 'the final plan after reassessment',
  'appeal-compliance': "the Tribunal's order to be carried out",
  'annual-review': 'the annual review meeting',
  'review-decision': 'the decision after the annual review',
  'amended-plan': 'the amended plan',
  'phase-transfer': 'the plan to be amended for the move to a new phase',
  'autism-assessment-start': 'the autism assessment to start',
  'camhs-first-seen': 'a first appointment with CAMHS',
  'therapy-first-seen': 'a first therapy appointment',
  'portage-first-seen': 'a first Portage visit',
};

/** Recorded values whose plain words are not just the value with its hyphens taken out. */
const VALUE_WORDS: Readonly<Record<string, string>> = {
  gp: 'GP',
  camhs: 'CAMHS',
  'autism-assessment': 'autism assessment',
  'speech-and-language': 'speech and language therapy',
  'not-assess': 'not to assess',
  'not-reassess': 'not to reassess',
  'more-information-needed': 'more information needed',
  'exceptional-personal-circumstances': 'exceptional personal circumstances',
  'absent-from-area': 'absent from the area',
  'abuse-sexual-orientation-or-gender-identity': 'abuse about sexual orientation or gender identity',
  'abuse-relating-to-disability': 'abuse relating to disability',
  'drug-and-alcohol': 'drugs and alcohol',
  'online-misuse': 'misuse of technology',
  'organised-arrangements': 'arrangements organised by the council',
  'refusal-to-assess': 'the refusal to assess',
  'refusal-to-reassess': 'the refusal to reassess',
  'refusal-to-issue': 'the refusal to issue a plan',
  'plan-contents': "the plan's contents",
  'refusal-to-amend': 'the refusal to amend the plan',
  cease: 'the decision to cease the plan',
  'autism-diagnosed': 'autism diagnosed',
  'not-diagnosed': 'autism not diagnosed',
  'early-years-setting': 'early years setting',
  'young-person': 'the young person',
};

/** A recorded value (a vocabulary slug such as `persistent-disruptive-behaviour`) as words: "persistent disruptive behaviour". */
export function valueWords(value: string): string {
  return VALUE_WORDS[value] ?? value.replace(/-/g, ' ');
}

/** The first letter in capitals, for a value that starts a sentence or a cell. */
export function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

const TIME = new Intl.DateTimeFormat('en-GB', { hour: 'numeric', minute: '2-digit', hourCycle: 'h12', timeZone: 'Europe/London' });
const LONDON_DAY = new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: 'Europe/London' });

/** An instant as a person in England reads it: "12 March 2026 at 2:05pm" (GOV.UK style, UK time). */
export function longDateTime(instant: string): string {
  const at = new Date(instant);
  if (Number.isNaN(at.getTime())) return instant;
  return `${longDate(LONDON_DAY.format(at))} at ${TIME.format(at).replace(/\s/g, '').toLowerCase()}`;
}

/** A school year as it is written: 2024 is "2024 to 2025". */
export function schoolYearWords(schoolYear: number): string {
  return `${schoolYear} to ${schoolYear + 1}`;
}

/** "1 child", "3 children": a count and its noun. */
export function counted(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;
}

/** Each alert as the people it goes to would name it (docs/domain-rules.md §6 and the daily clock sweep). */
export const ALERT_RULE_WORDS: Readonly<Record<string, string>> = {
  'area-inclusion-discussion': 'Area Inclusion Discussion',
  'permanent-exclusion': 'Permanent exclusion',
  'term-suspension-days': 'Over 15 days suspended in a term',
  'year-suspension-days': 'Over 45 days suspended in a year',
  'sixth-day-provision': 'Education from the sixth day',
  'clock-due-soon': 'Clock due soon',
  'clock-breached': 'Clock overdue',
};
