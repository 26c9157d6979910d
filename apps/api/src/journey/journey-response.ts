import {
  computeClocks,
  computeInclusion,
  computeWaitingTimes,
  foldJourney,
  journeyStagesView,
  type ClockConfig,
  type ClockView,
  type InclusionConfig,
  type InclusionView,
  type JourneyState,
  type JourneyStagesView,
  type RecordedJourneyEvent,
  type ReferralWait,
} from '@sj/domain';

export interface JourneyEventView {
  readonly eventId: string;
  readonly streamRevision: number;
  readonly type: string;
  readonly occurredOn: string;
  readonly data: unknown;
  readonly recordedAt: string;
  readonly recordedBy: string;
  readonly correlationId: string;
  readonly voided: boolean;
  readonly voidedBy?: string;
  readonly voidReason?: string;
}

export interface JourneyResponse {
  readonly childId: string;
  readonly asOf: string;
  readonly child: JourneyState['child'];
  readonly stages: JourneyStagesView;
  readonly events: readonly JourneyEventView[];
  readonly clocks: readonly ClockView[];
  readonly waitingTimes: readonly ReferralWait[];
  readonly inclusion: InclusionView;
}

export interface JourneyRules {
  readonly clocks: ClockConfig;
  readonly inclusion: InclusionConfig;
}

/**
 * Everything `GET /children/:childId/journey` answers, from the child's whole stream.
 * One small pure function so later views (clocks, waiting times) are added in one place.
 *
 * As of `asOf`: events dated after it have not happened yet. A void removes an event from
 * every view whatever the void's date (a void says it never happened).
 * `whole`, the fold of every event when the caller holds it already, stands for the state as of `asOf` when
 * nothing is dated after `asOf` (the usual case: today), so the journey is not folded again.
 */
export function buildJourneyResponse(
  childId: string,
  asOf: string,
  all: readonly RecordedJourneyEvent[],
  rules: JourneyRules,
  whole?: JourneyState,
): JourneyResponse {
  const voids = new Map<string, { by: string; reason: string }>();
  for (const e of all) {
    if (e.event.type === 'EventVoided') voids.set(e.event.data.eventId, { by: e.metadata.eventId, reason: e.event.data.reason });
  }
  const state = whole !== undefined && nothingDatedAfter(all, asOf) ? whole : foldJourney(asOfEvents(all, asOf));

  const events = all
    .filter((e) => e.event.occurredOn <= asOf)
    .map((e): JourneyEventView => {
      const voided = voids.get(e.metadata.eventId);
      return {
        eventId: e.metadata.eventId,
        streamRevision: e.streamRevision,
        type: e.event.type,
        occurredOn: e.event.occurredOn,
        data: e.event.data,
        recordedAt: e.metadata.recordedAt,
        recordedBy: e.metadata.recordedBy,
        correlationId: e.metadata.correlationId,
        voided: voided !== undefined,
        ...(voided ? { voidedBy: voided.by, voidReason: voided.reason } : {}),
      };
    });
  return {
    childId,
    asOf,
    child: state.child,
    stages: journeyStagesView(state),
    events,
    clocks: computeClocks(all, asOf, rules.clocks),
    waitingTimes: computeWaitingTimes(all, asOf),
    inclusion: computeInclusion(all, rules.inclusion, asOf),
  };
}

/** The events that count as of `asOf`: those dated by then, and every void whatever its date. */
export function asOfEvents(all: readonly RecordedJourneyEvent[], asOf: string): RecordedJourneyEvent[] {
  return all.filter((e) => e.event.type === 'EventVoided' || e.event.occurredOn <= asOf);
}

/** Whether every event is dated on or before `asOf`, so the journey as of then is the whole journey. */
export function nothingDatedAfter(all: readonly RecordedJourneyEvent[], asOf: string): boolean {
  return all.every((e) => e.event.occurredOn <= asOf);
}
