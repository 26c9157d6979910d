import { ChildSearchUnavailableError, SEARCH_KEY_BYTES, type ChildSearchIndex, type ChildSearchRequest } from '../child-search-index.port';
import { SearchTermHasher, searchAlternativesOf, searchTermsOf, type SearchableChild } from '../child-search-terms';

export interface ChildSearchIndexFixture {
  readonly index: ChildSearchIndex;
  /** Another process's index on the same storage (the same DATA_DIR, the same database). */
  readonly openAnother: () => Promise<ChildSearchIndex>;
  /** Takes the storage away, as an outage would. */
  readonly disconnect: () => Promise<void>;
  readonly cleanup: () => Promise<void>;
}

const AMIRA: SearchableChild = { givenName: 'Amira', familyName: 'Smith', nhsNumber: '943 476 5919', upn: 'a123456789012' };
const JOSE: SearchableChild = { givenName: 'José', familyName: 'Smith-Núñez', nhsNumber: null, upn: null };
const ZOE: SearchableChild = { givenName: 'Zoë', familyName: "O'Brien", nhsNumber: '4010232137', upn: null };

/** What every search index must do, wherever it keeps its rows. */
export function describeChildSearchIndexContract(name: string, makeIndex: () => Promise<ChildSearchIndexFixture>): void {
  describe(`child search index contract: ${name}`, () => {
    let fixture: ChildSearchIndexFixture;
    let index: ChildSearchIndex;
    let hasher: SearchTermHasher;
    const opened: ChildSearchIndex[] = [];

    const another = async (): Promise<ChildSearchIndex> => {
      const other = await fixture.openAnother();
      opened.push(other);
      return other;
    };
    const entry = (childId: string, area: string, child: SearchableChild) => ({ childId, area, termHashes: hasher.hashAll(searchTermsOf(child)) });
    const find = async (search: string, more: Partial<ChildSearchRequest> = {}, on: ChildSearchIndex = index) =>
      on.find({ anyOf: searchAlternativesOf(search).map((group) => hasher.hashAll(group)), areas: 'all', page: 1, pageSize: 50, ...more });
    const idsFound = async (search: string, more: Partial<ChildSearchRequest> = {}) => (await find(search, more)).childIds;

    beforeEach(async () => {
      fixture = await makeIndex();
      index = fixture.index;
      hasher = new SearchTermHasher(await index.hashKey());
    });
    afterEach(async () => {
      await Promise.all(opened.splice(0).map((other) => other.close()));
      await index.close();
      await fixture.cleanup();
    });

    it('keeps one 256-bit random key, the same for every process on the same storage, even when they ask at once', async () => {
      const key = await index.hashKey();
      expect(key.length).toBe(SEARCH_KEY_BYTES);
      expect(new Set(key).size).toBeGreaterThan(1);
      const others = await Promise.all([another(), another()]);
      const keys = await Promise.all(others.map((other) => other.hashKey()));
      for (const other of keys) expect(other.equals(key)).toBe(true);
    });

    it('finds a child by a family name, a given name, the whole name in any case and accents, an NHS number however spaced, a UPN', async () => {
      await index.write({ entries: [entry('c-amira', 'north', AMIRA), entry('c-jose', 'north', JOSE), entry('c-zoe', 'south', ZOE)], position: '3' });
      expect(await idsFound('smith')).toEqual(['c-amira', 'c-jose']);
      expect(await idsFound('AMIRA smith')).toEqual(['c-amira']);
      expect(await idsFound('jose smith nunez')).toEqual(['c-jose']);
      expect(await idsFound('Smith-Núñez')).toEqual(['c-jose']);
      expect(await idsFound('zoe obrien')).toEqual(['c-zoe']);
      expect(await idsFound('9434765919')).toEqual(['c-amira']);
      expect(await idsFound('401 023 2137')).toEqual(['c-zoe']);
      expect(await idsFound('A123456789012')).toEqual(['c-amira']);
      expect(await idsFound('amira jones')).toEqual([]);
      expect(await idsFound('smit')).toEqual([]);
    });

    it('finds a child by their id, without any hash', async () => {
      await index.write({ entries: [entry('c-amira', 'north', AMIRA)], position: '1' });
      expect((await index.find({ anyOf: [], childId: 'c-amira', areas: 'all', page: 1, pageSize: 10 })).childIds).toEqual(['c-amira']);
      expect((await index.find({ anyOf: [], childId: 'c-nobody', areas: 'all', page: 1, pageSize: 10 })).total).toBe(0);
    });

    it("answers only children in the caller's areas, and nobody for a caller with no area", async () => {
      await index.write({ entries: [entry('c-amira', 'north', AMIRA), entry('c-zoe', 'south', ZOE), entry('c-jose', 'west', JOSE)], position: '3' });
      expect(await idsFound('smith', { areas: ['south'] })).toEqual([]);
      expect(await idsFound('smith', { areas: ['west', 'south'] })).toEqual(['c-jose']);
      expect(await idsFound('zoe', { areas: ['south'] })).toEqual(['c-zoe']);
      expect(await idsFound('zoe', { areas: [] })).toEqual([]);
      expect((await index.find({ anyOf: [], childId: 'c-zoe', areas: ['north'], page: 1, pageSize: 10 })).total).toBe(0);
    });

    it('pages the children found in child id order, counting them all', async () => {
      const ids = ['c-5', 'c-1', 'c-4', 'c-2', 'c-3'];
      await index.write({ entries: ids.map((id) => entry(id, 'north', AMIRA)), position: '5' });
      expect(await find('amira', { page: 2, pageSize: 2 })).toEqual({ childIds: ['c-3', 'c-4'], total: 5 });
      expect(await find('amira', { page: 4, pageSize: 2 })).toEqual({ childIds: [], total: 5 });
    });

    it("replaces a child's rows when they change and drops them when the child is no longer searchable", async () => {
      await index.write({ entries: [entry('c-amira', 'north', AMIRA), entry('c-zoe', 'south', ZOE)], position: '2' });
      await index.write({
        entries: [entry('c-amira', 'south', { ...AMIRA, familyName: 'Jones' }), { childId: 'c-zoe', area: undefined, termHashes: [] }],
        position: '4',
      });
      expect(await idsFound('smith')).toEqual([]);
      expect(await idsFound('amira jones', { areas: ['south'] })).toEqual(['c-amira']);
      expect(await idsFound('zoe')).toEqual([]);
      expect((await index.find({ anyOf: [], childId: 'c-zoe', areas: 'all', page: 1, pageSize: 10 })).total).toBe(0);
    });

    it('moves its checkpoint with each batch, and a clear forgets every row and the checkpoint but keeps the key', async () => {
      expect(await index.checkpoint()).toBeUndefined();
      await index.write({ entries: [entry('c-amira', 'north', AMIRA)], position: '7' });
      expect(await index.checkpoint()).toBe('7');
      expect(await (await another()).checkpoint()).toBe('7');
      const key = await index.hashKey();
      await index.clear();
      expect(await index.checkpoint()).toBeUndefined();
      expect(await idsFound('amira')).toEqual([]);
      expect((await index.hashKey()).equals(key)).toBe(true);
    });

    it('forgets an erased child at once, and no later write or rebuild brings them back, whichever process erased them', async () => {
      await index.write({ entries: [entry('c-amira', 'north', AMIRA), entry('c-jose', 'north', JOSE)], position: '2' });
      await (await another()).forget('c-amira', '2026-11-30T10:00:00.000Z');
      expect(await idsFound('smith')).toEqual(['c-jose']);
      expect((await index.find({ anyOf: [], childId: 'c-amira', areas: 'all', page: 1, pageSize: 10 })).total).toBe(0);
      await index.write({ entries: [entry('c-amira', 'north', AMIRA)], position: '3' });
      await index.clear();
      await index.write({ entries: [entry('c-amira', 'north', AMIRA), entry('c-jose', 'north', JOSE)], position: '2' });
      expect(await idsFound('smith')).toEqual(['c-jose']);
      await index.forget('c-amira', '2026-12-01T10:00:00.000Z');
      expect(await idsFound('amira')).toEqual([]);
    });

    it('says it is unavailable, in its own words, when its storage cannot be reached', async () => {
      await fixture.disconnect();
      await expect(find('smith')).rejects.toBeInstanceOf(ChildSearchUnavailableError);
    });
  });
}
