import { schoolYearOf } from '@sj/domain';
import type { EventReactions } from './event-reactions';
import type { InclusionAlertRule } from './inclusion-alert-candidate';

/** Only an exclusion raises it, only an overturn withdraws it; a void undoes either. */
const REACTIONS: EventReactions = {
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
  SuspensionRecorded: 'ignored',
  SuspensionRescinded: 'ignored',
  PermanentExclusionRecorded: 'raises',
  PermanentExclusionOverturned: 'withdraws',
  PartTimeTimetableStarted: 'ignored',
  PartTimeTimetableEnded: 'ignored',
  EventVoided: 'raises-or-withdraws',
  CaseClosed: 'ignored',
};

/**
 * Every permanent exclusion that stands (not overturned, not voided) goes to the area's panel at
 * once (docs/domain-rules.md §6; DfE suspension and permanent exclusion guidance 2024).
 */
export const permanentExclusionRule: InclusionAlertRule = {
  rule: 'permanent-exclusion',
  reactsTo: REACTIONS,
  candidates: (view, child) =>
    view.permanentExclusions.map((exclusion) => ({
      schoolYear: schoolYearOf(exclusion.occurredOn),
      noLongerHolds: 'the exclusion no longer stands',
      decision: {
        alertId: `pex:${child.childId}:${exclusion.exclusionId}`,
        rule: 'permanent-exclusion',
        childId: child.childId,
        area: child.area,
        recipients: [`panel:${child.area}`],
        period: exclusion.occurredOn,
        facts: { exclusionId: exclusion.exclusionId, excludedOn: exclusion.occurredOn, schoolYear: schoolYearOf(exclusion.occurredOn) },
      },
    })),
};
