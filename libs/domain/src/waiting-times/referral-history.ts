import type { LocalDate, MdtTriageOutcome, RecordedJourneyEvent, ReferralService } from '../events';

/** What happened to one referral, first occurrence of each step, from events ordered by eventsAsOf. */
export interface ReferralFacts {
  readonly referralId: string;
  readonly service: ReferralService;
  readonly receivedOn: LocalDate;
  preAssessmentStartedOn: LocalDate | null;
  /** Every MdtTriageCompleted, in date order. */
  readonly triages: { outcome: MdtTriageOutcome; on: LocalDate }[];
  /** InitialAppointmentHeld: first seen (autism: the diagnostic assessment starts). */
  firstSeenOn: LocalDate | null;
  diagnosticOutcomeOn: LocalDate | null;
  closedOn: LocalDate | null;
}

export function referralHistory(events: readonly RecordedJourneyEvent[]): ReferralFacts[] {
  const referrals = new Map<string, ReferralFacts>();
  for (const { event } of events) {
    if (event.type === 'ReferralReceived') {
      if (!referrals.has(event.data.referralId)) {
        referrals.set(event.data.referralId, {
          referralId: event.data.referralId,
          service: event.data.service,
          receivedOn: event.occurredOn,
          preAssessmentStartedOn: null,
          triages: [],
          firstSeenOn: null,
          diagnosticOutcomeOn: null,
          closedOn: null,
        });
      }
      continue;
    }
    switch (event.type) {
      case 'PreAssessmentStarted': {
        const r = referrals.get(event.data.referralId);
        if (r) r.preAssessmentStartedOn ??= event.occurredOn;
        break;
      }
      case 'MdtTriageCompleted': {
        const r = referrals.get(event.data.referralId);
        if (r) r.triages.push({ outcome: event.data.outcome, on: event.occurredOn });
        break;
      }
      case 'InitialAppointmentHeld': {
        const r = referrals.get(event.data.referralId);
        if (r) r.firstSeenOn ??= event.occurredOn;
        break;
      }
      case 'DiagnosticOutcomeRecorded': {
        const r = referrals.get(event.data.referralId);
        if (r) r.diagnosticOutcomeOn ??= event.occurredOn;
        break;
      }
      case 'ReferralClosed': {
        const r = referrals.get(event.data.referralId);
        if (r) r.closedOn ??= event.occurredOn;
        break;
      }
      default:
        break;
    }
  }
  return [...referrals.values()];
}

/**
 * The date a not-accepted triage ended the autism pathway, when the latest triage is `not-accepted`:
 * a later triage (an `accepted` one, say) reopens the pathway, still counted from the referral date
 * (docs/domain-rules.md §4.4). `triages` are in business-date order, so the last one governs.
 */
export function notAcceptedOn(r: ReferralFacts): LocalDate | null {
  const latest = r.triages.at(-1);
  return latest?.outcome === 'not-accepted' ? latest.on : null;
}
