import type { EventMetadata, JourneyEvent } from '@sj/domain';
import type { StoredEvent } from './event-store.port';
import { UndecodableEventError, childIdFromStreamId, decodeJourneyEvent, encodeJourneyEvent, journeyStreamId } from './journey-codec';

const metadata: EventMetadata = {
  eventId: '0b7f6a3e-58a4-4a52-8f0e-0d5f7c9b1e2a',
  recordedAt: '2025-03-04T10:15:00.000Z',
  recordedBy: 'caseworker:7',
  correlationId: 'c-1',
  schemaVersion: 1,
};

const event: JourneyEvent = { type: 'FinalPlanIssued', occurredOn: '2025-03-04', data: { requestId: 'r-1', placement: 'Oak School' } };

/** What a store hands back for an encoded event. */
function stored(overrides: Partial<StoredEvent> = {}): StoredEvent {
  const encoded = encodeJourneyEvent(event, metadata);
  return {
    streamId: journeyStreamId('c42'),
    streamRevision: 3,
    position: '17',
    eventId: encoded.eventId,
    type: encoded.type,
    data: encoded.data,
    metadata: encoded.metadata,
    createdAt: '2025-03-04T10:15:01.000Z',
    ...overrides,
  };
}

describe('journey codec', () => {
  it("names a child's stream journey-<childId> and reads the child back", () => {
    expect(journeyStreamId('c42')).toBe('journey-c42');
    expect(childIdFromStreamId('journey-c42')).toBe('c42');
    expect(childIdFromStreamId('journey-')).toBeUndefined();
    expect(childIdFromStreamId('alerts-c42')).toBeUndefined();
  });

  it('stores the business date with the data and the metadata beside it', () => {
    expect(encodeJourneyEvent(event, metadata)).toEqual({
      eventId: metadata.eventId,
      type: 'FinalPlanIssued',
      data: { occurredOn: '2025-03-04', data: { requestId: 'r-1', placement: 'Oak School' } },
      metadata: { ...metadata },
    });
  });

  it('decodes what it encoded, with the stream revision', () => {
    expect(decodeJourneyEvent(stored())).toEqual({ event, metadata, streamRevision: 3 });
  });

  it('refuses unknown types and malformed envelopes', () => {
    expect(() => decodeJourneyEvent(stored({ type: 'SomethingElse' }))).toThrow(UndecodableEventError);
    expect(() => decodeJourneyEvent(stored({ data: { data: {} } }))).toThrow(UndecodableEventError);
    expect(() => decodeJourneyEvent(stored({ metadata: { recordedAt: 'x' } }))).toThrow(UndecodableEventError);
  });
});
