import type { JourneyState } from './journey.state';

/**
 * Where a child's journey stands, as `GET /children/{id}/journey` shows it: a read view chosen field by
 * field, so the write model's bookkeeping (event ids, revisions, how far the timeline was folded) never
 * becomes part of the API.
 */
export type JourneyStagesView = Pick<
  JourneyState,
  | 'currentStages'
  | 'referrals'
  | 'ehcRequests'
  | 'activePlan'
  | 'endedPlans'
  | 'placements'
  | 'mediations'
  | 'appeals'
  | 'suspensions'
  | 'permanentExclusions'
  | 'partTimeTimetables'
  | 'caseClosed'
>;

export function journeyStagesView(state: JourneyState): JourneyStagesView {
  return {
    currentStages: state.currentStages,
    referrals: state.referrals,
    ehcRequests: state.ehcRequests,
    activePlan: state.activePlan,
    endedPlans: state.endedPlans,
    placements: state.placements,
    mediations: state.mediations,
    appeals: state.appeals,
    suspensions: state.suspensions,
    permanentExclusions: state.permanentExclusions,
    partTimeTimetables: state.partTimeTimetables,
    caseClosed: state.caseClosed,
  };
}
