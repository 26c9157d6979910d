import { addWeeks } from '../dates';
import { earliest, toClockView, type ClockContext, type ClockView } from './clock';
import { assessmentRequests } from './ehc-requests';

/**
 * `plan-decision` — SEND Regulations 2014 reg 10(1): where the LA decides, after an assessment,
 * whether to secure a plan, it must notify within 16 weeks of the request (if it decides to issue
 * one, the draft plan is how that decision is shown; CoP 9.14).
 * Exists only once the LA has decided to assess (DecisionToAssessMade(assess)); it then runs from
 * the request date. Stops: DraftPlanIssued or DecisionNotToIssuePlan, whichever comes first.
 * Due: received + 16 weeks. Named in reg 10(4): an exception makes it `excepted`.
 * (not-assess "closes" it in docs/domain-rules.md §4.1; with not-assess it never exists, so nothing to close.)
 */
export function planDecisionClocks(ctx: ClockContext): ClockView[] {
  return assessmentRequests(ctx.requests)
    .filter((r) => r.decision?.decision === 'assess')
    .map((r) =>
      toClockView(
        {
          clock: 'plan-decision',
          key: r.requestId,
          requestId: r.requestId,
          startedOn: r.receivedOn,
          dueOn: addWeeks(r.receivedOn, 16),
          stoppedOn: earliest(r.draftsIssuedOn[0], r.notToIssueOn),
          closedOn: null,
          ...(r.exception ? { exception: r.exception.exception, exceptedOn: r.exception.on } : {}),
          source: 'reg 10(1)',
        },
        ctx,
      ),
    );
}
