import { addWeeks } from '../dates';
import { toClockView, type ClockContext, type ClockView } from './clock';
import { reviewKey } from './plan-history';

/**
 * `amended-plan` — SEND Regulations 2014 reg 22(3): where the LA decides to amend the plan after a
 * review, it must issue the amended plan within 8 weeks of the amendment notice (the decision notice
 * must already set out the proposed amendments: Ombudsman, Devon 2022).
 * Starts: AnnualReviewDecisionMade(amend). Stops: the next AmendedPlanIssued (any). Due: +8 weeks.
 * Closed by PlanCeased. Key: `plan:<requestId>:review:<n>:amend`, n the review cycle decided.
 */
export function amendedPlanClocks(ctx: ClockContext): ClockView[] {
  return ctx.plans.flatMap((plan) =>
    plan.amendments.map((a) =>
      toClockView(
        {
          clock: 'amended-plan',
          key: `${reviewKey(plan, a.n)}:amend`,
          requestId: plan.requestId,
          startedOn: a.startedOn,
          dueOn: addWeeks(a.startedOn, 8),
          stoppedOn: a.issuedOn,
          closedOn: plan.endedOn,
          source: 'reg 22(3)',
        },
        ctx,
      ),
    ),
  );
}
