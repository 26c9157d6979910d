import { computeClocks, DEFAULT_CLOCK_CONFIG, earliest, type ClockConfig } from '@sj/domain';
import type { Projection, ProjectionRow } from '../projection';
import { END_OF_TIME } from './end-of-time';

/**
 * One row per clock with its dates, not its status: status depends on the day a manager asks,
 * so it is computed at query time (by the domain's own `clockStatus`) for the `asOf` date.
 */
export function clocksProjection(config: ClockConfig = DEFAULT_CLOCK_CONFIG): Projection {
  return {
    name: 'clocks',
    // v2: open_until, so "open as of asOf" is one indexable range condition.
    version: 2,
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
    ],
    schema: {
      sqlite: `
        CREATE TABLE IF NOT EXISTS rm_clocks (
          child_id TEXT NOT NULL, clock TEXT NOT NULL, clock_key TEXT NOT NULL,
          started_on TEXT NOT NULL, due_on TEXT, stopped_on TEXT, closed_on TEXT, excepted_on TEXT, exception TEXT,
          request_id TEXT, referral_id TEXT, advice_id TEXT, flags TEXT, source TEXT NOT NULL, open_until TEXT NOT NULL,
          PRIMARY KEY (child_id, clock, clock_key)
        );
        -- covers the status pass of GET /clocks, so judging thousands of open clocks reads no table pages
        CREATE INDEX IF NOT EXISTS rm_clocks_status ON rm_clocks (open_until, due_on, started_on, clock, stopped_on, closed_on, excepted_on, child_id, clock_key);
      `,
      postgres: `
        CREATE TABLE IF NOT EXISTS rm_clocks (
          child_id text COLLATE "C" NOT NULL, clock text COLLATE "C" NOT NULL, clock_key text COLLATE "C" NOT NULL,
          started_on text COLLATE "C" NOT NULL, due_on text COLLATE "C", stopped_on text COLLATE "C", closed_on text COLLATE "C",
          excepted_on text COLLATE "C", exception text, request_id text, referral_id text, advice_id text, flags text,
          source text NOT NULL, open_until text COLLATE "C" NOT NULL,
          PRIMARY KEY (child_id, clock, clock_key)
        );
        -- covers the status pass of GET /clocks (an index-only scan once the table is vacuumed)
        CREATE INDEX IF NOT EXISTS rm_clocks_status ON rm_clocks (open_until, due_on, started_on, clock)
          INCLUDE (stopped_on, closed_on, excepted_on, child_id, clock_key);
      `,
    },
    // the phase-transfer clocks read the date of birth; re-assessment, appeal and post-16 placement events start or stop clocks
    handles: {
      ChildRegistered: true,
      ChildDetailsChanged: false,
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
    rowsFor: ({ childId, events }) =>
      computeClocks(events, END_OF_TIME, config).map((clock): ProjectionRow => ({
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
        // The first day the clock is no longer open (stopped or closed); END_OF_TIME while it is.
        open_until: earliest(clock.stoppedOn, clock.closedOn) ?? END_OF_TIME,
      })),
  };
}
