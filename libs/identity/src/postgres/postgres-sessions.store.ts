import type { Pool } from 'pg';
import type { Session, SignInMethod } from '../session';
import type { SessionStore } from '../sessions.port';
import type { Areas, Role } from '../roles';
import { isoOf, onIdentityDatabase } from './identity-database';

interface SessionRow {
  id_hash: string;
  sub: string;
  name: string;
  roles: Role[];
  areas: Areas;
  method: SignInMethod;
  created_at: Date;
  last_seen_at: Date;
  expires_at: Date;
  csrf_token: string;
  id_token: string | null;
}

/** Sessions in PostgreSQL (IDENTITY_SCHEMA): every API process, on any host, finds the same ones. */
export class PostgresSessionStore implements SessionStore {
  constructor(private readonly pool: Pool) {}

  async create(session: Session): Promise<void> {
    await onIdentityDatabase(
      this.pool,
      `INSERT INTO sessions (id_hash, sub, name, roles, areas, method, created_at, last_seen_at, expires_at, csrf_token, id_token)
       VALUES ($1, $2, $3, $4::jsonb, $5::jsonb, $6, $7, $8, $9, $10, $11)`,
      [
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
      ],
    );
  }

  async find(idHash: string): Promise<Session | undefined> {
    const { rows } = await onIdentityDatabase<SessionRow>(this.pool, 'SELECT * FROM sessions WHERE id_hash = $1', [idHash]);
    const [row] = rows as (SessionRow | undefined)[];
    return (
      row && {
        idHash: row.id_hash,
        sub: row.sub,
        name: row.name,
        roles: row.roles,
        areas: row.areas,
        method: row.method,
        createdAt: isoOf(row.created_at),
        lastSeenAt: isoOf(row.last_seen_at),
        expiresAt: isoOf(row.expires_at),
        csrfToken: row.csrf_token,
        idToken: row.id_token,
      }
    );
  }

  async touch(idHash: string, lastSeenAt: string): Promise<void> {
    // never backwards: two requests finishing out of order keep the later time
    await onIdentityDatabase(this.pool, 'UPDATE sessions SET last_seen_at = $1 WHERE id_hash = $2 AND last_seen_at < $1', [lastSeenAt, idHash]);
  }

  async delete(idHash: string): Promise<void> {
    await onIdentityDatabase(this.pool, 'DELETE FROM sessions WHERE id_hash = $1', [idHash]);
  }

  async deleteForSubject(sub: string): Promise<number> {
    return (await onIdentityDatabase(this.pool, 'DELETE FROM sessions WHERE sub = $1', [sub])).rowCount ?? 0;
  }

  async deleteEnded(idleBefore: string, now: string): Promise<number> {
    return (await onIdentityDatabase(this.pool, 'DELETE FROM sessions WHERE last_seen_at < $1 OR expires_at <= $2', [idleBefore, now])).rowCount ?? 0;
  }
}
