import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalSignIn } from './local-sign-in';
import { hashPassword } from './password-hasher';
import { openIdentityDatabase, type IdentityDb } from './sqlite/identity.database';
import { SqliteLocalAccountStore } from './sqlite/sqlite-local-accounts.store';

const PASSWORD = 'correct horse battery';
const at = (time: string) => new Date(`2025-06-30T${time}:00.000Z`);

describe('signing in with a local account', () => {
  let dir: string;
  let db: IdentityDb;
  let accounts: SqliteLocalAccountStore;
  let signIn: LocalSignIn;
  let hash: string;

  beforeAll(async () => {
    hash = await hashPassword(PASSWORD);
  });

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sj-sign-in-'));
    db = openIdentityDatabase(join(dir, 'identity.sqlite'));
    accounts = new SqliteLocalAccountStore(db);
    signIn = new LocalSignIn(accounts, { maxAttempts: 3, lockMinutes: 15 });
    await accounts.add({ sub: 'cw-42', name: 'Alex Morgan', role: 'caseworker', areas: ['north'], passwordHash: hash });
  });

  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stores the password as an Argon2id hash, never as given', () => {
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=\d+,t=\d+,p=\d+\$/);
    expect(hash).not.toContain(PASSWORD);
  });

  it('signs in with the right password', async () => {
    expect(await signIn.attempt('cw-42', PASSWORD, at('09:00'))).toMatchObject({ kind: 'signed-in', account: { sub: 'cw-42', name: 'Alex Morgan' } });
  });

  it('answers a wrong password and an unknown user name alike', async () => {
    expect(await signIn.attempt('cw-42', 'not it at all', at('09:00'))).toEqual({ kind: 'rejected', sub: 'cw-42' });
    expect(await signIn.attempt('cw-99', PASSWORD, at('09:00'))).toEqual({ kind: 'rejected', sub: 'cw-99' });
  });

  it('locks the account at the third wrong password in a row, until the lock ends', async () => {
    await signIn.attempt('cw-42', 'wrong one', at('09:00'));
    await signIn.attempt('cw-42', 'wrong two', at('09:01'));
    expect(await signIn.attempt('cw-42', 'wrong three', at('09:02'))).toEqual({
      kind: 'locked',
      sub: 'cw-42',
      until: '2025-06-30T09:17:00.000Z',
      lockedNow: true,
    });
    // even the right password is refused while locked, and the lock is not said to start again
    expect(await signIn.attempt('cw-42', PASSWORD, at('09:10'))).toEqual({
      kind: 'locked',
      sub: 'cw-42',
      until: '2025-06-30T09:17:00.000Z',
      lockedNow: false,
    });
    expect(await signIn.attempt('cw-42', PASSWORD, at('09:17'))).toMatchObject({ kind: 'signed-in' });
  });

  it('starts counting again after a successful sign-in', async () => {
    await signIn.attempt('cw-42', 'wrong one', at('09:00'));
    await signIn.attempt('cw-42', 'wrong two', at('09:01'));
    await signIn.attempt('cw-42', PASSWORD, at('09:02'));
    expect(await signIn.attempt('cw-42', 'wrong three', at('09:03'))).toEqual({ kind: 'rejected', sub: 'cw-42' });
  });

  it('says an account is disabled only to someone who knows its password', async () => {
    await accounts.setDisabled('cw-42', true);
    expect(await signIn.attempt('cw-42', 'a guess at it', at('09:00'))).toEqual({ kind: 'rejected', sub: 'cw-42' });
    expect(await signIn.attempt('cw-42', PASSWORD, at('09:00'))).toEqual({ kind: 'disabled', sub: 'cw-42' });
  });

  it('does not keep a user name that could not be one', async () => {
    expect(await signIn.attempt('<script>', PASSWORD, at('09:00'))).toEqual({ kind: 'rejected', sub: null });
  });
});
