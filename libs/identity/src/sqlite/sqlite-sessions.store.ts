import type { Session, SignInMethod } from '../session';
import type { SessionStore } from '../sessions.port';
import type { Areas, Role } from '../roles';
import { onIdentityFile, type IdentityDb } from './identity.database';

interface SessionRow {
  id_hash: string;
  sub: string;
  name: string;
  roles: string;
  areas: string;
  method: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  csrf_token: string;
  id_token: string | null;
}

export class SqliteSessionStore implements SessionStore {
  constructor(private readonly db: IdentityDb) {}

  async create(session: Session): Promise<void> {
    await onIdentityFile(() =>
      this.db
        .prepare(
          `INSERT INTO sessions (id_hash, sub, name, roles, areas, method, created_at, last_seen_at, expires_at, csrf_token, id_token)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          session.idHash,
          session.sub,
          session.name,
          JSON.stringify(session.roles),
          JSON.stringify(session.areas),
          session.method,
          session.createdAt,
          session.lastSeenAt,
          session.expiresAt,
          session.csrfToken,
          session.idToken,
        ),
    );
  }

  async find(idHash: string): Promise<Session | undefined> {
    const row = await onIdentityFile(() => this.db.prepare('SELECT * FROM sessions WHERE id_hash = ?').get(idHash) as SessionRow | undefined);
    return (
      row && {
        idHash: row.id_hash,
        sub: row.sub,
        name: row.name,
        roles: JSON.parse(row.roles) as Role[],
        areas: JSON.parse(row.areas) as Areas,
        method: row.method as SignInMethod,
        createdAt: row.created_at,
        lastSeenAt: row.last_seen_at,
        expiresAt: row.expires_at,
        csrfToken: row.csrf_token,
        idToken: row.id_token,
      }
    );
  }

  async touch(idHash: string, lastSeenAt: string): Promise<void> {
    // never backwards: two requests finishing out of order keep the later time
    await onIdentityFile(() =>
      this.db.prepare('UPDATE sessions SET last_seen_at = ? WHERE id_hash = ? AND last_seen_at < ?').run(lastSeenAt, idHash, lastSeenAt),
    );
  }

  async delete(idHash: string): Promise<void> {
    await onIdentityFile(() => this.db.prepare('DELETE FROM sessions WHERE id_hash = ?').run(idHash));
  }

  deleteForSubject(sub: string): Promise<number> {
    return onIdentityFile(() => this.db.prepare('DELETE FROM sessions WHERE sub = ?').run(sub).changes);
  }

  deleteEnded(idleBefore: string, now: string): Promise<number> {
    return onIdentityFile(() => this.db.prepare('DELETE FROM sessions WHERE last_seen_at < ? OR expires_at <= ?').run(idleBefore, now).changes);
  }
}
