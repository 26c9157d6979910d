import type { InclusionConfig, InclusionView } from '@sj/domain';
import type { AlertDecision } from './alert-decision';

/** The child as the inclusion rules see it: ids and the area, nothing personal. */
export interface AlertChild {
  readonly childId: string;
  readonly area: string;
  readonly caseworker: string | null;
}

/** An alert an inclusion rule would raise, with the school year it belongs to ("only what matters now"). */
export interface InclusionAlertCandidate {
  readonly decision: AlertDecision;
  readonly schoolYear: number;
}

/** One inclusion rule: what the child's suspensions and exclusions, as they count now, call for. */
export type InclusionAlertRule = (view: InclusionView, child: AlertChild, config: InclusionConfig) => InclusionAlertCandidate[];
