import {
  computeInclusion,
  DEFAULT_INCLUSION_CONFIG,
  evolve,
  foldJourney,
  schoolYearOf,
  type InclusionConfig,
  type JourneyState,
  type LocalDate,
  type RecordedJourneyEvent,
} from '@sj/domain';
import type { AlertChange } from './alert-decision';
import { alertChildOf } from './alert-child';
import { areaInclusionDiscussionRule } from './area-inclusion-discussion.rule';
import { canRaise, canWithdraw } from './event-reactions';
import type { InclusionAlertCandidate, InclusionAlertRule } from './inclusion-alert-candidate';
import { permanentExclusionRule } from './permanent-exclusion.rule';
import { sixthDayProvisionRule } from './sixth-day-provision.rule';
import { termSuspensionDaysRule } from './term-suspension-days.rule';
import { yearSuspensionDaysRule } from './year-suspension-days.rule';

export interface ChildAlertInput {
  readonly childId: string;
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
  sixthDayProvisionRule,
];

/** The event types that can change some inclusion alert: a batch without one needs no stream read. */
export const INCLUSION_ALERT_EVENT_TYPES: ReadonlySet<string> = new Set(
  INCLUSION_ALERT_RULES.flatMap((rule) => Object.entries(rule.reactsTo).flatMap(([type, reaction]) => (reaction === 'ignored' ? [] : [type]))),
);

/**
 * The event types the domain's `computeInclusion` reads (voids included, for the entries they undo). The view of the
 * other events' stream is the same without them, so the consumer keeps just these per child: judging a suspension
 * then costs the child's inclusion history, not every change of school or caseworker ever recorded.
 */
export const INCLUSION_VIEW_EVENT_TYPES: ReadonlySet<string> = new Set([
  'SuspensionRecorded',
  'SuspensionRescinded',
  'PermanentExclusionRecorded',
  'PermanentExclusionOverturned',
  'PartTimeTimetableStarted',
  'PartTimeTimetableEnded',
  'EventVoided',
]);

/**
 * Late entries still alert (docs/domain-rules.md §6): an alert is raised when the event that makes it
 * hold is recorded, if that event's date is in the school year of the recording day or the one
 * before. A suspension or exclusion is dated; a void that brings one back is judged by the school
 * year the alert is about. Anything older is history (a migration from another system), never news.
 */
function isNews(recorded: RecordedJourneyEvent, candidate: InclusionAlertCandidate, recordedOn: LocalDate | undefined): boolean {
  if (recordedOn === undefined) return false;
  const { event } = recorded;
  const about =
    event.type === 'SuspensionRecorded' || event.type === 'PermanentExclusionRecorded' ? schoolYearOf(event.occurredOn) : candidate.schoolYear;
  const current = schoolYearOf(recordedOn);
  return about === current || about === current - 1;
}

/** Ids and the kind of change only: a void's free-text reason never leaves the log. */
function describeCause(recorded: RecordedJourneyEvent, byId: ReadonlyMap<string, RecordedJourneyEvent>): string {
  const { event } = recorded;
  switch (event.type) {
    case 'SuspensionRescinded':
      return `suspension ${event.data.suspensionId} rescinded`;
    case 'PermanentExclusionOverturned':
      return `permanent exclusion ${event.data.exclusionId} overturned`;
    case 'EventVoided': {
      const target = byId.get(event.data.eventId)?.event;
      if (target?.type === 'SuspensionRecorded') return `suspension ${target.data.suspensionId} voided`;
      if (target?.type === 'PermanentExclusionRecorded') return `permanent exclusion ${target.data.exclusionId} voided`;
      return `event ${event.data.eventId} voided`;
    }
    default:
      return `${event.type} recorded`;
  }
}

/**
 * Where one child's inclusion alerts stand after the events walked so far: the journey folded up to `revision`,
 * the alerts that hold and whether each is open. The alert consumer keeps one per child between batches, so
 * a new event is judged against what it holds instead of walking the child's whole history again.
 */
