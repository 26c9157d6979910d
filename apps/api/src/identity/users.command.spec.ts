import { LocalSignIn, openSqliteIdentityStores, SessionManager } from '@sj/identity';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { ensureDemoAccounts, DEMO_ACCOUNTS, DEMO_PASSWORD } from './demo-accounts';
import { runUsersCommand } from './users.command';

const PASSWORD = 'kettle umbrella harbour';
const NOW = new Date('2025-06-30T09:00:00.000Z');

/** Runs `npm run users -- …` as a script would: the password on standard input, not a terminal. */
async function users(dataDir: string, args: string[], stdin = ''): Promise<{ code: number; out: string; err: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c: Buffer) => (out += c.toString()));
  stderr.on('data', (c: Buffer) => (err += c.toString()));
  const code = await runUsersCommand(['users', ...args], { stdin: Readable.from([stdin]), stdout, stderr }, { DATA_DIR: dataDir });
  return { code, out, err };
}

describe('npm run users: local accounts for the embedded default', () => {
  let dataDir: string;

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'sj-users-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  async function signInAs(sub: string, password: string) {
    const stores = openSqliteIdentityStores(dataDir);
    try {
      return await new LocalSignIn(stores.accounts, { maxAttempts: 5, lockMinutes: 15 }).attempt(sub, password, NOW);
    } finally {
      await stores.close();
    }
  }

  it('adds a caseworker in two areas who can then sign in with the password typed, never printed', async () => {
    const added = await users(
      dataDir,
      ['add', '--sub', 'cw-42', '--name', 'Alex Morgan', '--role', 'caseworker', '--area', 'north', '--area', 'south'],
      `${PASSWORD}\n`,
    );
    expect(added).toEqual({ code: 0, out: 'added cw-42 (Alex Morgan), caseworker, north, south\n', err: '' });
    expect(await signInAs('cw-42', PASSWORD)).toMatchObject({
      kind: 'signed-in',
      account: { name: 'Alex Morgan', role: 'caseworker', areas: ['north', 'south'] },
    });
  });

  it('refuses a password shorter than twelve characters and adds nobody', async () => {
    const added = await users(dataDir, ['add', '--sub', 'cw-42', '--name', 'Alex Morgan', '--role', 'caseworker', '--area', 'north'], 'short\n');
    expect(added.code).toBe(1);
    expect(added.err).toContain('at least 12 characters');
    expect(added.err).not.toContain('short\n');
    expect(await signInAs('cw-42', 'short')).toMatchObject({ kind: 'rejected' });
  });

  it('names what is missing or wrong in the command and shows how to use it', async () => {
    const noArea = await users(dataDir, ['add', '--sub', 'cw-42', '--name', 'Alex Morgan', '--role', 'caseworker'], `${PASSWORD}\n`);
    expect(noArea.err).toContain('--area is required');
    const badRole = await users(dataDir, ['add', '--sub', 'cw-42', '--name', 'Alex Morgan', '--role', 'boss', '--area', 'north'], `${PASSWORD}\n`);
    expect(badRole.err).toContain('--role must be one of caseworker, panel, manager, admin');
    expect(badRole.err).toContain('usage: npm run users --');
    expect((await users(dataDir, ['add', '--sub', 'cw-42', '--colour', 'red'])).err).toContain("Unknown option '--colour'");
  });

  it('refuses to add the same user name twice', async () => {
    await users(dataDir, ['add', '--sub', 'cw-42', '--name', 'Alex Morgan', '--role', 'caseworker', '--area', 'north'], `${PASSWORD}\n`);
    const again = await users(dataDir, ['add', '--sub', 'cw-42', '--name', 'Other', '--role', 'panel', '--area', 'north'], `${PASSWORD}\n`);
    expect(again.code).toBe(1);
    expect(again.err).toContain('there is already an account cw-42');
  });

  it('disables an account, ending the sessions it has open, and enables it again', async () => {
    await users(dataDir, ['add', '--sub', 'cw-42', '--name', 'Alex Morgan', '--role', 'caseworker', '--area', 'north'], `${PASSWORD}\n`);
    const stores = openSqliteIdentityStores(dataDir);
    const sessions = new SessionManager(stores.sessions, { idleMinutes: 30, absoluteHours: 10 });
    const { sessionId } = await sessions.start({ sub: 'cw-42', name: 'Alex Morgan', roles: ['caseworker'], areas: ['north'], method: 'local' }, NOW);
    try {
      expect(await users(dataDir, ['disable', '--sub', 'cw-42'])).toMatchObject({ code: 0, out: 'disabled cw-42; ended 1 open session(s)\n' });
      expect(await sessions.resume(sessionId, NOW)).toEqual({ ended: 'unknown' });
      expect(await signInAs('cw-42', PASSWORD)).toEqual({ kind: 'disabled', sub: 'cw-42' });
      expect(await users(dataDir, ['enable', '--sub', 'cw-42'])).toMatchObject({ code: 0, out: 'enabled cw-42\n' });
      expect(await signInAs('cw-42', PASSWORD)).toMatchObject({ kind: 'signed-in' });
    } finally {
      await stores.close();
    }
  });

  it('resets a forgotten password, lifting a lock-out', async () => {
    await users(dataDir, ['add', '--sub', 'cw-42', '--name', 'Alex Morgan', '--role', 'caseworker', '--area', 'north'], `${PASSWORD}\n`);
    for (let i = 0; i < 5; i += 1) await signInAs('cw-42', 'a wrong guess here');
    expect(await signInAs('cw-42', PASSWORD)).toMatchObject({ kind: 'locked' });
    expect(await users(dataDir, ['reset', '--sub', 'cw-42'], 'lantern meadow copper\n')).toMatchObject({ code: 0 });
    expect(await signInAs('cw-42', PASSWORD)).toMatchObject({ kind: 'rejected' });
    expect(await signInAs('cw-42', 'lantern meadow copper')).toMatchObject({ kind: 'signed-in' });
    expect((await users(dataDir, ['reset', '--sub', 'cw-99'], `${PASSWORD}\n`)).err).toContain('there is no account cw-99');
  });

  it("is refused when the council's identity provider signs people in", async () => {
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    let err = '';
    stderr.on('data', (c: Buffer) => (err += c.toString()));
    const env = {
      DATA_DIR: dataDir,
      OIDC_ISSUER: 'https://idp.example',
      OIDC_CLIENT_ID: 'c',
      OIDC_CLIENT_SECRET: 's',
      OIDC_REDIRECT_URL: 'https://send.example/sign-in/callback',
    };
    expect(await runUsersCommand(['add', '--sub', 'cw-42'], { stdin: Readable.from(['']), stdout, stderr }, env)).toBe(1);
    expect(err).toContain('local accounts are not used');
  });

  it('creates one demo account per role, each signing in with the demo password, and leaves them be when run again', async () => {
    const first = await ensureDemoAccounts({ DATA_DIR: dataDir });
    expect(first.accounts.map((a) => a.role)).toEqual(['caseworker', 'panel', 'manager', 'admin']);
    await ensureDemoAccounts({ DATA_DIR: dataDir });
    for (const account of DEMO_ACCOUNTS)
      expect(await signInAs(account.sub, DEMO_PASSWORD)).toMatchObject({ kind: 'signed-in', account: { name: account.name } });
    expect(await ensureDemoAccounts({ DATA_DIR: dataDir, NODE_ENV: 'production' })).toEqual({ accounts: [], password: '' });
  });
});
