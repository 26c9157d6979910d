import { periodOfMonthsEnd } from '../dates';
import { toClockView, type ClockContext, type ClockView } from './clock';
import { reviewKey } from './plan-history';

/**
 * `annual-review` — Children and Families Act 2014 s.44(1) and SEND Regulations 2014 reg 18:
 * the LA must review the plan "during the period of 12 months starting with the date on which the
 * plan was first made" and then within 12 months starting with the date of the previous review.
 * The review is complete when the LA decides (SEN2 records the decision date as "last review").
 * Starts: FinalPlanIssued (review 1), then each AnnualReviewDecisionMade starts the next.
 * Stops: the next AnnualReviewDecisionMade. Due: start + 12 months − 1 day (periodOfMonthsEnd).
 * Closed by PlanCeased (or the plan being replaced by a new FinalPlanIssued).
 * Key: `plan:<requestId>:review:<n>`.
 */
export function annualReviewClocks(ctx: ClockContext): ClockView[] {
  return ctx.plans.flatMap((plan) =>
    plan.reviews.map((cycle) =>
      toClockView(
        {
          clock: 'annual-review',
          key: reviewKey(plan, cycle.n),
          requestId: plan.requestId,
          startedOn: cycle.startedOn,
          dueOn: periodOfMonthsEnd(cycle.startedOn, 12),
          stoppedOn: cycle.decision?.on ?? null,
          closedOn: plan.endedOn,
          source: 'CFA 2014 s.44(1)',
        },
        ctx,
      ),
    ),
  );
}
