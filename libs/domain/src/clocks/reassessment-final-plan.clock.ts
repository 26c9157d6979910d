import { addWeeks } from '../dates';
import { toClockView, type ClockContext, type ClockView } from './clock';
import { draftResponseFlags } from './final-plan.clock';

/**
 * `reassessment-final-plan` — SEND Regulations 2014 reg 27(2): after deciding to re-assess, the LA must
 * issue the finalised plan within 14 weeks of that decision. The new plan replaces the one in force.
 * Starts: ReassessmentDecisionMade(reassess). Stops: FinalPlanIssued for the request. Due: decision + 14 weeks.
 * Closed by DecisionNotToIssuePlan. reg 27(3) applies the reg 10(4) exceptions, so an exception makes it
 * `excepted`; reg 13(1)'s 15 days after the draft apply as for a first plan.
 */
export function reassessmentFinalPlanClocks(ctx: ClockContext): ClockView[] {
  return ctx.requests.flatMap((r) => {
    const decision = r.decision;
    if (r.kind !== 'reassessment' || decision?.decision !== 'reassess') return [];
    return [
      toClockView(
        {
          clock: 'reassessment-final-plan',
          key: r.requestId,
          requestId: r.requestId,
          startedOn: decision.on,
          dueOn: addWeeks(decision.on, 14),
          stoppedOn: r.finalIssuedOn,
          closedOn: r.notToIssueOn,
          ...(r.exception ? { exception: r.exception.exception, exceptedOn: r.exception.on } : {}),
          flags: draftResponseFlags(r),
          source: 'reg 27(2)',
        },
        ctx,
      ),
    ];
  });
}
