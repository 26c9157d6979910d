import { IdentityStoreUnavailableError } from '../identity-store.errors';
import type { Session } from '../session';
import type { SessionStore } from '../sessions.port';
import type { ContractFixture } from './local-accounts.contract';

const session = (idHash: string, overrides: Partial<Session> = {}): Session => ({
  idHash,
  sub: 'cw-42',
  name: 'Alex Morgan',
  roles: ['caseworker'],
  areas: ['north'],
  method: 'local',
  createdAt: '2025-06-30T09:00:00.000Z',
  lastSeenAt: '2025-06-30T09:00:00.000Z',
  expiresAt: '2025-06-30T19:00:00.000Z',
  csrfToken: `csrf-${idHash}`,
  idToken: null,
  ...overrides,
});

/** What every session store must do, whatever database holds it. */
export function describeSessionStoreContract(name: string, makeStore: () => Promise<ContractFixture<SessionStore>>): void {
  describe(`session store contract: ${name}`, () => {
    let fixture: ContractFixture<SessionStore>;
    let store: SessionStore;

    beforeEach(async () => {
      fixture = await makeStore();
      store = fixture.store;
    });
    afterEach(() => fixture.cleanup());

    it('finds a session by the hash of its id, exactly as created', async () => {
      const created = session('a1');
      await store.create(created);
      expect(await store.find('a1')).toEqual(created);
    });

    it("keeps an identity provider's session with its ID token and an admin's areas", async () => {
      const created = session('b2', { method: 'oidc', roles: ['admin'], areas: 'all', idToken: 'eyJ.header.sig' });
      await store.create(created);
      expect(await store.find('b2')).toEqual(created);
    });

    it('finds nothing for an id never issued', async () => {
      expect(await store.find('never')).toBeUndefined();
    });

    it('moves the last activity forward, never back', async () => {
      await store.create(session('c3'));
      await store.touch('c3', '2025-06-30T09:20:00.000Z');
      await store.touch('c3', '2025-06-30T09:10:00.000Z');
      expect((await store.find('c3'))?.lastSeenAt).toBe('2025-06-30T09:20:00.000Z');
    });

    it('forgets a session once deleted, and deleting it again is harmless', async () => {
      await store.create(session('d4'));
      await store.delete('d4');
      await store.delete('d4');
      expect(await store.find('d4')).toBeUndefined();
    });

    it("ends every session of one person and leaves everyone else's", async () => {
      await store.create(session('e1'));
      await store.create(session('e2'));
      await store.create(session('e3', { sub: 'panel-north' }));
      expect(await store.deleteForSubject('cw-42')).toBe(2);
      expect(await store.find('e1')).toBeUndefined();
      expect(await store.find('e3')).toBeDefined();
    });

    it('sweeps sessions idle too long or past their end, keeping active ones', async () => {
      await store.create(session('idle', { lastSeenAt: '2025-06-30T09:00:00.000Z' }));
      await store.create(session('over', { lastSeenAt: '2025-06-30T18:59:00.000Z', expiresAt: '2025-06-30T19:00:00.000Z' }));
      await store.create(session('live', { lastSeenAt: '2025-06-30T18:59:00.000Z', expiresAt: '2025-06-30T23:00:00.000Z' }));
      expect(await store.deleteEnded('2025-06-30T18:30:00.000Z', '2025-06-30T19:00:00.000Z')).toBe(2);
      expect(await store.find('live')).toBeDefined();
      expect(await store.find('idle')).toBeUndefined();
      expect(await store.find('over')).toBeUndefined();
    });

    it('says the store is unavailable, in its own words, when its database cannot be reached', async () => {
      await store.create(session('f1'));
      await fixture.disconnect();
      await expect(store.find('f1')).rejects.toBeInstanceOf(IdentityStoreUnavailableError);
      await expect(store.touch('f1', '2025-06-30T09:30:00.000Z')).rejects.toBeInstanceOf(IdentityStoreUnavailableError);
    });
  });
}
