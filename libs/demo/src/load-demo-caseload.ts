import { JOURNEY_EVENT_SCHEMA_VERSIONS } from '@sj/domain';
import { encodeJourneyEvent, journeyStreamId, type EventStore } from '@sj/event-store';
import { generateDemoCaseload, type DemoCaseloadOptions } from './demo-caseload.generator';

export interface DemoLoadProgress {
  readonly children: number;
  readonly events: number;
  readonly totalChildren: number;
}

export interface LoadDemoCaseloadOptions extends DemoCaseloadOptions {
  /** The instant written as each event's `recordedAt` (the loader reads no clock itself). */
  readonly recordedAt: () => Date;
  /** Called after every `progressEvery` children and at the end. */
  readonly onProgress?: (progress: DemoLoadProgress) => void;
  readonly progressEvery?: number;
}

export interface DemoLoadResult {
  /** False when the store already held events: a demo never mixes with real or earlier data. */
  readonly loaded: boolean;
  readonly children: number;
  readonly events: number;
}

/** At most this many events per append, so one very long journey is still a modest transaction. */
const MAX_EVENTS_PER_APPEND = 500;

/**
 * Appends a generated caseload to an EMPTY store, one child's stream at a time (one append per
 * child, so a child is either wholly there or not at all), recorded by `demo-loader` with one
 * correlation id per child.
 */
export async function loadDemoCaseload(store: EventStore, options: LoadDemoCaseloadOptions): Promise<DemoLoadResult> {
  if ((await store.headPosition()) !== undefined) return { loaded: false, children: 0, events: 0 };
  const every = options.progressEvery ?? 1000;
  let children = 0;
  let events = 0;
  for (const child of generateDemoCaseload(options)) {
    const recordedAt = options.recordedAt().toISOString();
    const correlationId = `demo-${options.seed}-${child.childId}`;
    const encoded = child.events.map(({ eventId, event }) =>
      encodeJourneyEvent(event, {
        eventId,
        recordedAt,
        recordedBy: 'demo-loader',
        correlationId,
        schemaVersion: JOURNEY_EVENT_SCHEMA_VERSIONS[event.type],
      }),
    );
    let revision: number | 'no-stream' = 'no-stream';
    for (let from = 0; from < encoded.length; from += MAX_EVENTS_PER_APPEND) {
      const result = await store.append(journeyStreamId(child.childId), encoded.slice(from, from + MAX_EVENTS_PER_APPEND), revision);
      revision = result.nextExpectedRevision;
    }
    children += 1;
    events += encoded.length;
    if (children % every === 0) options.onProgress?.({ children, events, totalChildren: options.children });
  }
  if (children % every !== 0) options.onProgress?.({ children, events, totalChildren: options.children });
  return { loaded: true, children, events };
}
