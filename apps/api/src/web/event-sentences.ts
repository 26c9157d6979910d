import type { JourneyEvent, JourneyEventType } from '@sj/domain';
import { capitalised, EVENT_WORDS, longDate, valueWords } from './words';

type DataOf<T extends JourneyEventType> = Extract<JourneyEvent, { type: T }>['data'];
type Sentences = { readonly [T in JourneyEventType]: (data: DataOf<T>, person: (sub: string) => string) => string };

const days = (n: number): string => `${n} school ${n === 1 ? 'day' : 'days'}`;

/**
 * Each entry of a child's history as a sentence a caseworker would write in the file: what happened, with the
 * values recorded in words (never the field names). Personal data (names, dates of birth, numbers) is left out,
 * so the history can be shown to everyone who may open the child's page.
 */
const SENTENCES: Sentences = {
  ChildRegistered: (d, person) =>
    d.erased === true
      ? 'Child registered (personal details since erased)'
      : `Child registered in ${d.area}${d.school !== undefined ? `, at ${d.school}` : ''}${d.caseworker !== undefined ? `, with caseworker ${person(d.caseworker)}` : ''}`,
  ChildDetailsChanged: (d, person) => {
    const changes = [
      d.area !== undefined ? `moved to ${d.area}` : null,
      d.school !== undefined ? `school now ${d.school}` : null,
      d.caseworker !== undefined ? `caseworker now ${person(d.caseworker)}` : null,
      d.sex !== undefined || d.ethnicity !== undefined || d.postcode !== undefined ? 'personal details updated' : null,
      d.senNeeds !== undefined ? `special educational needs recorded (${d.senNeeds.join(', ')})` : null,
    ].filter((c): c is string => c !== null);
    return `Details changed: ${changes.join('; ') || 'nothing named'}`;
  },
  ReferralReceived: (d) => `Referral for ${valueWords(d.service)} received from ${valueWords(d.source)}`,
  PreAssessmentStarted: () => 'Pre-assessment started',
  PreAssessmentInformationReceived: (d) => `Pre-assessment information received from ${valueWords(d.from)}`,
  MdtTriageCompleted: (d) => `Multi-disciplinary triage completed: ${valueWords(d.outcome)}`,
  InitialAppointmentHeld: () => 'Initial appointment held',
  DiagnosticOutcomeRecorded: (d) => `Diagnostic outcome recorded: ${valueWords(d.outcome)}`,
  ReferralClosed: (d) => `Referral closed: ${d.reason}`,
  EhcNeedsAssessmentRequested: (d) => `EHC needs assessment requested by ${valueWords(d.requestedBy)}`,
  DecisionToAssessMade: (d) =>
    d.decision === 'assess' ? 'Decided to carry out an EHC needs assessment' : 'Decided not to carry out an EHC needs assessment',
  AdviceRequested: (d) => `${capitalised(valueWords(d.adviceType))} advice requested`,
  AdviceReceived: () => 'Advice received',
  TimescaleExceptionRecorded: (d) => `Exception to the time limits recorded: ${valueWords(d.exception)}`,
  DecisionNotToIssuePlan: () => 'Decided not to issue an EHC plan',
  DraftPlanIssued: () => 'Draft EHC plan issued',
  FinalPlanIssued: (d) => `Final EHC plan issued, naming ${d.placement}`,
  ReassessmentRequested: (d) => `Reassessment requested by ${valueWords(d.requestedBy)}`,
  ReassessmentDecisionMade: (d) => (d.decision === 'reassess' ? 'Decided to reassess' : 'Decided not to reassess'),
  PlacementNamed: (d) =>
    `Placement named from ${longDate(d.startedOn)}${d.endedOn !== undefined ? ` to ${longDate(d.endedOn)}` : ''}${d.rank === 1 ? ' (main placement)' : ''}`,
  PersonalBudgetAgreed: (d) => `Personal budget agreed: ${valueWords(d.kind)}`,
  MediationRecorded: (d) => `Mediation recorded about the ${valueWords(d.about)}`,
  AppealLodged: (d) => `Appeal to the Tribunal lodged against ${valueWords(d.against)}`,
  AppealConceded: () => 'Appeal conceded by the council',
  AppealDecided: (d) => `Appeal decided: ${valueWords(d.outcome)}`,
  AnnualReviewMeetingHeld: () => 'Annual review meeting held',
  AnnualReviewDecisionMade: (d) => `Decided after the annual review to ${d.decision} the plan`,
  AmendedPlanIssued: (d) => `Amended plan issued, naming ${d.placement}${d.phaseTransfer === true ? ', for the move to a new phase' : ''}`,
  PlanCeased: (d) => `Plan ceased: ${d.reason}`,
  SuspensionRecorded: (d) => `Suspended from ${d.school} for ${days(d.schoolDays)} (${valueWords(d.reason)})`,
  SuspensionRescinded: () => 'Suspension withdrawn by the school',
  PermanentExclusionRecorded: (d) => `Permanently excluded from ${d.school} (${valueWords(d.reason)})`,
  PermanentExclusionOverturned: () => 'Permanent exclusion overturned',
  PartTimeTimetableStarted: (d) => `Part-time timetable started at ${d.school}`,
  PartTimeTimetableEnded: (d) => `Part-time timetable ended at ${d.school}`,
  EventVoided: (d) => `An entry was voided: ${d.reason}`,
  CaseClosed: (d) => `Case closed: ${d.reason}`,
};

/**
 * One history entry in words, people named by `person` (from a user id); a type this release no longer records
 * is named as it was stored.
 */
export function eventSentence(type: string, data: unknown, person: (sub: string) => string = (sub) => sub): string {
  const sentence = (SENTENCES as Readonly<Record<string, ((data: never, person: (sub: string) => string) => string) | undefined>>)[type];
  if (sentence === undefined || typeof data !== 'object' || data === null)
    return (EVENT_WORDS as Readonly<Record<string, string | undefined>>)[type] ?? type;
  return sentence(data as never, person);
}
