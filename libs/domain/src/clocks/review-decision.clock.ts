import { addWeeks } from '../dates';
import { toClockView, type ClockContext, type ClockView } from './clock';
import { reviewKey } from './plan-history';

/**
 * `review-decision` — SEND Regulations 2014 reg 20 (para 10): within 4 weeks of the review meeting the LA
 * must decide whether to maintain, amend or cease the plan and notify the parent or young person.
 * Starts: the first AnnualReviewMeetingHeld of a review cycle (a second meeting before the decision
 * does not restart the 4 weeks). Stops: AnnualReviewDecisionMade. Due: meeting + 4 weeks.
 * Closed by PlanCeased. Key: `plan:<requestId>:review:<n>`, the review cycle the meeting belongs to.
 */
export function reviewDecisionClocks(ctx: ClockContext): ClockView[] {
  return ctx.plans.flatMap((plan) =>
    plan.reviews.flatMap((cycle) =>
      cycle.meetingOn === null
        ? []
        : [
            toClockView(
              {
                clock: 'review-decision',
                key: reviewKey(plan, cycle.n),
                requestId: plan.requestId,
                startedOn: cycle.meetingOn,
                dueOn: addWeeks(cycle.meetingOn, 4),
                stoppedOn: cycle.decision?.on ?? null,
                closedOn: plan.endedOn,
                source: 'reg 20',
              },
              ctx,
            ),
          ],
    ),
  );
}
