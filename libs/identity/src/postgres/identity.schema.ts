import type { SchemaComponent } from '@sj/postgres';

/**
 * Local accounts and sessions in PostgreSQL, so any number of API processes on any host share who is signed in.
 * Instants are `timestamptz`; areas and roles are JSON as the port gives them (an admin's areas are `"all"`).
 */
export const IDENTITY_SCHEMA: SchemaComponent = {
  component: 'identity',
  migrations: [
    {
      version: 1,
      name: 'local accounts and sessions',
      sql: `
        CREATE TABLE local_accounts (
          sub text PRIMARY KEY,
          name text NOT NULL,
          role text NOT NULL,
          areas jsonb NOT NULL,
          password_hash text NOT NULL,
          disabled boolean NOT NULL DEFAULT false,
          failed_attempts integer NOT NULL DEFAULT 0,
          locked_until timestamptz
        );
        CREATE TABLE sessions (
          id_hash text PRIMARY KEY,
          sub text NOT NULL,
          name text NOT NULL,
          roles jsonb NOT NULL,
          areas jsonb NOT NULL,
          method text NOT NULL CHECK (method IN ('local', 'oidc')),
          created_at timestamptz NOT NULL,
          last_seen_at timestamptz NOT NULL,
          expires_at timestamptz NOT NULL,
          csrf_token text NOT NULL,
          id_token text
        );
        CREATE INDEX sessions_by_sub ON sessions (sub);
        CREATE INDEX sessions_by_last_seen ON sessions (last_seen_at);
      `,
    },
  ],
};
