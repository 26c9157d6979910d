import type { LocalDate, ReferralService } from '../events';
import { earliest, toClockView, type ClockContext, type ClockName, type ClockView } from './clock';
import { notAcceptedOn } from '../waiting-times/referral-history';

/**
 * The shape every first-seen health clock shares (docs/domain-rules.md §4.4): starts at ReferralReceived for
 * one of `services`, stops at InitialAppointmentHeld, closed by ReferralClosed before the stop
 * (and, when `closedByNotAccepted`, by MdtTriageCompleted(not-accepted)). Key: referralId.
 */
export function referralClocks(
  ctx: ClockContext,
  spec: {
    clock: ClockName;
    services: readonly ReferralService[];
    due: (receivedOn: LocalDate) => LocalDate | null;
    source: string;
    closedByNotAccepted?: boolean;
  },
): ClockView[] {
  return ctx.referrals
    .filter((r) => spec.services.includes(r.service))
    .map((r) =>
      toClockView(
        {
          clock: spec.clock,
          key: r.referralId,
          referralId: r.referralId,
          startedOn: r.receivedOn,
          dueOn: spec.due(r.receivedOn),
          stoppedOn: r.firstSeenOn,
          closedOn: earliest(r.closedOn, spec.closedByNotAccepted ? notAcceptedOn(r) : null),
          source: spec.source,
        },
        ctx,
      ),
    );
}
