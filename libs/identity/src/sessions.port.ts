import type { Session } from './session';

/** Where sessions are kept: one row each, found by the hash of the id the browser holds. */
export interface SessionStore {
  create(session: Session): Promise<void>;
  find(idHash: string): Promise<Session | undefined>;
  /** Records activity, for the idle time-out. */
  touch(idHash: string, lastSeenAt: string): Promise<void>;
  delete(idHash: string): Promise<void>;
  /** Ends every session of one person (their account was disabled or reset); answers how many. */
  deleteForSubject(sub: string): Promise<number>;
  /** Housekeeping: removes sessions idle since before `idleBefore` or past their absolute end at `now`. */
  deleteEnded(idleBefore: string, now: string): Promise<number>;
}
