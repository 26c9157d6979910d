import type { EventReactions } from './event-reactions';

/**
 * The rules judged on counted suspensions (the trigger, term and year totals): only a suspension can
 * make them hold, only a rescission can make them stop, and a void can do either (voiding a
 * suspension takes it away; voiding a rescission brings it back). Nothing else changes what counts.
 */
export const COUNTED_SUSPENSIONS_REACTIONS: EventReactions = {
  ChildRegistered: 'ignored',
  ChildDetailsChanged: 'ignored',
  ReferralReceived: 'ignored',
  PreAssessmentStarted: 'ignored',
  PreAssessmentInformationReceived: 'ignored',
  MdtTriageCompleted: 'ignored',
  InitialAppointmentHeld: 'ignored',
  DiagnosticOutcomeRecorded: 'ignored',
  ReferralClosed: 'ignored',
  EhcNeedsAssessmentRequested: 'ignored',
  DecisionToAssessMade: 'ignored',
  AdviceRequested: 'ignored',
  AdviceReceived: 'ignored',
  TimescaleExceptionRecorded: 'ignored',
  DecisionNotToIssuePlan: 'ignored',
  DraftPlanIssued: 'ignored',
  FinalPlanIssued: 'ignored',
  ReassessmentRequested: 'ignored',
  ReassessmentDecisionMade: 'ignored',
  PlacementNamed: 'ignored',
  PersonalBudgetAgreed: 'ignored',
  MediationRecorded: 'ignored',
  AppealLodged: 'ignored',
  AppealConceded: 'ignored',
  AppealDecided: 'ignored',
  AnnualReviewMeetingHeld: 'ignored',
  AnnualReviewDecisionMade: 'ignored',
  AmendedPlanIssued: 'ignored',
  PlanCeased: 'ignored',
  SuspensionRecorded: 'raises',
  SuspensionRescinded: 'withdraws',
  PermanentExclusionRecorded: 'ignored',
  PermanentExclusionOverturned: 'ignored',
  PartTimeTimetableStarted: 'ignored',
  PartTimeTimetableEnded: 'ignored',
  EventVoided: 'raises-or-withdraws',
  CaseClosed: 'ignored',
};
