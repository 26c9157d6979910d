import { addWeeks } from '../dates';
import type { ClockContext, ClockView } from './clock';
import { referralClocks } from './referral-clock';

/**
 * `portage-first-seen` — Portage home-visiting has no national or statutory waiting standard
 * (seed 000 reports the wait only). By default (config.targets.portageFirstSeenWeeks = null) the
 * clock has no due date: `running` until InitialAppointmentHeld, then `met`; never due-soon or
 * breached. An LA may configure a local target in weeks, which then works like any other clock.
 * Starts: ReferralReceived(portage). Closed by ReferralClosed.
 */
export function portageClocks(ctx: ClockContext): ClockView[] {
  const weeks = ctx.config.targets.portageFirstSeenWeeks;
  return referralClocks(ctx, {
    clock: 'portage-first-seen',
    services: ['portage'],
    due: (d) => (weeks === null ? null : addWeeks(d, weeks)),
    source: weeks === null ? 'no target: waiting time reported only' : 'local portage target',
  });
}
