import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sessionIdHash } from './session-ids';
import { SessionManager } from './session-manager';
import { openIdentityDatabase, type IdentityDb } from './sqlite/identity.database';
import { SqliteSessionStore } from './sqlite/sqlite-sessions.store';

const at = (time: string) => new Date(`2025-06-30T${time}:00.000Z`);
const alex = { sub: 'cw-42', name: 'Alex Morgan', roles: ['caseworker'] as const, areas: ['north'], method: 'local' as const };

describe('sessions with idle and absolute time-outs', () => {
  let dir: string;
  let db: IdentityDb;
  let store: SqliteSessionStore;
  let sessions: SessionManager;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'sj-sessions-'));
    db = openIdentityDatabase(join(dir, 'identity.sqlite'));
    store = new SqliteSessionStore(db);
    sessions = new SessionManager(store, { idleMinutes: 30, absoluteHours: 10 });
  });

  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps only the hash of the id the browser holds', async () => {
    const { sessionId, session } = await sessions.start(alex, at('09:00'));
    expect(session.idHash).toBe(sessionIdHash(sessionId));
    expect(JSON.stringify(await store.find(session.idHash))).not.toContain(sessionId);
  });

  it('gives every sign-in a new id and a new CSRF token', async () => {
    const first = await sessions.start(alex, at('09:00'));
    const second = await sessions.start(alex, at('09:00'));
    expect(second.sessionId).not.toBe(first.sessionId);
    expect(second.session.csrfToken).not.toBe(first.session.csrfToken);
  });

  it('stays signed in while the person keeps working, and ends after 30 idle minutes', async () => {
    const { sessionId } = await sessions.start(alex, at('09:00'));
    expect(await sessions.resume(sessionId, at('09:29'))).toMatchObject({ session: { sub: 'cw-42' } });
    expect(await sessions.resume(sessionId, at('09:58'))).toMatchObject({ session: { sub: 'cw-42' } });
    expect(await sessions.resume(sessionId, at('10:28'))).toEqual({ ended: 'idle' });
    expect(await sessions.resume(sessionId, at('10:29'))).toEqual({ ended: 'unknown' });
  });

  it('ends ten hours after sign-in however active the person is', async () => {
    const { sessionId } = await sessions.start(alex, at('08:00'));
    for (const time of [
      '08:20',
      '08:40',
      '09:00',
      '09:20',
      '09:40',
      '10:00',
      '10:20',
      '10:40',
      '11:00',
      '11:20',
      '11:40',
      '12:00',
      '12:20',
      '12:40',
      '13:00',
      '13:20',
      '13:40',
      '14:00',
      '14:20',
      '14:40',
      '15:00',
      '15:20',
      '15:40',
      '16:00',
      '16:20',
      '16:40',
      '17:00',
      '17:20',
      '17:40',
    ]) {
      expect(await sessions.resume(sessionId, at(time))).toHaveProperty('session');
    }
    expect(await sessions.resume(sessionId, at('18:00'))).toEqual({ ended: 'expired' });
  });

  it('forgets a session once signed out', async () => {
    const { sessionId } = await sessions.start(alex, at('09:00'));
    expect(await sessions.end(sessionId)).toMatchObject({ sub: 'cw-42' });
    expect(await sessions.resume(sessionId, at('09:01'))).toEqual({ ended: 'unknown' });
  });

  it('treats cookie text that is not a session id as no session, without looking it up', async () => {
    expect(await sessions.resume("' OR 1=1 --", at('09:00'))).toEqual({ ended: 'unknown' });
  });

  it('sweeps ended sessions away', async () => {
    await sessions.start(alex, at('09:00'));
    const { sessionId } = await sessions.start(alex, at('09:45'));
    expect(await sessions.sweep(at('10:00'))).toBe(1);
    expect(await sessions.resume(sessionId, at('10:00'))).toHaveProperty('session');
  });
});
