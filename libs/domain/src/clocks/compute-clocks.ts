import type { LocalDate, RecordedJourneyEvent } from '../events';
import { compareDates } from '../dates';
import { CLOCK_NAMES, DEFAULT_CLOCK_CONFIG, type ClockConfig, type ClockContext, type ClockView } from './clock';
import { activeEvents } from '../events';
import { referralHistory } from '../waiting-times/referral-history';
import { eventsAsOf } from './events-as-of';
import { ehcRequests } from './ehc-requests';
import { planHistory } from './plan-history';
import { decisionToAssessClocks } from './decision-to-assess.clock';
import { adviceClocks } from './advice.clock';
import { planDecisionClocks } from './plan-decision.clock';
import { finalPlanClocks } from './final-plan.clock';
import { reassessmentDecisionClocks } from './reassessment-decision.clock';
import { reassessmentFinalPlanClocks } from './reassessment-final-plan.clock';
import { appealComplianceClocks } from './appeal-compliance.clock';
import { annualReviewClocks } from './annual-review.clock';
import { reviewDecisionClocks } from './review-decision.clock';
import { amendedPlanClocks } from './amended-plan.clock';
import { phaseTransferClocks } from './phase-transfer.clock';
import { autismAssessmentStartClocks } from './autism-assessment-start.clock';
import { camhsFirstSeenClocks } from './camhs-first-seen.clock';
import { therapyFirstSeenClocks } from './therapy-first-seen.clock';
import { portageClocks } from './portage.clock';

/** What the clock rules read, from the events that count as of asOf (already ordered by eventsAsOf). */
export function clockContextOf(visible: readonly RecordedJourneyEvent[], asOf: LocalDate, config: ClockConfig): ClockContext {
  const caseClosed = visible.find((e) => e.event.type === 'CaseClosed');
  return {
    events: visible,
    requests: ehcRequests(visible),
    plans: planHistory(visible),
    referrals: referralHistory(visible),
    asOf,
    config,
    caseClosedOn: caseClosed?.event.occurredOn ?? null,
  };
}

/**
 * Every clock of one child's journey as of `asOf`: a pure function of the events and the date.
 * Voided events never count; events dated after asOf have not happened yet; a clock whose start is
 * after asOf does not exist. Sorted by start date, then clock (catalogue order), then key.
 */
export function computeClocks(events: readonly RecordedJourneyEvent[], asOf: LocalDate, config: ClockConfig = DEFAULT_CLOCK_CONFIG): ClockView[] {
  const ctx = clockContextOf(eventsAsOf(events, asOf), asOf, config);
  const views = [
    ...decisionToAssessClocks(ctx),
    ...adviceClocks(ctx),
    ...planDecisionClocks(ctx),
    ...finalPlanClocks(ctx),
    ...reassessmentDecisionClocks(ctx),
    ...reassessmentFinalPlanClocks(ctx),
    ...appealComplianceClocks(ctx),
    ...annualReviewClocks(ctx),
    ...reviewDecisionClocks(ctx),
    ...amendedPlanClocks(ctx),
    ...phaseTransferClocks(ctx, activeEvents(events)),
    ...autismAssessmentStartClocks(ctx),
    ...camhsFirstSeenClocks(ctx),
    ...therapyFirstSeenClocks(ctx),
    ...portageClocks(ctx),
  ];
  const order = (v: ClockView) => CLOCK_NAMES.indexOf(v.clock);
  return views.sort((a, b) => compareDates(a.startedOn, b.startedOn) || order(a) - order(b) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}
