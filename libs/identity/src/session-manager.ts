import type { Session, SignInMethod } from './session';
import { newCsrfToken, newSessionId, SESSION_ID, sessionIdHash } from './session-ids';
import { absoluteExpiry, idleCutoff, needsTouch, sessionVerdict, type SessionTimeouts } from './session-timeouts.policy';
import type { SessionStore } from './sessions.port';
import type { Areas, Role } from './roles';

export interface SignedInPerson {
  readonly sub: string;
  readonly name: string;
  readonly roles: readonly Role[];
  readonly areas: Areas;
  readonly method: SignInMethod;
  readonly idToken?: string | null;
}

/** A session found for a cookie, or why none stands: never seen (or signed out), idle too long, or past its end. */
export type ResumedSession = { readonly session: Session } | { readonly ended: 'unknown' | 'idle' | 'expired' };

/** Starts, finds and ends sessions, applying the time-outs; the store only keeps rows. */
export class SessionManager {
  constructor(
    private readonly store: SessionStore,
    readonly timeouts: SessionTimeouts,
  ) {}

  /**
   * A new session with a new id. Called at every sign-in, after ending the session the browser came with
   * (if any), so an id planted in the browser before sign-in is never the one that becomes signed in.
   */
  async start(person: SignedInPerson, now: Date): Promise<{ sessionId: string; session: Session }> {
    const sessionId = newSessionId();
    const session: Session = {
      idHash: sessionIdHash(sessionId),
      sub: person.sub,
      name: person.name,
      roles: [...person.roles],
      areas: person.areas === 'all' ? 'all' : [...person.areas],
      method: person.method,
      createdAt: now.toISOString(),
      lastSeenAt: now.toISOString(),
      expiresAt: absoluteExpiry(now, this.timeouts).toISOString(),
      csrfToken: newCsrfToken(),
      idToken: person.idToken ?? null,
    };
    await this.store.create(session);
    return { sessionId, session };
  }

  async resume(sessionId: string, now: Date): Promise<ResumedSession> {
    if (!SESSION_ID.test(sessionId)) return { ended: 'unknown' };
    const idHash = sessionIdHash(sessionId);
    const session = await this.store.find(idHash);
    if (session === undefined) return { ended: 'unknown' };
    const verdict = sessionVerdict(session, now, this.timeouts);
    if (verdict !== 'active') {
      await this.store.delete(idHash);
      return { ended: verdict };
    }
    if (needsTouch(session, now)) await this.store.touch(idHash, now.toISOString());
    return { session };
  }

  /** Signing out: the row goes, so the id is worthless even if a copy of the cookie survives. */
  async end(sessionId: string): Promise<Session | undefined> {
    if (!SESSION_ID.test(sessionId)) return undefined;
    const idHash = sessionIdHash(sessionId);
    const session = await this.store.find(idHash);
    await this.store.delete(idHash);
    return session;
  }

  endAllFor(sub: string): Promise<number> {
    return this.store.deleteForSubject(sub);
  }

  sweep(now: Date): Promise<number> {
    return this.store.deleteEnded(idleCutoff(now, this.timeouts).toISOString(), now.toISOString());
  }
}
