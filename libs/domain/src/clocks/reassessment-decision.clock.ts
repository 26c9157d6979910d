import { addDays } from '../dates';
import { toClockView, type ClockContext, type ClockView } from './clock';

/**
 * `reassessment-decision` — SEND Regulations 2014 reg 25(1): when asked to re-assess the needs of a child
 * who has a plan, the LA must notify its decision whether to re-assess within 15 days of the request.
 * Starts: ReassessmentRequested. Stops: ReassessmentDecisionMade, either way. Due: received + 15 days.
 */
export function reassessmentDecisionClocks(ctx: ClockContext): ClockView[] {
  return ctx.requests
    .filter((r) => r.kind === 'reassessment')
    .map((r) =>
      toClockView(
        {
          clock: 'reassessment-decision',
          key: r.requestId,
          requestId: r.requestId,
          startedOn: r.receivedOn,
          dueOn: addDays(r.receivedOn, 15),
          stoppedOn: r.decision?.on ?? null,
          closedOn: null,
          source: 'reg 25(1)',
        },
        ctx,
      ),
    );
}
