import { JOURNEY_STREAM_PREFIX } from '../event-store.port';
import { claimStreamOf } from './event-id-claim';
import { isVisibleEvent, streamSelection } from './eventstoredb.stream-filter';

/** What a server holds beside the journeys: its statistics, metadata, projections' output, and the id claims. */
const notForReaders = [
  '$stats-127.0.0.1:2113',
  '$$journey-1',
  '$ce-journey',
  '$et-ChildRegistered',
  '$projections-$all',
  claimStreamOf('8d3c7f0e-6f5a-4a57-9d83-2f0f3f1f1a11'),
];

describe('which streams of $all the EventStoreDB adapter asks the server for', () => {
  it('asks a journey reader only for streams named with the journey prefix', () => {
    const selection = streamSelection(JOURNEY_STREAM_PREFIX);

    expect(selection).toEqual({ prefixes: ['journey-'] });
    for (const stream of notForReaders) expect(stream.startsWith(JOURNEY_STREAM_PREFIX)).toBe(false);
  });

  it('asks a reader of every stream for all but the system streams and the event-id claims', () => {
    const selection = streamSelection(undefined);
    if (!('regex' in selection)) throw new Error('expected a regex selection');
    const matches = (stream: string): boolean => new RegExp(selection.regex).test(stream);

    expect(notForReaders.filter(matches)).toEqual([]);
    expect(['journey-c1', 'contract0a1b2c-x', 'otherjourney-1', 'sj-event-ids-are-not-claims', 'audit'].filter(matches)).toEqual([
      'journey-c1',
      'contract0a1b2c-x',
      'otherjourney-1',
      'sj-event-ids-are-not-claims',
      'audit',
    ]);
  });

  it('drops, on arrival, the hard-delete marker a stream-name filter lets through, and claims under a prefix that covers them', () => {
    expect(isVisibleEvent({ streamId: 'journey-c1', type: '$streamDeleted' }, JOURNEY_STREAM_PREFIX)).toBe(false);
    expect(isVisibleEvent({ streamId: claimStreamOf('8d3c7f0e-6f5a-4a57-9d83-2f0f3f1f1a11'), type: 'EventIdClaimed' }, 'sj-')).toBe(false);
    expect(isVisibleEvent({ streamId: 'journey-c1', type: 'ChildRegistered' }, JOURNEY_STREAM_PREFIX)).toBe(true);
    expect(isVisibleEvent({ streamId: 'audit-1', type: 'Noted' }, JOURNEY_STREAM_PREFIX)).toBe(false);
    expect(isVisibleEvent({ streamId: 'audit-1', type: 'Noted' }, undefined)).toBe(true);
  });
});
