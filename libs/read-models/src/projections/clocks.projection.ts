import { areaHistory, computeClocks, DEFAULT_CLOCK_CONFIG, earliest, isInfantSchool, type ClockConfig } from '@sj/domain';
import { namesArea, type Projection, type ProjectionRow } from '../projection';
import { END_OF_TIME } from './end-of-time';
import { areaColumns } from './area-columns';

/**
 * One row per clock with its dates, not its status: status depends on the day a manager asks, so the query
 * turns each status into range conditions on these dates for the `asOf` asked about, and the domain's own
 * `clockStatus` judges the rows it lists.
 *
 * A clock counts in the area the child was in on its stop or close date, or on asOf while it is open
 * (docs/domain-rules.md §6). `area` is the area of the period that holds `open_until` (the child's latest area
 * while the clock is open) and `area_from` that period's first day: whenever `area_from <= asOf` the clock's
 * area as of asOf is `area`, read from the index beside the dates; only a clock asked about before the child's
 * last move looks its area up in rm_child_areas.
 */
export function clocksProjection(config: ClockConfig = DEFAULT_CLOCK_CONFIG): Projection {
  return {
    name: 'clocks',
    // v2: open_until, so "open as of asOf" is one indexable range condition. v3: the area of open_until and the
    // first day of that area, so an area filter reads no other table; the index in the order of the open list.
    version: 3,
    table: 'rm_clocks',
    columns: [
      'child_id',
      'clock',
      'clock_key',
      'started_on',
      'due_on',
      'stopped_on',
      'closed_on',
      'excepted_on',
      'exception',
      'request_id',
      'referral_id',
      'advice_id',
      'flags',
      'source',
      'open_until',
      'area',
      'area_from',
    ],
    schema: {
      sqlite: `
        CREATE TABLE IF NOT EXISTS rm_clocks (
          child_id TEXT NOT NULL, clock TEXT NOT NULL, clock_key TEXT NOT NULL,
          started_on TEXT NOT NULL, due_on TEXT, stopped_on TEXT, closed_on TEXT, excepted_on TEXT, exception TEXT,
          request_id TEXT, referral_id TEXT, advice_id TEXT, flags TEXT, source TEXT NOT NULL, open_until TEXT NOT NULL,
          area TEXT, area_from TEXT,
          PRIMARY KEY (child_id, clock, clock_key)
        );
        -- GET /clocks: the clocks open as of asOf in the list's order (due date, then child, clock and key), so a page
        -- of breached or due-soon clocks is the first rows of a range and its total a count of index entries;
        -- every column a status, clock or area condition reads is in the index
        CREATE INDEX IF NOT EXISTS rm_clocks_open ON rm_clocks (open_until, due_on, child_id, clock, clock_key, started_on, excepted_on, stopped_on, area, area_from);
      `,
      postgres: `
        CREATE TABLE IF NOT EXISTS rm_clocks (
          child_id text COLLATE "C" NOT NULL, clock text COLLATE "C" NOT NULL, clock_key text COLLATE "C" NOT NULL,
          started_on text COLLATE "C" NOT NULL, due_on text COLLATE "C", stopped_on text COLLATE "C", closed_on text COLLATE "C",
          excepted_on text COLLATE "C", exception text, request_id text, referral_id text, advice_id text, flags text,
          source text NOT NULL, open_until text COLLATE "C" NOT NULL, area text COLLATE "C", area_from text COLLATE "C",
          PRIMARY KEY (child_id, clock, clock_key)
        );
        -- GET /clocks in the list's order (an index-only scan once the table is vacuumed): see the SQLite index
        CREATE INDEX IF NOT EXISTS rm_clocks_open ON rm_clocks (open_until, due_on, child_id, clock, clock_key)
          INCLUDE (started_on, excepted_on, stopped_on, area, area_from);
      `,
    },
    // the phase-transfer clocks read the date of birth; re-assessment, appeal and post-16 placement events start or
    // stop clocks; a move changes the area a clock counts in
    handles: {
      ChildRegistered: true,
      // a move, or naming an infant school (a year-3 transfer); any other change of school or caseworker changes no clock
      ChildDetailsChanged: (change) => namesArea(change) || (change.data.school !== undefined && isInfantSchool(change.data.school)),
      ReferralReceived: true,
      PreAssessmentStarted: false,
      PreAssessmentInformationReceived: false,
      MdtTriageCompleted: true,
      InitialAppointmentHeld: true,
      DiagnosticOutcomeRecorded: false,
      ReferralClosed: true,
      EhcNeedsAssessmentRequested: true,
      DecisionToAssessMade: true,
      AdviceRequested: true,
      AdviceReceived: true,
      TimescaleExceptionRecorded: true,
      DecisionNotToIssuePlan: true,
      DraftPlanIssued: true,
      FinalPlanIssued: true,
      ReassessmentRequested: true,
      ReassessmentDecisionMade: true,
      PlacementNamed: true,
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
      PermanentExclusionRecorded: false,
      PermanentExclusionOverturned: false,
      PartTimeTimetableStarted: false,
      PartTimeTimetableEnded: false,
      EventVoided: true,
      CaseClosed: true,
    },
    rowsFor: ({ childId, events }) => {
      const areas = areaHistory(events);
      return computeClocks(events, END_OF_TIME, config).map((clock): ProjectionRow => {
        // The first day the clock is no longer open (stopped or closed); END_OF_TIME while it is.
        const openUntil = earliest(clock.stoppedOn, clock.closedOn) ?? END_OF_TIME;
        return {
          child_id: childId,
          clock: clock.clock,
          clock_key: clock.key,
          started_on: clock.startedOn,
          due_on: clock.dueOn,
          stopped_on: clock.stoppedOn,
          closed_on: clock.closedOn ?? null,
          excepted_on: clock.exceptedOn ?? null,
          exception: clock.exception ?? null,
          request_id: clock.requestId ?? null,
          referral_id: clock.referralId ?? null,
          advice_id: clock.adviceId ?? null,
          flags: clock.flags?.length ? clock.flags.join(',') : null,
          source: clock.source,
          open_until: openUntil,
          ...areaColumns(areas, openUntil),
        };
      });
    },
  };
}
