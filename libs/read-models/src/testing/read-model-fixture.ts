import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JOURNEY_EVENT_SCHEMA_VERSIONS, type JourneyEvent } from '@sj/domain';
import { encodeJourneyEvent, journeyStreamId, SqliteEventStore } from '@sj/event-store';
import { clocksProjection } from '../projections/clocks.projection';
import { childAreasProjection } from '../projections/child-areas.projection';
import { childrenProjection } from '../projections/children.projection';
import { suspensionsProjection } from '../projections/suspensions.projection';
import { timelinessProjection } from '../projections/timeliness.projection';
import { waitingTimesProjection } from '../projections/waiting-times.projection';
import type { Projection } from '../projection';
import { openReadModelDatabase, type ReadModelDb } from '../read-model.database';

/** A real SQLite event store and read-model file in a fresh temporary directory. */
export interface ReadModelFixture {
  readonly dir: string;
  readonly store: SqliteEventStore;
  openDb(): ReadModelDb;
  /** Appends events to a child's stream; returns each event's id (`<childId>-<n>` in stream order). */
  record(childId: string, ...events: JourneyEvent[]): Promise<string[]>;
  cleanUp(): Promise<void>;
}

export function allProjections(): Projection[] {
  return [childrenProjection, childAreasProjection, clocksProjection(), waitingTimesProjection, suspensionsProjection(), timelinessProjection];
}

export const READ_MODEL_TABLES = ['rm_children', 'rm_child_areas', 'rm_clocks', 'rm_referrals', 'rm_suspension_records', 'rm_final_plans'] as const;

/** Every row of every read model, in a stable order, for whole-table comparisons. */
export function dumpReadModels(db: ReadModelDb): Record<string, unknown[]> {
  const dump: Record<string, unknown[]> = {};
  for (const table of READ_MODEL_TABLES) {
    const columns = (db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name);
    dump[table] = db.prepare(`SELECT * FROM ${table} ORDER BY ${columns.join(', ')}`).all();
  }
  return dump;
}

export function createReadModelFixture(): ReadModelFixture {
  const dir = mkdtempSync(join(tmpdir(), 'sj-read-models-'));
  const store = new SqliteEventStore(join(dir, 'events.sqlite'), { pollIntervalMs: 10 });
  const dbs: ReadModelDb[] = [];
  const counters = new Map<string, number>();
  return {
    dir,
    store,
    openDb: () => {
      const db = openReadModelDatabase(join(dir, 'read-models.sqlite'));
      dbs.push(db);
      return db;
    },
    record: async (childId, ...events) => {
      const ids: string[] = [];
      const encoded = events.map((event) => {
        const n = counters.get(childId) ?? 0;
        counters.set(childId, n + 1);
        const eventId = `${childId}-${n}`;
        ids.push(eventId);
        return encodeJourneyEvent(event, {
          eventId,
          recordedAt: '2025-06-30T09:00:00.000Z',
          recordedBy: 'test',
          correlationId: childId,
          schemaVersion: JOURNEY_EVENT_SCHEMA_VERSIONS[event.type],
        });
      });
      await store.append(journeyStreamId(childId), encoded, 'any');
      return ids;
    },
    cleanUp: async () => {
      for (const db of dbs) if (db.open) db.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