export interface ChildAlertProgress {
  readonly childId: string;
  /** The last stream revision walked; -1 before any. */
  revision: number;
  journey: JourneyState;
  /** The events walked so far of the types in INCLUSION_VIEW_EVENT_TYPES, in stream order. */
  inclusionEvents: readonly RecordedJourneyEvent[];
  readonly holding: Map<string, InclusionAlertCandidate>;
  readonly open: Map<string, boolean>;
  readonly byId: Map<string, RecordedJourneyEvent>;
  /** Every change walked so far, in order: each alert's whole life, which the alert store needs to apply nothing twice. */
  readonly changes: AlertChange[];
}

export function startAlertProgress(childId: string): ChildAlertProgress {
  return { childId, revision: -1, journey: foldJourney([]), inclusionEvents: [], holding: new Map(), open: new Map(), byId: new Map(), changes: [] };
}

/**
 * The life of one child's inclusion alerts, as a pure function of the stream, the day each event
 * was recorded and the configuration. The stream is walked in recording order; after each event a
 * rule reacts to, the rule's alerts that now hold are compared with those that held before:
 * - one that starts holding is raised (or reopened, if withdrawn) when that event is news (`isNews`);
 * - an open one that stops holding is withdrawn, whenever that happens, saying why.
 * The same stream always gives the same changes, so replays and rebuilds agree, and the store need
 * only apply the changes it has not applied yet.
 */
export function inclusionAlertChanges(input: ChildAlertInput, config: InclusionConfig = DEFAULT_INCLUSION_CONFIG): AlertChange[] {
  return advanceInclusionAlerts(startAlertProgress(input.childId), input.events, input.recordedOn, config);
}

/**
 * Walks the events recorded after `progress` (in recording order), updating it in place, and returns the changes
 * they bring: the same as `inclusionAlertChanges` of the whole stream gives for them. Each event costs one fold
 * step and, when a rule reacts to it, one inclusion view of the child's inclusion events so far; events already walked
 * are skipped.
 */
export function advanceInclusionAlerts(
  progress: ChildAlertProgress,
  events: readonly RecordedJourneyEvent[],
  recordedOn: Readonly<Record<string, LocalDate>>,
  config: InclusionConfig = DEFAULT_INCLUSION_CONFIG,
): AlertChange[] {
  const { holding, open, byId } = progress;
  const changes: AlertChange[] = [];
  for (const recorded of events) {
    if (recorded.streamRevision <= progress.revision) continue;
    progress.revision = recorded.streamRevision;
    progress.journey = evolve(progress.journey, recorded);
    // a new array each time: the domain remembers each array's timeline, so one must never grow under it
    if (INCLUSION_VIEW_EVENT_TYPES.has(recorded.event.type)) progress.inclusionEvents = [...progress.inclusionEvents, recorded];
    byId.set(recorded.metadata.eventId, recorded);
    const reacting = INCLUSION_ALERT_RULES.filter((rule) => rule.reactsTo[recorded.event.type] !== 'ignored');
    if (reacting.length === 0) continue;
    const child = alertChildOf(progress.childId, progress.journey);
    if (child === undefined) continue;
    const view = computeInclusion(progress.inclusionEvents, config);
    const causedBy = recorded.metadata.eventId;
    for (const rule of reacting) {
      const reaction = rule.reactsTo[recorded.event.type];
      const now = new Map(rule.candidates(view, child, config).map((c) => [c.decision.alertId, c]));
      if (canWithdraw(reaction)) {
        for (const [alertId, before] of holding) {
          if (before.decision.rule !== rule.rule || now.has(alertId)) continue;
          holding.delete(alertId);
          if (open.get(alertId) !== true) continue;
          open.set(alertId, false);
          changes.push({ kind: 'withdrawn', causedBy, alertId, reason: `${describeCause(recorded, byId)}: ${before.noLongerHolds}` });
        }
      }
      if (canRaise(reaction)) {
        for (const [alertId, candidate] of now) {
          if (holding.has(alertId)) continue;
          holding.set(alertId, candidate);
          if (open.get(alertId) === true || !isNews(recorded, candidate, recordedOn[causedBy])) continue;
          open.set(alertId, true);
          changes.push({ kind: 'raised', causedBy, decision: candidate.decision });
        }
      }
    }
  }
  progress.changes.push(...changes);
  return changes;
}
