import { areaHistory, areaInHistoryOn, DEFAULT_INCLUSION_CONFIG, inclusionHistory, schoolYearOf, type InclusionConfig } from '@sj/domain';
import { namesArea, type Projection, type ProjectionRow } from '../projection';

/**
 * Per child, every suspension and permanent exclusion recorded (voided ones never), each with the
 * date it was rescinded or overturned, from the domain's `inclusionHistory`. The suspensions query
 * judges them as of any date with the domain's `countsAsOf` and `summariseSchoolYears`, so the
 * figures equal `computeInclusion(events, config, asOf)` for every `asOf`.
 *
 * kind 'suspension': term, school_days set; ended_on = rescinded on. kind 'exclusion': term and
 * school_days null; ended_on = overturned on. revision (the recording event's stream revision)
 * breaks ties between records of the same date, as the domain orders them. area is where the child
 * lived on the day of the suspension or exclusion (docs/domain-rules.md §6): it counts there, even
 * after a move.
 */
export function suspensionsProjection(config: InclusionConfig = DEFAULT_INCLUSION_CONFIG): Projection {
  return {
    name: 'suspensions',
    // v3: area of the record's own date.
    version: 3,
    table: 'rm_suspension_records',
    columns: [
      'child_id',
      'kind',
      'record_id',
      'school',
      'occurred_on',
      'school_year',
      'term',
      'school_days',
      'reason',
      'revision',
      'ended_on',
      'area',
    ],
    schema: {
      sqlite: `
        DROP TABLE IF EXISTS rm_suspension_years;
        CREATE TABLE IF NOT EXISTS rm_suspension_records (
          child_id TEXT NOT NULL, kind TEXT NOT NULL, record_id TEXT NOT NULL, school TEXT NOT NULL,
          occurred_on TEXT NOT NULL, school_year INTEGER NOT NULL, term TEXT, school_days REAL, reason TEXT NOT NULL,
          revision INTEGER NOT NULL, ended_on TEXT, area TEXT NOT NULL,
          PRIMARY KEY (child_id, kind, record_id)
        );
        CREATE INDEX IF NOT EXISTS rm_suspension_records_by_year ON rm_suspension_records (school_year, area, child_id);
      `,
      postgres: `
        CREATE TABLE IF NOT EXISTS rm_suspension_records (
          child_id text COLLATE "C" NOT NULL, kind text COLLATE "C" NOT NULL, record_id text COLLATE "C" NOT NULL,
          school text NOT NULL, occurred_on text COLLATE "C" NOT NULL, school_year integer NOT NULL, term text,
          school_days double precision, reason text NOT NULL, revision integer NOT NULL, ended_on text COLLATE "C",
          area text COLLATE "C" NOT NULL,
          PRIMARY KEY (child_id, kind, record_id)
        );
        CREATE INDEX IF NOT EXISTS rm_suspension_records_by_year ON rm_suspension_records (school_year, area, child_id);
      `,
    },
    // the area of each record's date comes from the registration and every move (a change of school or caseworker cannot move it)
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
      EhcNeedsAssessmentRequested: false,
      DecisionToAssessMade: false,
      AdviceRequested: false,
      AdviceReceived: false,
      TimescaleExceptionRecorded: false,
      DecisionNotToIssuePlan: false,
      DraftPlanIssued: false,
      FinalPlanIssued: false,
      ReassessmentRequested: false,
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
      SuspensionRecorded: true,
      SuspensionRescinded: true,
      PermanentExclusionRecorded: true,
      PermanentExclusionOverturned: true,
      PartTimeTimetableStarted: false,
      PartTimeTimetableEnded: false,
      EventVoided: true,
      CaseClosed: false,
    },
    rowsFor: ({ childId, events }) => {
      const areas = areaHistory(events);
      // without a registration that counts there is no child to count them against
      if (areas.length === 0) return [];
      const history = inclusionHistory(events, config);
      return [
        ...history.suspensions.map((s): ProjectionRow => ({
          child_id: childId,
          kind: 'suspension',
          record_id: s.suspensionId,
          school: s.school,
          occurred_on: s.occurredOn,
          school_year: s.schoolYear,
          term: s.term,
          school_days: s.schoolDays,
          reason: s.reason,
          revision: s.revision,
          ended_on: s.rescindedOn,
          area: areaInHistoryOn(areas, s.occurredOn),
        })),
        ...history.exclusions.map((x): ProjectionRow => ({
          child_id: childId,
          kind: 'exclusion',
          record_id: x.exclusionId,
          school: x.school,
          occurred_on: x.occurredOn,
          school_year: schoolYearOf(x.occurredOn),
          term: null,
          school_days: null,
          reason: x.reason,
          revision: x.revision,
          ended_on: x.overturnedOn,
          area: areaInHistoryOn(areas, x.occurredOn),
        })),
      ];
    },
  };
}
