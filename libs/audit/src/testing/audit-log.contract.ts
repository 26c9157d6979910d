import { AUDIT_CHILD_IDS_SHOWN, AuditLogUnavailableError, type AuditLogStore, type NewAuditEntry } from '../audit-log.port';

export interface AuditLogFixture {
  readonly store: AuditLogStore;
  /** Another process's log on the same storage (the same DATA_DIR, the same database). */
  readonly openAnother: () => Promise<AuditLogStore>;
  /** Runs one SQL statement straight against the storage, as anyone with the application's database access could. */
  readonly runStatement: (sql: string) => Promise<void>;
  /** Takes the storage away (closes the file, ends the pool), as an outage would. */
  readonly disconnect: () => Promise<void>;
  readonly cleanup: () => Promise<void>;
}

const entry = (overrides: Partial<NewAuditEntry> = {}): NewAuditEntry => ({
  at: '2025-03-04T10:15:00.000Z',
  sub: 'manager-north',
  roles: ['manager'],
  action: 'read',
  route: 'GET /clocks?area=north',
  correlationId: 'corr-1',
  childIds: ['c2', 'c1'],
  ...overrides,
});

/** What every audit log must do, wherever it is kept: keep every entry, find them, and never let one be changed. */
export function describeAuditLogContract(name: string, makeStore: () => Promise<AuditLogFixture>): void {
  describe(`audit log contract: ${name}`, () => {
    let fixture: AuditLogFixture;
    let store: AuditLogStore;

    beforeEach(async () => {
      fixture = await makeStore();
      store = fixture.store;
    });
    afterEach(async () => {
      await store.close();
      await fixture.cleanup();
    });

    it('keeps an entry as given, naming each child once, and finds it', async () => {
      const id = await store.append(entry({ childIds: ['c2', 'c1', 'c2'] }));

      expect(await store.find({ page: 1, pageSize: 10 })).toEqual({
        items: [
          {
            id,
            at: '2025-03-04T10:15:00.000Z',
            sub: 'manager-north',
            roles: ['manager'],
            action: 'read',
            route: 'GET /clocks?area=north',
            correlationId: 'corr-1',
            childCount: 2,
            childIds: ['c1', 'c2'],
          },
        ],
        total: 1,
        page: 1,
        pageSize: 10,
      });
    });

    it('keeps a sign-in, which names no child and may carry no correlation id', async () => {
      await store.append(entry({ action: 'sign-in', route: 'POST /sign-in', correlationId: null, childIds: [] }));
      expect((await store.find({ page: 1, pageSize: 10 })).items[0]).toMatchObject({
        action: 'sign-in',
        correlationId: null,
        childCount: 0,
        childIds: [],
      });
    });

    it(`shows the first ${AUDIT_CHILD_IDS_SHOWN} children of a long answer and counts them all`, async () => {
      const many = Array.from({ length: 250 }, (_, i) => `c${String(i).padStart(3, '0')}`);
      await store.append(entry({ childIds: many }));
      const [found] = (await store.find({ page: 1, pageSize: 10 })).items;
      expect(found.childCount).toBe(250);
      expect(found.childIds).toEqual(many.slice(0, AUDIT_CHILD_IDS_SHOWN));
    });

    it('finds entries newest first, by child, by person, by day or instant, a page at a time', async () => {
      const early = await store.append(entry({ at: '2025-03-03T23:59:59.999Z', childIds: ['c1'] }));
      const morning = await store.append(entry({ at: '2025-03-04T09:00:00.000Z', sub: 'panel-north', roles: ['panel'], childIds: ['c2'] }));
      const noon = await store.append(entry({ at: '2025-03-04T12:00:00.000Z', childIds: ['c1', 'c3'] }));
      const next = await store.append(entry({ at: '2025-03-05T00:00:00.000Z', action: 'erase', childIds: ['c3'] }));
      const ids = async (filter: Parameters<AuditLogStore['find']>[0]): Promise<number[]> => (await store.find(filter)).items.map((e) => e.id);
      const all = { page: 1, pageSize: 10 };

      expect(await ids(all)).toEqual([next, noon, morning, early]);
      expect(await ids({ ...all, childId: 'c1' })).toEqual([noon, early]);
      expect(await ids({ ...all, sub: 'panel-north' })).toEqual([morning]);
      expect(await ids({ ...all, from: '2025-03-04', to: '2025-03-04' })).toEqual([noon, morning]);
      expect(await ids({ ...all, from: '2025-03-04T09:00Z', to: '2025-03-04T12:00:00Z' })).toEqual([noon, morning]);
      expect(await ids({ ...all, from: '2025-03-04T09:00:00.001Z' })).toEqual([next, noon]);
      expect(await store.find({ page: 2, pageSize: 3 })).toMatchObject({ total: 4, page: 2, pageSize: 3, items: [{ id: early }] });
      expect(await store.find({ page: 3, pageSize: 3 })).toMatchObject({ total: 4, items: [] });
    });

    it('keeps every entry when several processes write at once', async () => {
      const other = await fixture.openAnother();
      try {
        const written = await Promise.all(
          Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? store : other).append(entry({ correlationId: `corr-${i}`, childIds: [`c${i}`] }))),
        );
        expect(new Set(written).size).toBe(20);
        expect((await other.find({ page: 1, pageSize: 50 })).total).toBe(20);
      } finally {
        await other.close();
      }
    });

    it('refuses to change or remove an entry, or the children it names, even by a statement typed by hand', async () => {
      await store.append(entry());
      for (const statement of [
        "UPDATE audit_entries SET sub = 'someone-else'",
        'DELETE FROM audit_entries',
        "UPDATE audit_children SET child_id = 'c9'",
        'DELETE FROM audit_children',
      ]) {
        await expect(fixture.runStatement(statement)).rejects.toThrow(/append-only/);
      }
      expect((await store.find({ page: 1, pageSize: 10 })).items[0]).toMatchObject({ sub: 'manager-north', childIds: ['c1', 'c2'] });
    });

    it('says the log is unavailable, in its own words, when its storage cannot be reached', async () => {
      await fixture.disconnect();
      await expect(store.append(entry())).rejects.toBeInstanceOf(AuditLogUnavailableError);
      await expect(store.find({ page: 1, pageSize: 10 })).rejects.toBeInstanceOf(AuditLogUnavailableError);
    });
  });
}
