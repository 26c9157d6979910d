import { areaHistory, areaInHistoryOn, planTimelinessInputs } from '@sj/domain';
import type { Projection } from '../projection';

/**
 * Every final EHC plan with its request date and whether a reg 10(4) exception applied: the 20-week
 * report's input. area is where the child lived on the issue date (docs/domain-rules.md §6): the plan
 * counts in that area's report, even after a move.
 */
export const timelinessProjection: Projection = {
  name: 'timeliness',
  // v2: area of the issue date.
  version: 2,
  table: 'rm_final_plans',
  columns: ['child_id', 'request_id', 'received_on', 'final_issued_on', 'excepted', 'area'],
  schema: {
    sqlite: `
      CREATE TABLE IF NOT EXISTS rm_final_plans (
        child_id TEXT NOT NULL, request_id TEXT NOT NULL, received_on TEXT NOT NULL, final_issued_on TEXT NOT NULL,
        excepted INTEGER NOT NULL, area TEXT NOT NULL,
        PRIMARY KEY (child_id, request_id)
      );
      CREATE INDEX IF NOT EXISTS rm_final_plans_by_issue ON rm_final_plans (final_issued_on, area);
    `,
    postgres: `
      CREATE TABLE IF NOT EXISTS rm_final_plans (
        child_id text COLLATE "C" NOT NULL, request_id text COLLATE "C" NOT NULL, received_on text COLLATE "C" NOT NULL,
        final_issued_on text COLLATE "C" NOT NULL, excepted integer NOT NULL, area text COLLATE "C" NOT NULL,
        PRIMARY KEY (child_id, request_id)
      );
      CREATE INDEX IF NOT EXISTS rm_final_plans_by_issue ON rm_final_plans (final_issued_on, area);
    `,
  },
  // the area of the issue date comes from the registration and every move
  handles: {
    ChildRegistered: true,
    ChildDetailsChanged: true,
    ReferralReceived: false,
    PreAssessmentStarted: false,
    PreAssessmentInformationReceived: false,
    MdtTriageCompleted: false,
    InitialAppointmentHeld: false,
    DiagnosticOutcomeRecorded: false,
    ReferralClosed: false,
    EhcNeedsAssessmentRequested: true,
    DecisionToAssessMade: false,
    AdviceRequested: false,
    AdviceReceived: false,
    TimescaleExceptionRecorded: true,
    DecisionNotToIssuePlan: false,
    DraftPlanIssued: false,
    FinalPlanIssued: true,
    ReassessmentRequested: true,
    ReassessmentDecisionMade: false,
    PlacementNamed: false,
    PersonalBudgetAgreed: false,
    MediationRecorded: false,
    AppealLodged: false,
    AppealConceded: false,
    AppealDecided: false,
    AnnualReviewMeetingHeld: false,
    AnnualReviewDecisionMade: false,
    AmendedPlanIssued: false,
    PlanCeased: false,
    SuspensionRecorded: false,
    SuspensionRescinded: false,
    PermanentExclusionRecorded: false,
    PermanentExclusionOverturned: false,
    PartTimeTimetableStarted: false,
    PartTimeTimetableEnded: false,
    EventVoided: true,
    CaseClosed: false,
  },
  rowsFor: ({ childId, events }) => {
    const areas = areaHistory(events);
    // without a registration that counts there is no child to count the plan against
    if (areas.length === 0) return [];
    return planTimelinessInputs(events).map((plan) => ({
      child_id: childId,
      request_id: plan.requestId,
      received_on: plan.receivedOn,
      final_issued_on: plan.finalIssuedOn,
      excepted: plan.excepted ? 1 : 0,
      area: areaInHistoryOn(areas, plan.finalIssuedOn),
    }));
  },
};
