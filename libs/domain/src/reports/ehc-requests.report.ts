import type { LocalDate, RecordedJourneyEvent } from '../events';
import { eventsAsOf } from '../clocks/events-as-of';
import { ehcRequests } from '../clocks/ehc-requests';

/**
 * An EHC needs assessment request (or re-assessment request) as the yearly figures count it: DfE's
 * "requests received" and "refused" (SEN2), beside the plans issued within 20 weeks.
 */
export interface EhcRequestInput {
  readonly requestId: string;
  readonly receivedOn: LocalDate;
  /**
   * The date of the LA's decision not to assess (reg 4) or not to re-assess (reg 24), when that was its first
   * decision on the request; a later decision to assess (after an appeal, say) does not undo the refusal.
   */
  readonly refusedOn: LocalDate | null;
}

/** One child's requests, voided ones left out: whatever was received, decided or refused, whenever. */
export function ehcRequestInputs(events: readonly RecordedJourneyEvent[]): EhcRequestInput[] {
  return ehcRequests(eventsAsOf(events)).map((r) => ({
    requestId: r.requestId,
    receivedOn: r.receivedOn,
    refusedOn: r.decision !== null && (r.decision.decision === 'not-assess' || r.decision.decision === 'not-reassess') ? r.decision.on : null,
  }));
}
