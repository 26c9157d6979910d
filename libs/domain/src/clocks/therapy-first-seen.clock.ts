import { addWeeks } from '../dates';
import type { ClockContext, ClockView } from './clock';
import { referralClocks } from './referral-clock';

/**
 * `therapy-first-seen` — the NHS 18-week referral-to-treatment standard (NHS Constitution), applied
 * to speech and language therapy, occupational therapy and physiotherapy (seed 002: South
 * Gloucestershire OT far from its 18-week target). Not statutory; config.targets.therapyFirstSeenWeeks.
 * Starts: ReferralReceived(speech-and-language | occupational-therapy | physiotherapy).
 * Stops: InitialAppointmentHeld. Due: +N weeks. Closed by ReferralClosed.
 */
export function therapyFirstSeenClocks(ctx: ClockContext): ClockView[] {
  return referralClocks(ctx, {
    clock: 'therapy-first-seen',
    services: ['speech-and-language', 'occupational-therapy', 'physiotherapy'],
    due: (d) => addWeeks(d, ctx.config.targets.therapyFirstSeenWeeks),
    source: 'NHS referral to treatment 18 weeks',
  });
}
