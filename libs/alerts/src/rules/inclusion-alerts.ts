import {
  computeInclusion,
  DEFAULT_INCLUSION_CONFIG,
  schoolYearOf,
  type InclusionConfig,
  type JourneyEventType,
  type LocalDate,
  type RecordedJourneyEvent,
} from '@sj/domain';
import type { AlertDecision } from './alert-decision';
import { areaInclusionDiscussionRule } from './area-inclusion-discussion.rule';
import type { AlertChild, InclusionAlertRule } from './inclusion-alert-candidate';
import { permanentExclusionRule } from './permanent-exclusion.rule';
import { termSuspensionDaysRule } from './term-suspension-days.rule';
import { yearSuspensionDaysRule } from './year-suspension-days.rule';

export interface ChildAlertInput {
  readonly child: AlertChild;
  /** The child's whole stream in stream order, i.e. the order the events were recorded. */
  readonly events: readonly RecordedJourneyEvent[];
  /** The Europe/London date each event was recorded on, by event id. */
  readonly recordedOn: Readonly<Record<string, LocalDate>>;
}

export const INCLUSION_ALERT_RULES: readonly InclusionAlertRule[] = [
  areaInclusionDiscussionRule,
  permanentExclusionRule,
  termSuspensionDaysRule,
  yearSuspensionDaysRule,
];

/**
 * Only these can make an inclusion alert appear: a new suspension or exclusion, or a void (which can
 * undo a rescission or an overturn). Rescissions and overturns only ever take counts away.
 */
const CAN_RAISE: ReadonlySet<JourneyEventType> = new Set<JourneyEventType>(['SuspensionRecorded', 'PermanentExclusionRecorded', 'EventVoided']);

/**
 * The inclusion alerts one child's stream calls for: a pure function of the events, the day each was
 * recorded, and the configuration.
 *
 * "Only what matters now": each alert belongs to the event that first made it true (walking the
 * stream in recording order), and is raised only when that event was recorded in the school year
 * the alert is about. Loading last year's history today, or a late entry for a past year, raises
 * nothing; the same stream always gives the same decisions, so replays and rebuilds agree.
 */
export function inclusionAlerts(input: ChildAlertInput, config: InclusionConfig = DEFAULT_INCLUSION_CONFIG): AlertDecision[] {
  const { child, events, recordedOn } = input;
  const seen = new Set<string>();
  const raised: AlertDecision[] = [];
  events.forEach((recorded, i) => {
    if (!CAN_RAISE.has(recorded.event.type)) return;
    const view = computeInclusion(events.slice(0, i + 1), config);
    const day = recordedOn[recorded.metadata.eventId];
    for (const candidate of INCLUSION_ALERT_RULES.flatMap((rule) => rule(view, child, config))) {
      if (seen.has(candidate.decision.alertId)) continue;
      seen.add(candidate.decision.alertId);
      if (day !== undefined && schoolYearOf(day) === candidate.schoolYear) raised.push(candidate.decision);
    }
  });
  return raised;
}
