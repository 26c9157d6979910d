import { isJourneyEventType, type EventMetadata, type JourneyEvent, type RecordedJourneyEvent } from '@sj/domain';
import { EventStoreError, JOURNEY_STREAM_PREFIX, type NewEvent, type StoredEvent } from './event-store.port';

/** A stored event that is not a journey event this code can read (unknown type or malformed fields). */
export class UndecodableEventError extends EventStoreError {
  constructor(
    readonly eventId: string,
    reason: string,
  ) {
    super('UNDECODABLE_EVENT', `event ${eventId} cannot be read as a journey event: ${reason}`);
  }
}

export function journeyStreamId(childId: string): string {
  return `${JOURNEY_STREAM_PREFIX}${childId}`;
}

/** The child a stream belongs to, or undefined for a stream that is not a child's journey. */
export function childIdFromStreamId(streamId: string): string | undefined {
  if (!streamId.startsWith(JOURNEY_STREAM_PREFIX) || streamId.length === JOURNEY_STREAM_PREFIX.length) return undefined;
  return streamId.slice(JOURNEY_STREAM_PREFIX.length);
}

/** The store keeps the business date with the data (`{ occurredOn, data }`) and who/when/why as metadata. */
export function encodeJourneyEvent(event: JourneyEvent, metadata: EventMetadata): NewEvent {
  return {
    eventId: metadata.eventId,
    type: event.type,
    data: { occurredOn: event.occurredOn, data: event.data },
    metadata: {
      eventId: metadata.eventId,
      recordedAt: metadata.recordedAt,
      recordedBy: metadata.recordedBy,
      correlationId: metadata.correlationId,
      schemaVersion: metadata.schemaVersion,
    },
  };
}

/** Reads a stored event back; checks the envelope, not each type's data shape (that is the domain's schema). */
export function decodeJourneyEvent(stored: StoredEvent): RecordedJourneyEvent {
  const fail = (reason: string): never => {
    throw new UndecodableEventError(stored.eventId, reason);
  };
  if (!isJourneyEventType(stored.type)) return fail(`unknown type ${stored.type}`);
  const body = stored.data;
  if (!isRecord(body) || typeof body.occurredOn !== 'string' || !isRecord(body.data)) {
    return fail('data is not { occurredOn, data }');
  }
  const { recordedAt, recordedBy, correlationId, schemaVersion } = stored.metadata;
  if (typeof recordedAt !== 'string' || typeof recordedBy !== 'string' || typeof correlationId !== 'string') {
    return fail('metadata lacks recordedAt, recordedBy or correlationId');
  }
  if (typeof schemaVersion !== 'number') return fail('metadata lacks schemaVersion');
  // The type was checked against the catalogue above; the data shape of each type is trusted as written.
  const event = { type: stored.type, occurredOn: body.occurredOn, data: body.data } as JourneyEvent;
  return {
    event,
    metadata: { eventId: stored.eventId, recordedAt, recordedBy, correlationId, schemaVersion },
    streamRevision: stored.streamRevision,
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
