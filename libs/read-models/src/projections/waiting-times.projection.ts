import { computeWaitingTimes } from '@sj/domain';
import type { Projection } from '../projection';
import { END_OF_TIME } from './end-of-time';

/** Each referral's milestone dates; who is still waiting is decided at query time for the `asOf` date. */
export const waitingTimesProjection: Projection = {
  name: 'waiting-times',
  version: 1,
  table: 'rm_referrals',
  columns: ['child_id', 'referral_id', 'service', 'received_on', 'pre_assessment_started_on', 'triaged_on', 'initial_appointment_on', 'diagnostic_outcome_on', 'ended_on'],
  schema: `
    CREATE TABLE IF NOT EXISTS rm_referrals (
      child_id TEXT NOT NULL, referral_id TEXT NOT NULL, service TEXT NOT NULL, received_on TEXT NOT NULL,
      pre_assessment_started_on TEXT, triaged_on TEXT, initial_appointment_on TEXT, diagnostic_outcome_on TEXT,
      ended_on TEXT,
      PRIMARY KEY (child_id, referral_id)
    );
    CREATE INDEX IF NOT EXISTS rm_referrals_by_service ON rm_referrals (service, received_on);
  `,
  handles: ['ReferralReceived', 'PreAssessmentStarted', 'MdtTriageCompleted', 'InitialAppointmentHeld', 'DiagnosticOutcomeRecorded', 'ReferralClosed'],
  rowsFor: ({ childId, events }) =>
    computeWaitingTimes(events, END_OF_TIME).map((wait) => ({
      child_id: childId,
      referral_id: wait.referralId,
      service: wait.service,
      received_on: wait.receivedOn,
      pre_assessment_started_on: wait.preAssessmentStartedOn ?? null,
      triaged_on: wait.triagedOn ?? null,
      initial_appointment_on: wait.initialAppointmentOn ?? null,
      diagnostic_outcome_on: wait.diagnosticOutcomeOn ?? null,
      ended_on: wait.closedOn ?? null,
    })),
};
