import type { Projection } from '../projection';

/**
 * Where each child's case sits: the filters (area, school, caseworker) every query joins on. No name, date of birth or
 * number: those stay only in the event log, encrypted with the child's key, and the pages that show them decrypt them
 * from the child's journey, so erasing the key (UK GDPR Art. 17) leaves nothing readable here to scrub.
 */
export const childrenProjection: Projection = {
  name: 'children',
  // v2: current_stages follows every event (v1 refreshed it only on registration, details and closure, so it went stale).
  // v3: the name and date of birth are no longer stored here in the clear (rebuilding drops the old table).
  version: 3,
  table: 'rm_children',
  columns: ['child_id', 'area', 'school', 'caseworker', 'registered_on', 'case_closed_on', 'current_stages'],
  schema: {
    sqlite: `
      CREATE TABLE IF NOT EXISTS rm_children (
        child_id TEXT PRIMARY KEY, area TEXT NOT NULL, school TEXT, caseworker TEXT, registered_on TEXT NOT NULL,
        case_closed_on TEXT, current_stages TEXT NOT NULL
      ) WITHOUT ROWID; -- clustered on child_id: the managers' queries look a child up for every candidate row
      CREATE INDEX IF NOT EXISTS rm_children_by_area ON rm_children (area, school, caseworker);
    `,
    postgres: `
      CREATE TABLE IF NOT EXISTS rm_children (
        child_id text COLLATE "C" PRIMARY KEY, area text COLLATE "C" NOT NULL, school text COLLATE "C", caseworker text COLLATE "C",
        registered_on text COLLATE "C" NOT NULL,
        case_closed_on text COLLATE "C", current_stages text NOT NULL
      );
      CREATE INDEX IF NOT EXISTS rm_children_by_area ON rm_children (area, school, caseworker);
    `,
  },
  // current_stages follows referrals, requests, plans, appeals, exclusions and part-time timetables as well as the child
  handles: {
    ChildRegistered: true,
    ChildDetailsChanged: true,
    ReferralReceived: true,
    PreAssessmentStarted: true,
    PreAssessmentInformationReceived: false,
    MdtTriageCompleted: true,
    InitialAppointmentHeld: true,
    DiagnosticOutcomeRecorded: true,
    ReferralClosed: true,
    EhcNeedsAssessmentRequested: true,
    DecisionToAssessMade: true,
    AdviceRequested: false,
    AdviceReceived: false,
    TimescaleExceptionRecorded: false,
    DecisionNotToIssuePlan: true,
    DraftPlanIssued: true,
    FinalPlanIssued: true,
    ReassessmentRequested: true,
    ReassessmentDecisionMade: true,
    PlacementNamed: false,
    PersonalBudgetAgreed: false,
    MediationRecorded: false,
    AppealLodged: true,
    AppealConceded: true,
    AppealDecided: true,
    AnnualReviewMeetingHeld: true,
    AnnualReviewDecisionMade: true,
    AmendedPlanIssued: true,
    PlanCeased: true,
    SuspensionRecorded: false,
    SuspensionRescinded: false,
    PermanentExclusionRecorded: true,
    PermanentExclusionOverturned: true,
    PartTimeTimetableStarted: true,
    PartTimeTimetableEnded: true,
    EventVoided: true,
    CaseClosed: true,
  },
  rowsFor: ({ childId, state }) => {
    const { child, caseClosed, currentStages } = state;
    if (!child) return [];
    return [
      {
        child_id: childId,
        area: child.area,
        school: child.school,
        caseworker: child.caseworker,
        registered_on: child.registeredOn,
        case_closed_on: caseClosed?.on ?? null,
        current_stages: JSON.stringify(currentStages),
      },
    ];
  },
};
