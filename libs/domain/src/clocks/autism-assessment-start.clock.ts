import { addMonths } from '../dates';
import type { ClockContext, ClockView } from './clock';
import { referralClocks } from './referral-clock';

/**
 * `autism-assessment-start` — NICE quality standard QS51 statement 1 (and CG128 1.2.3): an autism
 * diagnostic assessment should start within 3 months of referral. A standard, not a statutory limit;
 * the 3 months is config.targets.autismAssessmentStartMonths.
 * Starts: ReferralReceived(autism-assessment). Stops: InitialAppointmentHeld (the diagnostic
 * assessment starts). Due: received + N months (month-end clamped). Closed by ReferralClosed or by
 * MdtTriageCompleted(not-accepted) (the MDT decided the autism pathway is not the right one).
 */
export function autismAssessmentStartClocks(ctx: ClockContext): ClockView[] {
  return referralClocks(ctx, {
    clock: 'autism-assessment-start',
    services: ['autism-assessment'],
    due: (d) => addMonths(d, ctx.config.targets.autismAssessmentStartMonths),
    source: 'NICE QS51 statement 1',
    closedByNotAccepted: true,
  });
}
