import type { InclusionConfig, InclusionView } from '@sj/domain';
import type { AlertDecision, AlertRule } from './alert-decision';
import type { EventReactions } from './event-reactions';

/** The child as the inclusion rules see it when an alert is raised: ids and the area, nothing personal. */
export interface AlertChild {
  readonly childId: string;
  readonly area: string;
  readonly caseworker: string | null;
}

/** An alert an inclusion rule calls for while the child's suspensions and exclusions, as they count now, hold. */
export interface InclusionAlertCandidate {
  readonly decision: AlertDecision;
  /** The school year the alert is about. */
  readonly schoolYear: number;
  /** What has stopped holding if the alert is withdrawn, e.g. "fewer than 3 counted suspensions in school year 2024/25". */
  readonly noLongerHolds: string;
}

/** One inclusion rule: which events can change its alerts, and what the child's inclusion view calls for. */
export interface InclusionAlertRule {
  readonly rule: AlertRule;
  readonly reactsTo: EventReactions;
  candidates(view: InclusionView, child: AlertChild, config: InclusionConfig): InclusionAlertCandidate[];
}

/** `2024/25` for school year 2024, as schools write it. */
export function schoolYearLabel(schoolYear: number): string {
  return `${schoolYear}/${String((schoolYear + 1) % 100).padStart(2, '0')}`;
}
