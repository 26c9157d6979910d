import { addWeeks } from '../dates';
import { toClockView, type ClockContext, type ClockView } from './clock';
import { assessmentRequests } from './ehc-requests';

/**
 * `decision-to-assess` — SEND Regulations 2014 reg 5(1): the LA must notify its decision whether
 * to secure an EHC needs assessment within 6 weeks of receiving the request (CoP 9.14).
 * Starts: EhcNeedsAssessmentRequested (the date the LA received it, whatever form it came in).
 * Stops: DecisionToAssessMade, either way. Due: received + 6 weeks.
 * Reg 10(4) names the 6-week limit, so a TimescaleExceptionRecorded makes it `excepted`.
 */
export function decisionToAssessClocks(ctx: ClockContext): ClockView[] {
  return assessmentRequests(ctx.requests).map((r) =>
    toClockView(
      {
        clock: 'decision-to-assess',
        key: r.requestId,
        requestId: r.requestId,
        startedOn: r.receivedOn,
        dueOn: addWeeks(r.receivedOn, 6),
        stoppedOn: r.decision?.on ?? null,
        closedOn: null,
        ...(r.exception ? { exception: r.exception.exception, exceptedOn: r.exception.on } : {}),
        source: 'reg 5(1)',
      },
      ctx,
    ),
  );
}
