import type { AnnualReviewDecision, LocalDate, RecordedJourneyEvent } from '../events';

/** One annual review cycle of a plan: review n runs from the plan's issue (n = 1) or the previous decision. */
export interface ReviewCycle {
  readonly n: number;
  readonly startedOn: LocalDate;
  /** The first AnnualReviewMeetingHeld in the cycle (a later meeting does not extend reg 20's 4 weeks). */
  meetingOn: LocalDate | null;
  decision: { decision: AnnualReviewDecision; on: LocalDate } | null;
}

export interface Amendment {
  /** The review cycle whose decision was `amend`. */
  readonly n: number;
  readonly startedOn: LocalDate;
  issuedOn: LocalDate | null;
}

/** One EHC plan, from FinalPlanIssued to PlanCeased (or to a later FinalPlanIssued replacing it). */
export interface PlanFacts {
  readonly requestId: string;
  readonly issuedOn: LocalDate;
  endedOn: LocalDate | null;
  readonly reviews: ReviewCycle[];
  readonly amendments: Amendment[];
  readonly amendedPlansIssued: { on: LocalDate; phaseTransfer: boolean }[];
}

/**
 * The plans of a child's journey and their review history, from events already filtered and ordered
 * by eventsAsOf. Review events carry no requestId: they belong to the plan active when they occur
 * (only one plan is active at a time); review events with no active plan are ignored.
 */
export function planHistory(events: readonly RecordedJourneyEvent[]): PlanFacts[] {
  const plans: PlanFacts[] = [];
  let current: PlanFacts | null = null;
  for (const { event } of events) {
    switch (event.type) {
      case 'FinalPlanIssued':
        if (current) current.endedOn = event.occurredOn;
        current = {
          requestId: event.data.requestId,
          issuedOn: event.occurredOn,
          endedOn: null,
          reviews: [{ n: 1, startedOn: event.occurredOn, meetingOn: null, decision: null }],
          amendments: [],
          amendedPlansIssued: [],
        };
        plans.push(current);
        break;
      case 'AnnualReviewMeetingHeld': {
        if (!current) break;
        const cycle = current.reviews[current.reviews.length - 1];
        cycle.meetingOn ??= event.occurredOn;
        break;
      }
      case 'AnnualReviewDecisionMade': {
        if (!current) break;
        const cycle = current.reviews[current.reviews.length - 1];
        cycle.decision = { decision: event.data.decision, on: event.occurredOn };
        current.reviews.push({ n: cycle.n + 1, startedOn: event.occurredOn, meetingOn: null, decision: null });
        if (event.data.decision === 'amend') current.amendments.push({ n: cycle.n, startedOn: event.occurredOn, issuedOn: null });
        break;
      }
      case 'AmendedPlanIssued':
        if (!current) break;
        for (const a of current.amendments) a.issuedOn ??= event.occurredOn;
        current.amendedPlansIssued.push({ on: event.occurredOn, phaseTransfer: event.data.phaseTransfer === true });
        break;
      case 'PlanCeased':
        if (!current) break;
        current.endedOn = event.occurredOn;
        current = null;
        break;
      default:
        break;
    }
  }
  return plans;
}

export function reviewKey(plan: PlanFacts, n: number): string {
  return `plan:${plan.requestId}:review:${n}`;
}
