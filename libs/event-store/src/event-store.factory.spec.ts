import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEventStore } from './event-store.factory';
import { EventStoreDbEventStore } from './eventstoredb/eventstoredb.event-store';
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
});
