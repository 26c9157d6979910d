import { addDays, addWeeks, compareDates } from '../dates';
import { earliest, toClockView, type ClockContext, type ClockView } from './clock';
import { assessmentRequests, type EhcRequestFacts } from './ehc-requests';

export const DRAFT_RESPONSE_WINDOW_CUT = 'draftResponseWindowCut';

/**
 * `final-plan` — SEND Regulations 2014 reg 13(2): the finalised EHC plan must be issued within
 * 20 weeks of the LA receiving the request (CoP 9.40). The 20 weeks run from the date the request
 * was received: panel dates and "complete evidence" do not move it.
 * Starts: EhcNeedsAssessmentRequested. Stops: FinalPlanIssued. Due: received + 20 weeks.
 * Closed by DecisionToAssessMade(not-assess) or DecisionNotToIssuePlan.
 * Named in reg 10(4): an exception makes it `excepted`.
 *
 * reg 13(1): after a draft plan issued on D the parent or young person has at least 15 days
 * beginning with D to comment, so the earliest lawful final plan is D + 15. A FinalPlanIssued before
 * (latest draft issued on or before it) + 15 days is flagged `draftResponseWindowCut`.
 */
export function finalPlanClocks(ctx: ClockContext): ClockView[] {
  return assessmentRequests(ctx.requests).map((r) =>
    toClockView(
      {
        clock: 'final-plan',
        key: r.requestId,
        requestId: r.requestId,
        startedOn: r.receivedOn,
        dueOn: addWeeks(r.receivedOn, 20),
        stoppedOn: r.finalIssuedOn,
        closedOn: earliest(r.decision?.decision === 'not-assess' ? r.decision.on : null, r.notToIssueOn),
        ...(r.exception ? { exception: r.exception.exception, exceptedOn: r.exception.on } : {}),
        flags: draftResponseFlags(r),
        source: 'reg 13(2)',
      },
      ctx,
    ),
  );
}

/** reg 13(1): a final plan dated before (the latest draft issued on or before it) + 15 days is flagged. */
export function draftResponseFlags(r: Pick<EhcRequestFacts, 'finalIssuedOn' | 'draftsIssuedOn'>): string[] {
  const finalOn = r.finalIssuedOn;
  if (finalOn === null) return [];
  const lastDraft = r.draftsIssuedOn.filter((d) => compareDates(d, finalOn) <= 0).at(-1);
  return lastDraft && compareDates(finalOn, addDays(lastDraft, 15)) < 0 ? [DRAFT_RESPONSE_WINDOW_CUT] : [];
}
