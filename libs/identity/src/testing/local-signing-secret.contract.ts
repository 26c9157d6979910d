import { LOCAL_SECRET_BYTES, SigningSecretUnavailableError, type LocalSigningSecretStore } from '../signing-secret/local-signing-secret.port';

export interface SigningSecretFixture {
  readonly store: LocalSigningSecretStore;
  /** Another process's store on the same storage (the same DATA_DIR, the same database). */
  readonly openAnother: () => Promise<LocalSigningSecretStore>;
  /** Takes the storage away (the folder, the connection), as an outage would. */
  readonly disconnect: () => Promise<void>;
  readonly cleanup: () => Promise<void>;
}

/** What every keeper of the local signing secret must do, wherever it keeps it. */
export function describeLocalSigningSecretContract(name: string, makeStore: () => Promise<SigningSecretFixture>): void {
  describe(`local signing secret contract: ${name}`, () => {
    let fixture: SigningSecretFixture;
    const opened: LocalSigningSecretStore[] = [];

    beforeEach(async () => {
      fixture = await makeStore();
    });
    afterEach(async () => {
      await Promise.all(opened.splice(0).map((store) => store.close()));
      await fixture.store.close();
      await fixture.cleanup();
    });

    const another = async (): Promise<LocalSigningSecretStore> => {
      const store = await fixture.openAnother();
      opened.push(store);
      return store;
    };

    it('makes 256 random bits on first use and gives the same secret afterwards, to this process and to the next', async () => {
      const first = await fixture.store.secret();
      expect(first.length).toBe(LOCAL_SECRET_BYTES);
      expect(new Set(first).size).toBeGreaterThan(1);
      expect(await fixture.store.secret()).toEqual(first);
      expect(await (await another()).secret()).toEqual(first);
    });

    it('gives two processes starting at once the same secret', async () => {
      const others = await Promise.all([another(), another(), another()]);
      const secrets = await Promise.all([fixture.store, ...others].map((store) => store.secret()));
      for (const secret of secrets) expect(secret).toEqual(secrets[0]);
    });

    it('says the secret is unavailable, in its own words, when its storage cannot be reached', async () => {
      await fixture.disconnect();
      await expect(fixture.store.secret()).rejects.toBeInstanceOf(SigningSecretUnavailableError);
    });
  });
}
