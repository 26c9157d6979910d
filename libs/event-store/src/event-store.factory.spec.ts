import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase } from '../../../test/support/postgres-server';
import { createEventStore } from './event-store.factory';
import { EventStoreDbEventStore } from './eventstoredb/eventstoredb.event-store';
import { PostgresEventStore } from './postgres/postgres.event-store';
import { SqliteEventStore } from './sqlite/sqlite.event-store';

describe('createEventStore', () => {
  it('puts the SQLite store at <dataDir>/events.sqlite', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sj-factory-'));
    const store = createEventStore({ kind: 'sqlite', dataDir: dir });
    try {
      expect(store).toBeInstanceOf(SqliteEventStore);
      expect(existsSync(join(dir, 'events.sqlite'))).toBe(true);
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('builds the EventStoreDB adapter from the connection string, and refuses to without one', async () => {
    const store = createEventStore({ kind: 'eventstoredb', dataDir: '/unused', connectionString: 'esdb://127.0.0.1:2113?tls=false' });
    expect(store).toBeInstanceOf(EventStoreDbEventStore);
    await store.close();
    expect(() => createEventStore({ kind: 'eventstoredb', dataDir: '/unused' })).toThrow(/EVENTSTORE_CONNECTION_STRING/);
  });

  it('builds the PostgreSQL store on DATABASE_URL, creating its tables, and refuses to without one', async () => {
    const db = await createTestDatabase('factory');
    const store = createEventStore({ kind: 'postgres', dataDir: '/unused', databaseUrl: db.url });
    try {
      expect(store).toBeInstanceOf(PostgresEventStore);
      await expect(
        store.append('journey-1', [{ eventId: 'e-1', type: 'ChildRegistered', data: {}, metadata: {} }], 'no-stream'),
      ).resolves.toMatchObject({
        nextExpectedRevision: 0,
      });
    } finally {
      await store.close();
      await db.drop();
    }
    expect(() => createEventStore({ kind: 'postgres', dataDir: '/unused' })).toThrow(/DATABASE_URL/);
  });
});
