import { daysBetween, earliest, eventsAsOf, notAcceptedOn, referralHistory, type LocalDate } from '@sj/domain';
import type { Projection } from '../projection';
import { END_OF_TIME } from './end-of-time';

/**
 * Each referral's milestone dates; who is still waiting is decided at query time for the `asOf` date.
 * `ended_on` is the first ReferralClosed or not-accepted triage, whatever came after it, so a query
 * as of any date sees the wait end when it did; `open_until` is the first day the referral is no
 * longer waiting (seen or ended), so "waiting as of D" is `received_on <= D < open_until`.
 */
export const waitingTimesProjection: Projection = {
  name: 'waiting-times',
  // v2: ended_on no longer depends on the referral's final status; open_until added.
  version: 2,
  table: 'rm_referrals',
  columns: [
    'child_id', 'referral_id', 'service', 'received_on', 'pre_assessment_started_on', 'triaged_on',
    'initial_appointment_on', 'diagnostic_outcome_on', 'ended_on', 'open_until', 'received_day', 'open_until_day', 'seen_day',
  ],
  schema: `
    CREATE TABLE IF NOT EXISTS rm_referrals (
      child_id TEXT NOT NULL, referral_id TEXT NOT NULL, service TEXT NOT NULL, received_on TEXT NOT NULL,
      pre_assessment_started_on TEXT, triaged_on TEXT, initial_appointment_on TEXT, diagnostic_outcome_on TEXT,
      ended_on TEXT, open_until TEXT NOT NULL,
      received_day INTEGER NOT NULL, open_until_day INTEGER NOT NULL, seen_day INTEGER,
      PRIMARY KEY (child_id, referral_id)
    );
    -- covers GET /waiting-times: the referrals open at some point in the trend window, read from the index alone
    CREATE INDEX IF NOT EXISTS rm_referrals_open ON rm_referrals (service, open_until, received_on, initial_appointment_on, pre_assessment_started_on, triaged_on, child_id, referral_id, received_day, open_until_day, seen_day);
    CREATE INDEX IF NOT EXISTS rm_referrals_seen ON rm_referrals (service, initial_appointment_on);
  `,
  handles: {
    ChildRegistered: false, ChildDetailsChanged: false,
    ReferralReceived: true, PreAssessmentStarted: true, PreAssessmentInformationReceived: false, MdtTriageCompleted: true,
    InitialAppointmentHeld: true, DiagnosticOutcomeRecorded: true, ReferralClosed: true,
    EhcNeedsAssessmentRequested: false, DecisionToAssessMade: false, AdviceRequested: false, AdviceReceived: false,
    TimescaleExceptionRecorded: false, DecisionNotToIssuePlan: false, DraftPlanIssued: false, FinalPlanIssued: false,
    ReassessmentRequested: false, ReassessmentDecisionMade: false, PlacementNamed: false, PersonalBudgetAgreed: false,
    MediationRecorded: false, AppealLodged: false, AppealConceded: false, AppealDecided: false,
    AnnualReviewMeetingHeld: false, AnnualReviewDecisionMade: false, AmendedPlanIssued: false, PlanCeased: false,
    SuspensionRecorded: false, SuspensionRescinded: false, PermanentExclusionRecorded: false, PermanentExclusionOverturned: false,
    PartTimeTimetableStarted: false, PartTimeTimetableEnded: false,
    EventVoided: true, CaseClosed: false,
  },
  rowsFor: ({ childId, events }) =>
    referralHistory(eventsAsOf(events)).map((referral) => {
      const endedOn = earliest(referral.closedOn, notAcceptedOn(referral));
      const openUntil = earliest(referral.firstSeenOn, endedOn) ?? END_OF_TIME;
      return {
        child_id: childId,
        referral_id: referral.referralId,
        service: referral.service,
        received_on: referral.receivedOn,
        pre_assessment_started_on: referral.preAssessmentStartedOn,
        // the first decisive triage, as the domain's referralWait defines it
        triaged_on: referral.triages.find((t) => t.outcome !== 'more-information-needed')?.on ?? null,
        initial_appointment_on: referral.firstSeenOn,
        diagnostic_outcome_on: referral.diagnosticOutcomeOn,
        ended_on: endedOn,
        open_until: openUntil,
        received_day: dayNumber(referral.receivedOn),
        open_until_day: dayNumber(openUntil),
        seen_day: referral.firstSeenOn === null ? null : dayNumber(referral.firstSeenOn),
      };
    }),
};

export function dayNumber(d: LocalDate): number {
  return daysBetween('1970-01-01', d);
}
