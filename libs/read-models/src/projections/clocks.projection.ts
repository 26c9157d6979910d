import { computeClocks, DEFAULT_CLOCK_CONFIG, type ClockConfig } from '@sj/domain';
import type { Projection, ProjectionRow } from '../projection';
import { END_OF_TIME } from './end-of-time';

/**
 * One row per clock with its dates, not its status: status depends on the day a manager asks,
 * so it is computed at query time (by the domain's own `clockStatus`) for the `asOf` date.
 */
export function clocksProjection(config: ClockConfig = DEFAULT_CLOCK_CONFIG): Projection {
  return {
    name: 'clocks',
    version: 1,
    table: 'rm_clocks',
    columns: ['child_id', 'clock', 'clock_key', 'started_on', 'due_on', 'stopped_on', 'closed_on', 'excepted_on', 'exception', 'request_id', 'referral_id', 'advice_id', 'flags', 'source'],
    schema: `
      CREATE TABLE IF NOT EXISTS rm_clocks (
        child_id TEXT NOT NULL, clock TEXT NOT NULL, clock_key TEXT NOT NULL,
        started_on TEXT NOT NULL, due_on TEXT, stopped_on TEXT, closed_on TEXT, excepted_on TEXT, exception TEXT,
        request_id TEXT, referral_id TEXT, advice_id TEXT, flags TEXT, source TEXT NOT NULL,
        PRIMARY KEY (child_id, clock, clock_key)
      );
      CREATE INDEX IF NOT EXISTS rm_clocks_by_due ON rm_clocks (due_on);
      CREATE INDEX IF NOT EXISTS rm_clocks_by_clock ON rm_clocks (clock, due_on);
    `,
    handles: [
      'ChildRegistered',
      'ReferralReceived',
      'MdtTriageCompleted',
      'InitialAppointmentHeld',
      'ReferralClosed',
      'EhcNeedsAssessmentRequested',
      'DecisionToAssessMade',
      'AdviceRequested',
      'AdviceReceived',
      'TimescaleExceptionRecorded',
      'DecisionNotToIssuePlan',
      'DraftPlanIssued',
      'FinalPlanIssued',
      'AnnualReviewMeetingHeld',
      'AnnualReviewDecisionMade',
      'AmendedPlanIssued',
      'PlanCeased',
      'CaseClosed',
    ],
    rowsFor: ({ childId, events }) =>
      computeClocks(events, END_OF_TIME, config).map(
        (clock): ProjectionRow => ({
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
        }),
      ),
  };
}
