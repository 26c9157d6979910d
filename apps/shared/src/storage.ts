import { auditLogFile, PostgresAuditLog, SqliteAuditLog, type AuditLogStore } from '@sj/audit';
import { alertsDatabaseFile, PostgresAlertStore, SqliteAlertStore, type AlertStore } from '@sj/alerts';
import type { AppConfig } from '@sj/config';
import { childKeysFile, PostgresChildKeyStore, SqliteChildKeyStore, type ChildKeyStore } from '@sj/event-store';
import {
  FileSigningSecretStore,
  openPostgresIdentityStores,
  openSqliteIdentityStores,
  PostgresSigningSecretStore,
  type IdentityStores,
  type LocalSigningSecretStore,
} from '@sj/identity';
import {
  PostgresChildSearchIndex,
  PostgresReadModelStore,
  readModelsFile,
  SqliteChildSearchIndex,
  SqliteReadModelStore,
  type ChildSearchIndex,
  type ReadModelStore,
} from '@sj/read-models';
import type { Pool } from 'pg';

/*
 * Where each store other than the event log lives. With DATABASE_URL set, every one is in
 * PostgreSQL (its tables brought to this release's version as it opens) and nothing is written to DATA_DIR, so
 * API processes can run on any host; without it, each is a file in DATA_DIR, as a newcomer runs it.
 * A process passes its pool (POSTGRES_POOL); a one-off command passes none and each store opens a small pool
 * of its own, ended by the store's close().
 */

function postgres(config: AppConfig, pool: Pool | null | undefined): string | Pool | undefined {
  return config.databaseUrl === undefined ? undefined : (pool ?? config.databaseUrl);
}

/** Local accounts and sign-in sessions. */
export function openIdentityStores(config: AppConfig, pool?: Pool | null): Promise<IdentityStores> {
  const connection = postgres(config, pool);
  return connection === undefined ? Promise.resolve(openSqliteIdentityStores(config.dataDir)) : openPostgresIdentityStores(connection);
}

/** The embedded default's HS256 signing secret. */
export async function openLocalSigningSecret(config: AppConfig, pool?: Pool | null): Promise<LocalSigningSecretStore> {
  const connection = postgres(config, pool);
  return connection === undefined ? new FileSigningSecretStore(config.dataDir) : PostgresSigningSecretStore.open(connection);
}

/** The children's encryption keys (crypto-shredding: erasure destroys a child's key). */
export async function openChildKeyStore(config: AppConfig, pool?: Pool | null): Promise<ChildKeyStore> {
  const connection = postgres(config, pool);
  return connection === undefined ? new SqliteChildKeyStore(childKeysFile(config.dataDir)) : PostgresChildKeyStore.open(connection);
}

/** The append-only audit log of reads, erasures and sign-ins. */
export async function openAuditLog(config: AppConfig, pool?: Pool | null): Promise<AuditLogStore> {
  const connection = postgres(config, pool);
  return connection === undefined ? new SqliteAuditLog(auditLogFile(config.dataDir)) : PostgresAuditLog.open(connection);
}

/** The alert inbox and outbox (with the outbox consumer's checkpoint). */
export async function openAlertStore(config: AppConfig, pool?: Pool | null): Promise<AlertStore> {
  const connection = postgres(config, pool);
  return connection === undefined ? SqliteAlertStore.open(alertsDatabaseFile(config.dataDir)) : PostgresAlertStore.open(connection);
}

/**
 * The read models: the worker's projections write them (`writer`); the API's queries, /health and the sweep read
 * them. On SQLite a reader is query-only and answers empty until the worker has created the file.
 */
export async function openReadModelStore(config: AppConfig, pool: Pool | null | undefined, access: 'reader' | 'writer'): Promise<ReadModelStore> {
  const connection = postgres(config, pool);
  if (connection !== undefined) return PostgresReadModelStore.open(connection);
  const file = readModelsFile(config.dataDir);
  return access === 'writer' ? SqliteReadModelStore.open(file) : SqliteReadModelStore.reader(file);
}

/** The index of keyed hashes children are found by (the worker writes it; the API searches it and forgets the erased). */
export function openChildSearchIndex(config: AppConfig, pool?: Pool | null): Promise<ChildSearchIndex> {
  const connection = postgres(config, pool);
  return connection === undefined ? SqliteChildSearchIndex.open(config.dataDir) : PostgresChildSearchIndex.open(connection);
}
