import type { JourneyEvent, RecordedJourneyEvent } from '../../events';

/**
 * Test support: a child's stream from plain event data, in recording order. Event ids are `ev-<n>`
 * (n = stream revision, from 0) so a test can void one by its position.
 */
export function stream(...events: JourneyEvent[]): RecordedJourneyEvent[] {
  return events.map((event, i) => ({
    event,
    metadata: {
      eventId: `ev-${i}`,
      recordedAt: `${event.occurredOn}T12:00:00.000Z`,
      recordedBy: 'test',
      correlationId: `c-${i}`,
      schemaVersion: 1,
    },
    streamRevision: i,
  }));
}

export const child = (dateOfBirth = '2015-10-15'): JourneyEvent => ({
  type: 'ChildRegistered',
  occurredOn: '2020-01-06',
  data: { givenName: 'Alex', familyName: 'Example', dateOfBirth, area: 'north' },
});

export const voided = (occurredOn: string, eventId: string): JourneyEvent => ({
  type: 'EventVoided',
  occurredOn,
  data: { eventId, reason: 'recorded in error' },
});
