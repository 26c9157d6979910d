import { areaHistory, areaInHistoryOn, ehcRequestInputs, planTimelinessInputs } from '@sj/domain';
import { namesArea, type Projection } from '../projection';

/**
 * Every EHC needs assessment request (and re-assessment request): the yearly report's input. A request counts
 * in the year it was received, in the area the child lived in on that day (`received_area`), and as refused from
 * the date of a first decision not to assess or re-assess (`refused_on`). A request whose final plan was issued
 * carries the issue date, whether a reg 10(4) exception applied, and the area of the issue date (`issued_area`):
 * the plan counts in that area's 20-week figures, even after a move (docs/domain-rules.md §6).
 */
export const timelinessProjection: Projection = {
  name: 'timeliness',
  // v2: area of the issue date. v3: every request, with its refusal, so the report counts requests and refusals
  // (the table of final plans alone, rm_final_plans, is dropped). v4: an exception dated after the final plan
  // does not make the plan excepted.
  version: 4,
  table: 'rm_ehc_requests',
  columns: ['child_id', 'request_id', 'received_on', 'received_area', 'refused_on', 'final_issued_on', 'excepted', 'issued_area'],
  schema: {
    sqlite: `
      DROP TABLE IF EXISTS rm_final_plans;
      CREATE TABLE IF NOT EXISTS rm_ehc_requests (
        child_id TEXT NOT NULL, request_id TEXT NOT NULL, received_on TEXT NOT NULL, received_area TEXT NOT NULL, refused_on TEXT,
        final_issued_on TEXT, excepted INTEGER NOT NULL, issued_area TEXT,
        PRIMARY KEY (child_id, request_id)
      );
      CREATE INDEX IF NOT EXISTS rm_ehc_requests_by_issue ON rm_ehc_requests (final_issued_on, issued_area);
      CREATE INDEX IF NOT EXISTS rm_ehc_requests_by_receipt ON rm_ehc_requests (received_on, received_area, refused_on);
    `,
    postgres: `
      DROP TABLE IF EXISTS rm_final_plans;
      CREATE TABLE IF NOT EXISTS rm_ehc_requests (
        child_id text COLLATE "C" NOT NULL, request_id text COLLATE "C" NOT NULL, received_on text COLLATE "C" NOT NULL,
        received_area text COLLATE "C" NOT NULL, refused_on text COLLATE "C", final_issued_on text COLLATE "C",
        excepted integer NOT NULL, issued_area text COLLATE "C",
        PRIMARY KEY (child_id, request_id)
      );
      CREATE INDEX IF NOT EXISTS rm_ehc_requests_by_issue ON rm_ehc_requests (final_issued_on, issued_area);
      CREATE INDEX IF NOT EXISTS rm_ehc_requests_by_receipt ON rm_ehc_requests (received_on, received_area) INCLUDE (refused_on);
    `,
  },
  // the area of the issue date comes from the registration and every move (a change naming no area moves no one)
  handles: {
    ChildRegistered: true,
    ChildDetailsChanged: namesArea,
    ReferralReceived: false,
    PreAssessmentStarted: false,
    PreAssessmentInformationReceived: false,
    MdtTriageCompleted: false,
    InitialAppointmentHeld: false,
    DiagnosticOutcomeRecorded: false,
    ReferralClosed: false,
    EhcNeedsAssessmentRequested: true,
    DecisionToAssessMade: true,
    AdviceRequested: false,
    AdviceReceived: false,
    TimescaleExceptionRecorded: true,
    DecisionNotToIssuePlan: false,
    DraftPlanIssued: false,
    FinalPlanIssued: true,
    ReassessmentRequested: true,
    ReassessmentDecisionMade: true,
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
    // without a registration that counts there is no child to count the request against
    if (areas.length === 0) return [];
    const plans = new Map(planTimelinessInputs(events).map((plan) => [plan.requestId, plan]));
    return ehcRequestInputs(events).map((request) => {
      const plan = plans.get(request.requestId);
      return {
        child_id: childId,
        request_id: request.requestId,
        received_on: request.receivedOn,
        received_area: areaInHistoryOn(areas, request.receivedOn),
        refused_on: request.refusedOn,
        final_issued_on: plan?.finalIssuedOn ?? null,
        excepted: plan?.excepted === true ? 1 : 0,
        issued_area: plan === undefined ? null : areaInHistoryOn(areas, plan.finalIssuedOn),
      };
    });
  },
};
