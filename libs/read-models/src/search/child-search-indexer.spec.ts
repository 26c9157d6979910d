import {
  encodeJourneyEvent,
  journeyStreamId,
  PersonalDataEventStore,
  SqliteChildKeyStore,
  SqliteEventStore,
  type EventStore,
  type ReadStreamOptions,
  type StoredEvent,
} from '@sj/event-store';
import type { JourneyEvent } from '@sj/domain';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ChildSearchIndexer } from './child-search-indexer';
import { SearchTermHasher, searchAlternativesOf } from './child-search-terms';
import { SqliteChildSearchIndex } from './sqlite-child-search-index';

/*
 * The indexer as the worker runs it: events recorded through the encrypting event store (real SQLite files), indexed
 * from the decrypted log; what it finds follows the child's moves and voids, and forgets an erased child for good.
 */
describe('the child search indexer', () => {
  let dir: string;
  let keys: SqliteChildKeyStore;
  let store: EventStore;
  let index: SqliteChildSearchIndex;
  const revisions = new Map<string, number>();

  const record = async (childId: string, event: JourneyEvent, eventId: string) => {
    const expected = revisions.get(childId) ?? 'no-stream';
    const metadata = { eventId, recordedAt: '2025-06-30T09:00:00.000Z', recordedBy: 'cw-1', correlationId: eventId, schemaVersion: 1 };
    await store.append(journeyStreamId(childId), [encodeJourneyEvent(event, metadata)], expected);
    revisions.set(childId, (revisions.get(childId) ?? -1) + 1);
  };
  const found = async (search: string, areas: readonly string[] | 'all' = 'all') => {
    const hasher = new SearchTermHasher(await index.hashKey());
    return (await index.find({ anyOf: searchAlternativesOf(search).map((g) => hasher.hashAll(g)), areas, page: 1, pageSize: 10 })).childIds;
  };

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sj-indexer-'));
    keys = new SqliteChildKeyStore(join(dir, 'keys.sqlite'));
    store = new PersonalDataEventStore(new SqliteEventStore(join(dir, 'events.sqlite')), keys);
    index = await SqliteChildSearchIndex.open(dir);
    revisions.clear();
    await record(
      'c-1',
      {
        type: 'ChildRegistered',
        occurredOn: '2025-01-06',
        data: { givenName: 'Amira', familyName: 'Smith', dateOfBirth: '2015-03-04', area: 'north', nhsNumber: '9434765919' },
      },
      'e-1',
    );
    await record(
      'c-2',
      {
        type: 'ChildRegistered',
        occurredOn: '2025-01-06',
        data: { givenName: 'Ben', familyName: 'Smith', dateOfBirth: '2016-03-04', area: 'north' },
      },
      'e-2',
    );
  });
  afterEach(async () => {
    await index.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('indexes each registered child by their decrypted names and NHS number, in their area', async () => {
    expect(await new ChildSearchIndexer(store, index).catchUp()).toBe(2);
    expect(await found('smith', ['north'])).toEqual(['c-1', 'c-2']);
    expect(await found('943 476 5919')).toEqual(['c-1']);
    expect(await found('smith', ['south'])).toEqual([]);
  });

  it("follows a child's move to another area, and back when the move is voided", async () => {
    await new ChildSearchIndexer(store, index).catchUp();
    await record('c-1', { type: 'ChildDetailsChanged', occurredOn: '2025-02-01', data: { area: 'south' } }, 'e-3');
    // a new indexer resumes from the index's checkpoint, as after a worker restart
    expect(await new ChildSearchIndexer(store, index).catchUp()).toBe(1);
    expect(await found('amira', ['north'])).toEqual([]);
    expect(await found('amira', ['south'])).toEqual(['c-1']);
    await record('c-1', { type: 'EventVoided', occurredOn: '2025-02-02', data: { eventId: 'e-3', reason: 'wrong child' } }, 'e-4');
    await new ChildSearchIndexer(store, index).catchUp();
    expect(await found('amira', ['north'])).toEqual(['c-1']);
  });

  it('finds an erased child neither after the erasure nor after a rebuild from the log', async () => {
    const indexer = new ChildSearchIndexer(store, index);
    await indexer.catchUp();
    await keys.destroy('c-1', '2025-06-30T10:00:00.000Z');
    await index.forget('c-1', '2025-06-30T10:00:00.000Z');
    expect(await found('smith')).toEqual(['c-2']);
    expect(await indexer.rebuild()).toBe(2);
    expect(await found('smith')).toEqual(['c-2']);
    expect(await found('9434765919')).toEqual([]);
    // even an index that never heard of the erasure finds nothing: the key is gone, so the log has no name to hash
    const elsewhere = mkdtempSync(join(tmpdir(), 'sj-indexer-fresh-'));
    const fresh = await SqliteChildSearchIndex.open(elsewhere);
    try {
      await new ChildSearchIndexer(store, fresh).catchUp();
      const hasher = new SearchTermHasher(await fresh.hashKey());
      const smith = await fresh.find({ anyOf: searchAlternativesOf('smith').map((g) => hasher.hashAll(g)), areas: 'all', page: 1, pageSize: 10 });
      expect(smith.childIds).toEqual(['c-2']);
    } finally {
      await fresh.close();
      rmSync(elsewhere, { recursive: true, force: true });
    }
  });

  it('advances from the journeys it holds (costs grew with the square of a child history): each event is read once over many batches', async () => {
    let eventsRead = 0;
    const counting = new Proxy(store, {
      get: (target, property, receiver) =>
        property === 'readStream'
          ? async (streamId: string, options?: ReadStreamOptions): Promise<StoredEvent[]> => {
              const events = await target.readStream(streamId, options);
              eventsRead += events.length;
              return events;
            }
          : (Reflect.get(target, property, receiver) as unknown),
    });
    const indexer = new ChildSearchIndexer(counting, index);
    await indexer.catchUp();
    for (let n = 0; n < 30; n++) {
      await record('c-1', { type: 'ChildDetailsChanged', occurredOn: '2025-02-01', data: { area: n % 2 === 0 ? 'south' : 'north' } }, `move-${n}`);
      await indexer.catchUp();
    }

    // two registrations, then each move read by the batch after it; a whole read per batch would be 495 events
    expect(eventsRead).toBe(2 + 30);
    expect(await found('amira', ['north'])).toEqual(['c-1']);
    expect(await found('amira', ['south'])).toEqual([]);
  });
});
