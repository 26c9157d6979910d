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
 */
export function buildJourneyResponse(childId: string, asOf: string, all: readonly RecordedJourneyEvent[], rules: JourneyRules): JourneyResponse {
  const voids = new Map<string, { by: string; reason: string }>();
  for (const e of all) {
    if (e.event.type === 'EventVoided') voids.set(e.event.data.eventId, { by: e.metadata.eventId, reason: e.event.data.reason });
  }
  const asOfEvents = all.filter((e) => e.event.type === 'EventVoided' || e.event.occurredOn <= asOf);
  const state = foldJourney(asOfEvents);

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
