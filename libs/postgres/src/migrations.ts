import type { Pool, PoolClient } from 'pg';

/** One schema change, applied once, in version order, inside a transaction. */
export interface Migration {
  /** 1, 2, 3…: a component's migrations are numbered without gaps. */
  readonly version: number;
  /** Recorded beside the version, so a release whose migration 2 means something else is refused. */
  readonly name: string;
  readonly sql: string;
}

/** The tables one store owns (the event store, the read models, the audit log…) and how they came to be. */
export interface SchemaComponent {
  /** Unique across the application, e.g. `event-store`. */
  readonly component: string;
  readonly migrations: readonly Migration[];
}

export interface MigrationReport {
  readonly component: string;
  /** Versions this run applied (none when the database was already up to date). */
  readonly applied: readonly number[];
  readonly version: number;
}

/** The database cannot be brought to what this release expects; nothing of the failing component was changed. */
export class MigrationError extends Error {
  constructor(
    readonly component: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`${component}: ${message}`, options);
    this.name = 'MigrationError';
  }
}

/* Every process that starts runs migrations: the lock makes the second one wait, then find nothing to do. */
const MIGRATION_LOCK = "hashtext('send-journeys schema migrations')";

const LEDGER = `
  CREATE TABLE IF NOT EXISTS schema_migrations (
    component text NOT NULL,
    version integer NOT NULL,
    name text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (component, version)
  )`;

/**
 * Brings one component's tables to its newest version. All pending migrations go in one transaction: a failure
 * leaves the component as it was. A database already ahead of this release (a newer version ran against it) is
 * refused rather than used, since this code would not know the newer tables' rules.
 */
export async function migrate(pool: Pool, schema: SchemaComponent): Promise<MigrationReport> {
  checkNumbering(schema);
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query(`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK})`);
    await client.query(LEDGER);
    const applied = await pending(client, schema);
    for (const migration of applied) {
      try {
        await client.query(migration.sql);
      } catch (error) {
        throw new MigrationError(schema.component, `migration ${migration.version} (${migration.name}) failed: ${(error as Error).message}`, {
          cause: error,
        });
      }
      await client.query('INSERT INTO schema_migrations (component, version, name) VALUES ($1, $2, $3)', [
        schema.component,
        migration.version,
        migration.name,
      ]);
    }
    await client.query('COMMIT');
    return { component: schema.component, applied: applied.map((m) => m.version), version: schema.migrations.length };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/** Every component in order, each in its own transaction. */
export async function migrateAll(pool: Pool, schemas: readonly SchemaComponent[]): Promise<MigrationReport[]> {
  const reports: MigrationReport[] = [];
  for (const schema of schemas) reports.push(await migrate(pool, schema));
  return reports;
}

async function pending(client: PoolClient, schema: SchemaComponent): Promise<Migration[]> {
  const { rows } = await client.query<{ version: number; name: string }>(
    'SELECT version, name FROM schema_migrations WHERE component = $1 ORDER BY version',
    [schema.component],
  );
  const known = schema.migrations.length;
  for (const row of rows) {
    if (row.version > known) {
      throw new MigrationError(
        schema.component,
        `the database is at version ${rows[rows.length - 1].version}, newer than this release knows (${known}): run the newer release`,
      );
    }
    const expected = schema.migrations[row.version - 1];
    if (expected.name !== row.name) {
      throw new MigrationError(schema.component, `version ${row.version} was applied as "${row.name}" but this release calls it "${expected.name}"`);
    }
  }
  return schema.migrations.slice(rows.length);
}

function checkNumbering(schema: SchemaComponent): void {
  schema.migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new MigrationError(
        schema.component,
        `migrations must be numbered 1, 2, 3… without gaps; found ${migration.version} at place ${index + 1}`,
      );
    }
  });
}
