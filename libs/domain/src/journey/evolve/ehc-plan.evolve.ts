import type { AmendedPlanIssued, AnnualReviewDecisionMade, AnnualReviewMeetingHeld, PersonalBudgetAgreed, PlanCeased } from '../../events';
import type { JourneyActivePlan, JourneyState } from '../journey.state';

function updatePlan(state: JourneyState, update: (p: JourneyActivePlan) => JourneyActivePlan): JourneyState {
  return state.activePlan === null ? state : { ...state, activePlan: update(state.activePlan) };
}

export function annualReviewMeetingHeld(state: JourneyState, { occurredOn }: AnnualReviewMeetingHeld): JourneyState {
  return updatePlan(state, (p) => ({ ...p, lastReviewMeetingOn: occurredOn }));
}

export function annualReviewDecisionMade(state: JourneyState, { occurredOn, data }: AnnualReviewDecisionMade): JourneyState {
  return updatePlan(state, (p) => ({ ...p, lastReviewDecision: data.decision, lastReviewDecisionOn: occurredOn }));
}

export function amendedPlanIssued(state: JourneyState, { occurredOn, data }: AmendedPlanIssued): JourneyState {
  return updatePlan(state, (p) => ({
    ...p,
    placement: data.placement,
    amendedOn: occurredOn,
    amendedForPhaseTransfer: data.phaseTransfer === true,
  }));
}

/** Ceasing ends the plan (CFA 2014 s.45); it is kept in `endedPlans` so the history still shows it. */
export function planCeased(state: JourneyState, { occurredOn, data }: PlanCeased): JourneyState {
  const plan = state.activePlan;
  if (plan === null) return state;
  return {
    ...state,
    activePlan: null,
    endedPlans: [
      ...state.endedPlans,
      { requestId: plan.requestId, issuedOn: plan.issuedOn, endedAs: 'ceased', endedOn: occurredOn, reason: data.reason },
    ],
  };
}

export function personalBudgetAgreed(state: JourneyState, { data }: PersonalBudgetAgreed): JourneyState {
  return updatePlan(state, (p) => ({ ...p, personalBudget: data.kind }));
}
