import type { LocalDate, RecordedJourneyEvent, ReferralService } from '../events';
import { daysBetween } from '../dates';
import { eventsAsOf } from '../clocks/events-as-of';
import { notAcceptedOn, referralHistory, type ReferralFacts } from './referral-history';

/**
 * Waiting times per referral (docs/domain-rules.md §5), as of a date. Pure: same events and date, same
 * answer. Every `daysTo…` counts calendar days from the referral's receipt (ReferralReceived
 * occurredOn) to the first occurrence of the step, null until the step has happened (as of asOf).
 */
export interface ReferralWait {
  readonly referralId: string;
  readonly service: ReferralService;
  readonly receivedOn: LocalDate;
  /**
   * `seen` once InitialAppointmentHeld (even if the referral is closed later: the wait is over);
   * `closed` when ReferralClosed, or MdtTriageCompleted(not-accepted), came before being seen;
   * otherwise `waiting`.
   */
  readonly status: 'waiting' | 'seen' | 'closed';
  readonly preAssessmentStartedOn?: LocalDate;
  /** The first decisive triage (accepted or not-accepted); `more-information-needed` is not one. */
  readonly triagedOn?: LocalDate;
  readonly initialAppointmentOn?: LocalDate;
  readonly diagnosticOutcomeOn?: LocalDate;
  /** When status is `closed`: the date the wait ended without being seen. */
  readonly closedOn?: LocalDate;
  readonly daysToPreAssessment: number | null;
  readonly daysToTriage: number | null;
  readonly daysToInitialAppointment: number | null;
  readonly daysToDiagnosticOutcome: number | null;
  /** To first seen; or to asOf while waiting; or to closure. */
  readonly daysWaited: number;
}

export function referralWait(r: ReferralFacts, asOf: LocalDate): ReferralWait {
  const triagedOn = r.triages.find((t) => t.outcome !== 'more-information-needed')?.on ?? null;
  const endedOn =
    [r.closedOn, notAcceptedOn(r)]
      .filter((d): d is LocalDate => d !== null)
      .sort()
      .at(0) ?? null;
  const status: ReferralWait['status'] = r.firstSeenOn ? 'seen' : endedOn ? 'closed' : 'waiting';
  const days = (d: LocalDate | null) => (d === null ? null : daysBetween(r.receivedOn, d));
  const waitEnd = r.firstSeenOn ?? endedOn ?? asOf;
  return {
    referralId: r.referralId,
    service: r.service,
    receivedOn: r.receivedOn,
    status,
    ...(r.preAssessmentStartedOn ? { preAssessmentStartedOn: r.preAssessmentStartedOn } : {}),
    ...(triagedOn ? { triagedOn } : {}),
    ...(r.firstSeenOn ? { initialAppointmentOn: r.firstSeenOn } : {}),
    ...(r.diagnosticOutcomeOn ? { diagnosticOutcomeOn: r.diagnosticOutcomeOn } : {}),
    ...(status === 'closed' && endedOn ? { closedOn: endedOn } : {}),
    daysToPreAssessment: days(r.preAssessmentStartedOn),
    daysToTriage: days(triagedOn),
    daysToInitialAppointment: days(r.firstSeenOn),
    daysToDiagnosticOutcome: days(r.diagnosticOutcomeOn),
    daysWaited: daysBetween(r.receivedOn, waitEnd),
  };
}

/** Every referral of one child's journey received on or before asOf, with its waits as of asOf. */
export function computeWaitingTimes(events: readonly RecordedJourneyEvent[], asOf: LocalDate): ReferralWait[] {
  return referralHistory(eventsAsOf(events, asOf)).map((r) => referralWait(r, asOf));
}

export interface WaitSummary {
  readonly count: number;
  readonly median: number | null;
  readonly p90: number | null;
  readonly longest: number | null;
}

/**
 * Nearest-rank percentile of an ascending list: the value at 1-based rank ⌈p/100 · n⌉, so always a
 * value that occurs in the data (a real child's wait), never an interpolation.
 */
export function nearestRank(sortedAscending: ArrayLike<number>, p: number): number | null {
  const n = sortedAscending.length;
  if (n === 0) return null;
  const rank = Math.max(1, Math.ceil((p / 100) * n));
  return sortedAscending[Math.min(rank, n) - 1];
}

/**
 * count, median, 90th percentile and longest of a set of waits in days. Median and p90 are both
 * nearest-rank (median = the ⌈n/2⌉-th smallest: for [10, 20] it is 10, not 15), so every figure is a
 * wait some child actually had. Null when there are none.
 */
export function summariseWaits(days: readonly number[]): WaitSummary {
  // a typed array sorts numerically without a comparator callback: several times faster on the
  // tens of thousands of waits a managers' trend summarises
  const sorted = Float64Array.from(days).sort();
  return {
    count: sorted.length,
    median: nearestRank(sorted, 50),
    p90: nearestRank(sorted, 90),
    longest: sorted.length ? sorted[sorted.length - 1] : null,
  };
}
