import { IdentityStoreUnavailableError } from '../identity-store.errors';
import { AccountExistsError, AccountNotFoundError, type NewLocalAccount } from '../local-account';
import type { LocalAccountStore } from '../local-accounts.port';

export interface ContractFixture<T> {
  readonly store: T;
  /** Takes the store's database away (closes the file, ends the pool), as an outage would. */
  readonly disconnect: () => Promise<void>;
  readonly cleanup: () => Promise<void>;
}

const alex: NewLocalAccount = {
  sub: 'cw-42',
  name: 'Alex Morgan',
  role: 'caseworker',
  areas: ['north', 'south'],
  passwordHash: '$argon2id$v=19$m=19456,t=2,p=1$first',
};

/** What every local-account store must do, whatever database holds it. */
export function describeLocalAccountStoreContract(name: string, makeStore: () => Promise<ContractFixture<LocalAccountStore>>): void {
  describe(`local account store contract: ${name}`, () => {
    let fixture: ContractFixture<LocalAccountStore>;
    let store: LocalAccountStore;

    beforeEach(async () => {
      fixture = await makeStore();
      store = fixture.store;
    });
    afterEach(() => fixture.cleanup());

    it('keeps a new account as given, enabled, unlocked and with no wrong attempts', async () => {
      await store.add(alex);
      expect(await store.find('cw-42')).toEqual({ ...alex, disabled: false, failedAttempts: 0, lockedUntil: null });
    });

    it("keeps an admin's areas as all areas", async () => {
      await store.add({ sub: 'admin', name: 'Sam Admin', role: 'admin', areas: 'all', passwordHash: 'h' });
      expect((await store.find('admin'))?.areas).toBe('all');
    });

    it('finds no account for a user name nobody has', async () => {
      expect(await store.find('nobody')).toBeUndefined();
    });

    it('refuses a second account with the same user name and keeps the first', async () => {
      await store.add(alex);
      await expect(store.add({ ...alex, name: 'Someone Else' })).rejects.toBeInstanceOf(AccountExistsError);
      expect((await store.find('cw-42'))?.name).toBe('Alex Morgan');
    });

    it('counts wrong passwords one by one, even when they arrive together', async () => {
      await store.add(alex);
      const counts = await Promise.all([1, 2, 3, 4, 5].map(() => store.addFailedAttempt('cw-42')));
      expect([...counts].sort()).toEqual([1, 2, 3, 4, 5]);
      expect((await store.find('cw-42'))?.failedAttempts).toBe(5);
    });

    it('counts nothing for a user name nobody has', async () => {
      expect(await store.addFailedAttempt('nobody')).toBe(0);
      expect(await store.find('nobody')).toBeUndefined();
    });

    it('locks until the given instant and starts counting wrong passwords again', async () => {
      await store.add(alex);
      await store.addFailedAttempt('cw-42');
      await store.lockUntil('cw-42', '2025-06-30T10:15:00.000Z');
      expect(await store.find('cw-42')).toMatchObject({ lockedUntil: '2025-06-30T10:15:00.000Z', failedAttempts: 0 });
    });

    it('forgets wrong attempts and the lock after a successful sign-in', async () => {
      await store.add(alex);
      await store.lockUntil('cw-42', '2025-06-30T10:15:00.000Z');
      await store.addFailedAttempt('cw-42');
      await store.clearFailedAttempts('cw-42');
      expect(await store.find('cw-42')).toMatchObject({ lockedUntil: null, failedAttempts: 0 });
    });

    it('replaces the password hash and lifts any lock when the password is reset', async () => {
      await store.add(alex);
      await store.addFailedAttempt('cw-42');
      await store.lockUntil('cw-42', '2025-06-30T10:15:00.000Z');
      await store.setPassword('cw-42', '$argon2id$second');
      expect(await store.find('cw-42')).toMatchObject({ passwordHash: '$argon2id$second', lockedUntil: null, failedAttempts: 0 });
    });

    it('disables and re-enables an account', async () => {
      await store.add(alex);
      await store.setDisabled('cw-42', true);
      expect((await store.find('cw-42'))?.disabled).toBe(true);
      await store.setDisabled('cw-42', false);
      expect((await store.find('cw-42'))?.disabled).toBe(false);
    });

    it('says there is no such account when resetting or disabling a user name nobody has', async () => {
      await expect(store.setPassword('nobody', 'h')).rejects.toBeInstanceOf(AccountNotFoundError);
      await expect(store.setDisabled('nobody', true)).rejects.toBeInstanceOf(AccountNotFoundError);
    });

    it('says the store is unavailable, in its own words, when its database cannot be reached', async () => {
      await store.add(alex);
      await fixture.disconnect();
      await expect(store.find('cw-42')).rejects.toBeInstanceOf(IdentityStoreUnavailableError);
      await expect(store.addFailedAttempt('cw-42')).rejects.toBeInstanceOf(IdentityStoreUnavailableError);
    });
  });
}
