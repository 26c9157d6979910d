import { schoolYearOf } from '@sj/domain';
import type { Recipient } from './alert-decision';
import type { EventReactions } from './event-reactions';
import type { AlertChild, InclusionAlertRule } from './inclusion-alert-candidate';

/** A suspension or an exclusion raises it; a rescission or an overturn withdraws it; a void undoes either. */
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
  SuspensionRecorded: 'raises',
  SuspensionRescinded: 'withdraws',
  PermanentExclusionRecorded: 'raises',
  PermanentExclusionOverturned: 'withdraws',
  PartTimeTimetableStarted: 'ignored',
  PartTimeTimetableEnded: 'ignored',
  EventVoided: 'raises-or-withdraws',
  CaseClosed: 'ignored',
};

/** The child's caseworker arranges the provision; with none, the area's managers must see it is done. */
function dutyHolderOf(child: AlertChild): Recipient {
  return child.caseworker !== null ? `caseworker:${child.caseworker}` : `managers:${child.area}`;
}

/**
 * The sixth-day duty (docs/domain-rules.md §6): a suspension of more than 5 school days needs
 * full-time education from the sixth school day (Education and Inspections Act 2006 s.100), and a
 * permanently excluded pupil is owed it by the LA from the sixth day (Education Act 1996 s.19; the
 * Education (Provision of Full-Time Education for Excluded Pupils) (England) Regulations 2007). One
 * alert per suspension or exclusion, to the child's caseworker.
 */
export const sixthDayProvisionRule: InclusionAlertRule = {
  rule: 'sixth-day-provision',
  reactsTo: REACTIONS,
  candidates: (view, child) => [
    ...view.suspensions
      .filter((suspension) => suspension.sixthDayProvision)
      .map((suspension) => ({
        schoolYear: suspension.schoolYear,
        noLongerHolds: 'no sixth-day provision is needed',
        decision: {
          alertId: `sixth-day:${child.childId}:suspension:${suspension.suspensionId}`,
          rule: 'sixth-day-provision' as const,
          childId: child.childId,
          area: child.area,
          recipients: [dutyHolderOf(child)],
          period: suspension.occurredOn,
          facts: {
            suspensionId: suspension.suspensionId,
            suspendedOn: suspension.occurredOn,
            schoolDays: suspension.schoolDays,
            schoolYear: suspension.schoolYear,
          },
        },
      })),
    ...view.permanentExclusions.map((exclusion) => {
      const schoolYear = schoolYearOf(exclusion.occurredOn);
      return {
        schoolYear,
        noLongerHolds: 'no sixth-day provision is owed',
        decision: {
          alertId: `sixth-day:${child.childId}:exclusion:${exclusion.exclusionId}`,
          rule: 'sixth-day-provision' as const,
          childId: child.childId,
          area: child.area,
          recipients: [dutyHolderOf(child)],
          period: exclusion.occurredOn,
          facts: { exclusionId: exclusion.exclusionId, excludedOn: exclusion.occurredOn, schoolYear },
        },
      };
    }),
  ],
};
