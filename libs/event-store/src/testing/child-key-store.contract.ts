import { ChildKeyStoreUnavailableError, PersonalDataErasedError, type ChildKeyStore } from '../personal-data/child-key-store.port';

export interface ChildKeyStoreFixture {
  readonly store: ChildKeyStore;
  /** Another process's store on the same storage (the same DATA_DIR, the same database). */
  readonly openAnother: () => Promise<ChildKeyStore>;
  /** Every byte the store keeps on disk for its live data (files, WAL it still needs), flushed first. */
  readonly storedBytes: () => Promise<Buffer>;
  /** Takes the storage away (closes the file, ends the pool), as an outage would. */
  readonly disconnect: () => Promise<void>;
  readonly cleanup: () => Promise<void>;
}

const ERASED_AT = '2025-02-01T09:30:00.000Z';

/** What every child key store must do, wherever it keeps the keys: crypto-shredding depends on each of these. */
export function describeChildKeyStoreContract(name: string, makeStore: () => Promise<ChildKeyStoreFixture>): void {
  describe(`child key store contract: ${name}`, () => {
    let fixture: ChildKeyStoreFixture;
    let store: ChildKeyStore;
    const opened: ChildKeyStore[] = [];

    beforeEach(async () => {
      fixture = await makeStore();
      store = fixture.store;
    });
    afterEach(async () => {
      await Promise.all(opened.splice(0).map((other) => other.close()));
      await store.close();
      await fixture.cleanup();
    });

    const another = async (): Promise<ChildKeyStore> => {
      const other = await fixture.openAnother();
      opened.push(other);
      return other;
    };

    it("makes a child's 256-bit key on first use and gives the same key afterwards, to every process", async () => {
      const key = await store.keyFor('c1');
      expect(key.length).toBe(32);
      expect(await store.keyFor('c1')).toEqual(key);
      expect(await (await another()).keyFor('c1')).toEqual(key);
      expect(await store.keyFor('c2')).not.toEqual(key);
    });

    it("gives processes making a child's first key at once the same key", async () => {
      const stores = [store, await another(), await another()];
      const keys = await Promise.all(stores.flatMap((each) => [each.keyFor('c1'), each.keyFor('c1')]));
      for (const key of keys) expect(key).toEqual(keys[0]);
    });

    it('answers for many children at once: their keys, their erasures, and nothing for a child never seen', async () => {
      const k1 = await store.keyFor('c1');
      const k2 = await store.keyFor('c2');
      await store.keyFor('c3');
      await store.destroy('c3', ERASED_AT);

      const known = await store.existingKeys(['c1', 'c2', 'c3', 'never-seen', 'c1']);

      expect(known).toEqual(
        new Map<string, Buffer | 'erased'>([
          ['c1', k1],
          ['c2', k2],
          ['c3', 'erased'],
        ]),
      );
      expect(await store.existingKeys([])).toEqual(new Map());
    });

    it('erases a child for good: the key is gone, a new one is refused, and erasing again keeps the first time', async () => {
      const kept = await store.keyFor('c2');
      await store.keyFor('c1');

      expect(await store.destroy('c1', ERASED_AT)).toEqual({ erasedAt: ERASED_AT, alreadyErased: false });
      expect(await store.destroy('c1', '2025-03-01T00:00:00.000Z')).toEqual({ erasedAt: ERASED_AT, alreadyErased: true });

      expect((await store.existingKeys(['c1'])).get('c1')).toBe('erased');
      await expect(store.keyFor('c1')).rejects.toBeInstanceOf(PersonalDataErasedError);
      await expect((await another()).keyFor('c1')).rejects.toBeInstanceOf(PersonalDataErasedError);
      expect(await store.keyFor('c2')).toEqual(kept);
    });

    it('records the erasure of a child who never had a key, so none can be made later', async () => {
      expect(await store.destroy('c9', ERASED_AT)).toEqual({ erasedAt: ERASED_AT, alreadyErased: false });
      await expect(store.keyFor('c9')).rejects.toBeInstanceOf(PersonalDataErasedError);
    });

    it("leaves no copy of a destroyed key's bytes in the store's live data", async () => {
      // the newest of three: no older neighbour is moved over the space it leaves
      const before = await store.keyFor('c0');
      const after = await store.keyFor('c2');
      const destroyed = await store.keyFor('c1');
      expect((await fixture.storedBytes()).includes(destroyed)).toBe(true);

      await store.destroy('c1', ERASED_AT);

      const bytes = await fixture.storedBytes();
      expect(bytes.includes(destroyed)).toBe(false);
      expect(bytes.includes(before) && bytes.includes(after)).toBe(true);
    });

    it('says the key store is unavailable, in its own words, when its storage cannot be reached', async () => {
      await store.keyFor('c1');
      await fixture.disconnect();
      await expect(store.keyFor('c1')).rejects.toBeInstanceOf(ChildKeyStoreUnavailableError);
      await expect(store.existingKeys(['c1'])).rejects.toBeInstanceOf(ChildKeyStoreUnavailableError);
      await expect(store.destroy('c1', ERASED_AT)).rejects.toBeInstanceOf(ChildKeyStoreUnavailableError);
    });
  });
}
