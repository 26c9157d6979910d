import { randomUUID } from 'node:crypto';
import { DuplicateEventIdError, EventStoreError, type NewEvent, type StoredEvent } from '../event-store.port';
import { claimantOf, originalAppend } from './event-id-claim';

function newEvent(type: string): NewEvent {
  return { eventId: randomUUID(), type, data: {}, metadata: {} };
}

/** The stream as the server would read it back: revisions from 0, positions in append order. */
function storedStream(events: readonly NewEvent[]): StoredEvent[] {
  return events.map((event, revision) => ({
    streamId: 'journey-c1',
    streamRevision: revision,
    position: `${100 + revision}:${100 + revision}`,
    eventId: event.eventId,
    type: event.type,
    data: event.data,
    metadata: event.metadata,
    createdAt: '2025-01-06T09:00:00.000Z',
  }));
}

describe('an append whose ids its stream had already claimed', () => {
  const registered = newEvent('ChildRegistered');
  const requested = newEvent('AssessmentRequested');
  const decided = newEvent('AssessmentDecisionMade');
  const stream = storedStream([registered, requested, decided]);

  it('is a retry when every id sits where the append would put it: the original result, nothing written', () => {
    expect(originalAppend([requested, decided], 0, stream)).toEqual({ nextExpectedRevision: 2, position: '102:102' });
    expect(originalAppend([registered], 'no-stream', stream)).toEqual({ nextExpectedRevision: 0, position: '100:100' });
    expect(originalAppend([requested, decided], 'any', stream)).toEqual({ nextExpectedRevision: 2, position: '102:102' });
  });

  it('is written when none of its ids is stored (the attempt that claimed them failed, say on a concurrent write)', () => {
    const claimedByAFailedAttempt = newEvent('PlanIssued');

    expect(originalAppend([claimedByAFailedAttempt], 2, stream)).toBeUndefined();
  });

  it('is refused when an id is stored at another revision of the stream', () => {
    const error = (() => {
      try {
        originalAppend([requested], 2, stream);
      } catch (caught) {
        return caught;
      }
      throw new Error('expected the reuse to be refused');
    })();

    expect(error).toBeInstanceOf(DuplicateEventIdError);
    expect(error).toMatchObject({ code: 'DUPLICATE_EVENT_ID', eventId: requested.eventId });
  });

  it('is refused when it only partly matches what was stored', () => {
    expect(() => originalAppend([requested, newEvent('PlanIssued')], 0, stream)).toThrow(DuplicateEventIdError);
    expect(() => originalAppend([newEvent('PlanIssued'), decided], 1, stream)).toThrow(DuplicateEventIdError);
  });
});

describe('an event-id claim', () => {
  it('names the stream holding the id, and a claim that does not is reported as unreadable rather than guessed', () => {
    expect(claimantOf({ streamId: 'journey-c1' })).toBe('journey-c1');
    for (const broken of [null, {}, { streamId: '' }, { streamId: 7 }, 'journey-c1']) {
      expect(() => claimantOf(broken)).toThrow(EventStoreError);
      expect(() => claimantOf(broken)).toThrow(expect.objectContaining({ code: 'EVENT_ID_CLAIM_UNREADABLE' }) as Error);
    }
  });
});
