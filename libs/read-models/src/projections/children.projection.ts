import { foldJourney } from '@sj/domain';
import type { Projection } from '../projection';

/**
 * Children whose personal data was erased (written by the API at erasure, kept across rebuilds), and a
 * trigger that nulls their personal columns whatever writes the row: the worker may be projecting a batch,
 * or hold the child's decrypted stream in its cache, at the moment of erasure (UK GDPR Art. 17). In PostgreSQL
 * the table and the trigger's function are the read models' first migration; the trigger is created with the table.
 */
export const ERASED_CHILDREN_SCHEMA = `
    CREATE TABLE IF NOT EXISTS rm_erased_children (child_id TEXT PRIMARY KEY, erased_at TEXT NOT NULL) WITHOUT ROWID;
    CREATE TRIGGER IF NOT EXISTS rm_children_stay_erased AFTER INSERT ON rm_children
      WHEN EXISTS (SELECT 1 FROM rm_erased_children e WHERE e.child_id = NEW.child_id)
      BEGIN UPDATE rm_children SET given_name = NULL, family_name = NULL, date_of_birth = NULL WHERE child_id = NEW.child_id; END;
`;

/** Who each child is and where their case sits: the filters (area, school, caseworker) every query joins on. */
export const childrenProjection: Projection = {
  name: 'children',
  // v2: current_stages follows every event (v1 refreshed it only on registration, details and closure, so it went stale).
  version: 2,
  table: 'rm_children',
  columns: [
    'child_id',
    'area',
    'school',
    'caseworker',
    'given_name',
    'family_name',
    'date_of_birth',
    'registered_on',
    'case_closed_on',
    'current_stages',
  ],
  schema: {
    sqlite: `
      CREATE TABLE IF NOT EXISTS rm_children (
        child_id TEXT PRIMARY KEY, area TEXT NOT NULL, school TEXT, caseworker TEXT,
        given_name TEXT, family_name TEXT, date_of_birth TEXT, registered_on TEXT NOT NULL,
        case_closed_on TEXT, current_stages TEXT NOT NULL
      ) WITHOUT ROWID; -- clustered on child_id: the managers' queries look a child up for every candidate row
      CREATE INDEX IF NOT EXISTS rm_children_by_area ON rm_children (area, school, caseworker);
      ${ERASED_CHILDREN_SCHEMA}
    `,
    postgres: `
      CREATE TABLE IF NOT EXISTS rm_children (
        child_id text COLLATE "C" PRIMARY KEY, area text COLLATE "C" NOT NULL, school text COLLATE "C", caseworker text COLLATE "C",
        given_name text, family_name text, date_of_birth text COLLATE "C", registered_on text COLLATE "C" NOT NULL,
        case_closed_on text COLLATE "C", current_stages text NOT NULL
      );
      CREATE INDEX IF NOT EXISTS rm_children_by_area ON rm_children (area, school, caseworker);
      -- before the row is written, so an erased child's name never reaches the table (or its write-ahead log)
      DROP TRIGGER IF EXISTS rm_children_stay_erased ON rm_children;
      CREATE TRIGGER rm_children_stay_erased BEFORE INSERT OR UPDATE ON rm_children
        FOR EACH ROW EXECUTE FUNCTION rm_keep_erased_child_erased();
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
  rowsFor: ({ childId, events }) => {
    const { child, caseClosed, currentStages } = foldJourney(events);
    if (!child) return [];
    return [
      {
        child_id: childId,
        area: child.area,
        school: child.school,
        caseworker: child.caseworker,
        given_name: child.givenName,
        family_name: child.familyName,
        date_of_birth: child.dateOfBirth,
        registered_on: child.registeredOn,
        case_closed_on: caseClosed?.on ?? null,
        current_stages: JSON.stringify(currentStages),
      },
    ];
  },
};
