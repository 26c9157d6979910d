import { addWeeks } from '../dates';
import { earliest, toClockView, type ClockContext, type ClockView } from './clock';

/**
 * `advice` (one per adviceId) — SEND Regulations 2014 reg 8(1): those asked for advice and
 * information for an EHC needs assessment must provide it within 6 weeks of the request.
 * Starts: AdviceRequested. Stops: AdviceReceived for the same adviceId. Due: requested + 6 weeks.
 *
 * Not excepted by TimescaleExceptionRecorded: reg 10(4) relaxes the LA's 6-, 16- and 20-week limits
 * only (docs/domain-rules.md §4.3); an exception is still shown in `exception` for context.
 * Closed when the assessment it serves ends before the advice arrives: DecisionToAssessMade
 * (not-assess), DecisionNotToIssuePlan or FinalPlanIssued — the advice can no longer inform it.
 */
export function adviceClocks(ctx: ClockContext): ClockView[] {
  const views: ClockView[] = [];
  for (const r of ctx.requests) {
    const requestEndedOn = earliest(r.decision?.decision === 'not-assess' ? r.decision.on : null, r.notToIssueOn, r.finalIssuedOn);
    for (const [adviceId, a] of r.advice) {
      views.push(
        toClockView(
          {
            clock: 'advice',
            key: adviceId,
            requestId: r.requestId,
            adviceId,
            startedOn: a.requestedOn,
            dueOn: addWeeks(a.requestedOn, 6),
            stoppedOn: a.receivedOn,
            closedOn: requestEndedOn,
            ...(r.exception ? { exception: r.exception.exception } : {}),
            source: 'reg 8(1)',
          },
          ctx,
        ),
      );
    }
  }
  return views;
}
