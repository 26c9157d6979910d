import { addWeeks } from '../dates';
import type { ClockContext, ClockView } from './clock';
import { referralClocks } from './referral-clock';

/**
 * `camhs-first-seen` — the NHS 4-week waiting time standard for children and young people's mental
 * health services (seed 000: Somerset CAMHS sees children within 4 weeks). Not statutory; the
 * 4 weeks is config.targets.camhsFirstSeenWeeks.
 * Starts: ReferralReceived(camhs). Stops: InitialAppointmentHeld. Due: +N weeks. Closed by ReferralClosed.
 */
export function camhsFirstSeenClocks(ctx: ClockContext): ClockView[] {
  return referralClocks(ctx, {
    clock: 'camhs-first-seen',
    services: ['camhs'],
    due: (d) => addWeeks(d, ctx.config.targets.camhsFirstSeenWeeks),
    source: 'NHS 4-week waiting standard (CYP mental health)',
  });
}
