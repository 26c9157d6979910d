import type { DecisionToAssess, LocalDate, RecordedJourneyEvent, TimescaleException } from '../events';

/**
 * What happened to each EHC needs assessment request, from events already filtered and ordered
 * by eventsAsOf. Each step keeps its FIRST occurrence (the journey allows one; if a stream held two,
 * the first is the one that stopped the clock).
 */
export interface EhcRequestFacts {
  readonly requestId: string;
  /** occurredOn of EhcNeedsAssessmentRequested: the date the LA received the request. */
  readonly receivedOn: LocalDate;
  decision: { decision: DecisionToAssess; on: LocalDate } | null;
  exception: { exception: TimescaleException; on: LocalDate } | null;
  /** Every DraftPlanIssued, in date order (a draft may be re-issued). */
  readonly draftsIssuedOn: LocalDate[];
  notToIssueOn: LocalDate | null;
  finalIssuedOn: LocalDate | null;
  readonly advice: Map<string, { requestedOn: LocalDate; receivedOn: LocalDate | null }>;
}

export function ehcRequests(events: readonly RecordedJourneyEvent[]): EhcRequestFacts[] {
  const requests = new Map<string, EhcRequestFacts>();
  for (const { event } of events) {
    if (event.type === 'EhcNeedsAssessmentRequested') {
      if (!requests.has(event.data.requestId)) {
        requests.set(event.data.requestId, {
          requestId: event.data.requestId,
          receivedOn: event.occurredOn,
          decision: null,
          exception: null,
          draftsIssuedOn: [],
          notToIssueOn: null,
          finalIssuedOn: null,
          advice: new Map(),
        });
      }
      continue;
    }
    if (!('data' in event) || typeof event.data !== 'object' || !('requestId' in event.data)) continue;
    const r = requests.get(event.data.requestId);
    if (!r) continue;
    switch (event.type) {
      case 'DecisionToAssessMade':
        r.decision ??= { decision: event.data.decision, on: event.occurredOn };
        break;
      case 'TimescaleExceptionRecorded':
        r.exception ??= { exception: event.data.exception, on: event.occurredOn };
        break;
      case 'DraftPlanIssued':
        r.draftsIssuedOn.push(event.occurredOn);
        break;
      case 'DecisionNotToIssuePlan':
        r.notToIssueOn ??= event.occurredOn;
        break;
      case 'FinalPlanIssued':
        r.finalIssuedOn ??= event.occurredOn;
        break;
      case 'AdviceRequested':
        if (!r.advice.has(event.data.adviceId)) r.advice.set(event.data.adviceId, { requestedOn: event.occurredOn, receivedOn: null });
        break;
      case 'AdviceReceived': {
        const a = r.advice.get(event.data.adviceId);
        if (a && a.receivedOn === null) a.receivedOn = event.occurredOn;
        break;
      }
      default:
        break;
    }
  }
  return [...requests.values()];
}
