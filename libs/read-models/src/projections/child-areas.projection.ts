import { areaHistory } from '@sj/domain';
import { namesArea, type Projection } from '../projection';
import { BEGINNING_OF_TIME, END_OF_TIME } from './end-of-time';
import { dayNumber } from './waiting-times.projection';

/**
 * Where each child lived and when, from the domain's `areaHistory` (docs/domain-rules.md §6): one row per
 * period, `from_on` its first day (BEGINNING_OF_TIME for the registration area), `until_on` the first day
 * in the next area (END_OF_TIME while the child is still there); from_day and until_day are the same days
 * as day numbers, for the waiting-times trend. A child's periods never overlap, so "the area on day D" is
 * the one row with from_on <= D < until_on, found by the primary key.
 *
 * The managers' queries join on it for figures whose date depends on the day asked about (an open clock
 * or wait belongs to the area on asOf); figures with a fixed date (a suspension, a plan's issue) carry
 * their area in their own row.
 */
export const childAreasProjection: Projection = {
  name: 'child-areas',
  version: 1,
  table: 'rm_child_areas',
  columns: ['child_id', 'from_on', 'until_on', 'area', 'from_day', 'until_day'],
  schema: {
    sqlite: `
      CREATE TABLE IF NOT EXISTS rm_child_areas (
        child_id TEXT NOT NULL, from_on TEXT NOT NULL, until_on TEXT NOT NULL, area TEXT NOT NULL,
        from_day INTEGER NOT NULL, until_day INTEGER NOT NULL,
        PRIMARY KEY (child_id, from_on)
      ) WITHOUT ROWID;
      -- which areas have ever had a child: the caller-scope shortcut reads it
      CREATE INDEX IF NOT EXISTS rm_child_areas_by_area ON rm_child_areas (area);
    `,
    // the primary key carries the period's end and area, so "the area on day D" is read from the index alone
    postgres: `
      CREATE TABLE IF NOT EXISTS rm_child_areas (
        child_id text COLLATE "C" NOT NULL, from_on text COLLATE "C" NOT NULL, until_on text COLLATE "C" NOT NULL,
        area text COLLATE "C" NOT NULL, from_day integer NOT NULL, until_day integer NOT NULL,
        PRIMARY KEY (child_id, from_on) INCLUDE (until_on, area)
      );
      -- an area's periods read from the index alone, to join an area's children to their clocks or referrals
      CREATE INDEX IF NOT EXISTS rm_child_areas_by_area ON rm_child_areas (area) INCLUDE (child_id, from_on, until_on);
      -- an area's moves in and out in a date range: the waiting trend's children who moved inside its window, which
      -- SQLite reads from the moved children's side instead (queries/waiting-times.query.ts, movedChildPeriods)
      CREATE INDEX IF NOT EXISTS rm_child_areas_moved_in ON rm_child_areas (area, from_on) INCLUDE (child_id, until_on, from_day, until_day);
      CREATE INDEX IF NOT EXISTS rm_child_areas_moved_out ON rm_child_areas (area, until_on) INCLUDE (child_id, from_on, from_day, until_day);
    `,
  },
  // only a change naming an area can move the child
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
    SuspensionRecorded: false,
    SuspensionRescinded: false,
    PermanentExclusionRecorded: false,
    PermanentExclusionOverturned: false,
    PartTimeTimetableStarted: false,
    PartTimeTimetableEnded: false,
    EventVoided: true,
    CaseClosed: false,
  },
  rowsFor: ({ childId, events }) =>
    areaHistory(events).map((period) => {
      const fromOn = period.from ?? BEGINNING_OF_TIME;
      const untilOn = period.until ?? END_OF_TIME;
      return { child_id: childId, from_on: fromOn, until_on: untilOn, area: period.area, from_day: dayNumber(fromOn), until_day: dayNumber(untilOn) };
    }),
};
