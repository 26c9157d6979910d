import type { DecisionToAssess, DecisionToReassess, EhcRequester, LocalDate, RecordedJourneyEvent, TimescaleException } from '../events';

/**
 * What happened to each EHC needs assessment request or re-assessment request, from events already filtered
 * and ordered by eventsAsOf. Each step keeps its FIRST occurrence: that is the one that stopped the request's
 * own clocks. A step taken again after an appeal reopened the request is the appeal's (appeal-compliance),
 * and leaves the request's 6-, 16- and 20-week clocks as they were (docs/domain-rules.md §4.5).
 */
export interface EhcRequestFacts {
  readonly requestId: string;
  readonly kind: 'assessment' | 'reassessment';
  readonly requestedBy: EhcRequester;
  /** occurredOn of the request: the date the LA received it. */
  readonly receivedOn: LocalDate;
  decision: { decision: DecisionToAssess | DecisionToReassess; on: LocalDate } | null;
  /** The first exception in business-date order governs; later ones are history (reg 10(4)). */
  exception: { exception: TimescaleException; on: LocalDate } | null;
  /** Every DraftPlanIssued, in date order (a draft may be re-issued). */
  readonly draftsIssuedOn: LocalDate[];
  notToIssueOn: LocalDate | null;
  finalIssuedOn: LocalDate | null;
  readonly advice: Map<string, { requestedOn: LocalDate; receivedOn: LocalDate | null }>;
}

/**
 * Whether the request's reg 10(4) exception (reg 27(3) for a re-assessment) governs it: an exception switches off
 * only limits still running on its date, so one dated after the request's last clock stopped (its final plan, a
 * decision not to issue, or a decision not to assess or re-assess) leaves the request's timeliness as it was. The
 * domain refuses such an exception when it is recorded; this keeps the reports right for a log that holds one
 * (docs/domain-rules.md §4.3).
 */
export function exceptionGoverns(r: EhcRequestFacts): boolean {
  if (r.exception === null) return false;
  const notAssessed = r.decision !== null && (r.decision.decision === 'not-assess' || r.decision.decision === 'not-reassess');
  const lastStop = r.finalIssuedOn ?? r.notToIssueOn ?? (notAssessed ? r.decision?.on : null) ?? null;
  return lastStop === null || r.exception.on <= lastStop;
}

export function ehcRequests(events: readonly RecordedJourneyEvent[]): EhcRequestFacts[] {
  const requests = new Map<string, EhcRequestFacts>();
  for (const { event } of events) {
    switch (event.type) {
      case 'EhcNeedsAssessmentRequested':
      case 'ReassessmentRequested':
        if (!requests.has(event.data.requestId)) {
          requests.set(event.data.requestId, {
            requestId: event.data.requestId,
            kind: event.type === 'ReassessmentRequested' ? 'reassessment' : 'assessment',
            requestedBy: event.data.requestedBy,
            receivedOn: event.occurredOn,
            decision: null,
            exception: null,
            draftsIssuedOn: [],
            notToIssueOn: null,
            finalIssuedOn: null,
            advice: new Map(),
          });
        }
        break;
      case 'DecisionToAssessMade':
      case 'ReassessmentDecisionMade': {
        const r = requests.get(event.data.requestId);
        if (r) r.decision ??= { decision: event.data.decision, on: event.occurredOn };
        break;
      }
      case 'TimescaleExceptionRecorded': {
        const r = requests.get(event.data.requestId);
        if (r) r.exception ??= { exception: event.data.exception, on: event.occurredOn };
        break;
      }
      case 'DraftPlanIssued':
        requests.get(event.data.requestId)?.draftsIssuedOn.push(event.occurredOn);
        break;
      case 'DecisionNotToIssuePlan': {
        const r = requests.get(event.data.requestId);
        if (r) r.notToIssueOn ??= event.occurredOn;
        break;
      }
      case 'FinalPlanIssued': {
        const r = requests.get(event.data.requestId);
        if (r) r.finalIssuedOn ??= event.occurredOn;
        break;
      }
      case 'AdviceRequested': {
        const r = requests.get(event.data.requestId);
        if (r && !r.advice.has(event.data.adviceId)) r.advice.set(event.data.adviceId, { requestedOn: event.occurredOn, receivedOn: null });
        break;
      }
      case 'AdviceReceived': {
        const a = requests.get(event.data.requestId)?.advice.get(event.data.adviceId);
        if (a?.receivedOn === null) a.receivedOn = event.occurredOn;
        break;
      }
      default:
        break;
    }
  }
  return [...requests.values()];
}

/** The clocks of an initial EHC needs assessment (reg 5, 10, 13) exist only for assessment requests. */
export function assessmentRequests(requests: readonly EhcRequestFacts[]): EhcRequestFacts[] {
  return requests.filter((r) => r.kind === 'assessment');
}
