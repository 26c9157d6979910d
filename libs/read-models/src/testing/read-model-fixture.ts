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
import type { ReadModelStore } from '../read-model-store.port';
import type { SqlParams } from '../sql/read-model-sql';

/** An empty place for read models (a SQLite file, a PostgreSQL database), with a side door for tests. */
export interface ReadModelPlace {
  /** A store on the place; a test may open several one after another (a restarted worker). */
  open(): Promise<ReadModelStore>;
  /** SQL straight on the read models, beside the store, to look at rows or tamper with them: `@name` parameters. */
  rows<T>(sql: string, params?: SqlParams): Promise<T[]>;
  /** Statements without parameters, separated by semicolons. */
  exec(sql: string): Promise<void>;
  /** Closes what the place opened and removes it. */
  remove(): Promise<void>;
}

/** One kind of read-model store, as the contract suite runs it. */
export interface ReadModelAdapterUnderTest {
  readonly name: string;
  createPlace(): Promise<ReadModelPlace>;
}

/** A real SQLite event store in a fresh temporary directory, and a fresh place for the read models under test. */
export interface ReadModelFixture {
  readonly store: SqliteEventStore;
  /** Opens a read-model store on the fixture's place; closed by cleanUp. */
  openReadModels(): Promise<ReadModelStore>;
  rows<T>(sql: string, params?: SqlParams): Promise<T[]>;
  exec(sql: string): Promise<void>;
  /** Appends events to a child's stream; returns each event's id (`<childId>-<n>` in stream order). */
  record(childId: string, ...events: JourneyEvent[]): Promise<string[]>;
  cleanUp(): Promise<void>;
}

export function allProjections(): Projection[] {
  return [childrenProjection, childAreasProjection, clocksProjection(), waitingTimesProjection, suspensionsProjection(), timelinessProjection];
}

export const READ_MODEL_TABLES = [
  'rm_children',
  'rm_child_areas',
  'rm_clocks',
  'rm_referrals',
  // the waiting figures kept beside rm_referrals (projections/waiting-figures.schema.ts)
  'rm_waiting_month_ends',
  'rm_waiting_open',
  'rm_first_seen_months',
  'rm_suspension_records',
  'rm_ehc_requests',
] as const;

/** Every row of every read model, in a stable order, for whole-table comparisons. */
export async function dumpReadModels(fx: Pick<ReadModelFixture, 'rows'>): Promise<Record<string, unknown[]>> {
  const dump: Record<string, unknown[]> = {};
  for (const table of READ_MODEL_TABLES) {
    const rows = await fx.rows<Record<string, unknown>>(`SELECT * FROM ${table}`);
    dump[table] = rows
      .map((row) => ({ row, order: JSON.stringify(Object.values(row)) }))
      .sort((a, b) => (a.order < b.order ? -1 : a.order > b.order ? 1 : 0))
      .map(({ row }) => row);
  }
  return dump;
}

export async function createReadModelFixture(adapter: ReadModelAdapterUnderTest): Promise<ReadModelFixture> {
  const dir = mkdtempSync(join(tmpdir(), 'sj-read-models-'));
  const store = new SqliteEventStore(join(dir, 'events.sqlite'), { pollIntervalMs: 10 });
  const place = await adapter.createPlace();
  const opened: ReadModelStore[] = [];
  const counters = new Map<string, number>();
  return {
    store,
    openReadModels: async () => {
      const readModels = await place.open();
      opened.push(readModels);
      return readModels;
    },
    rows: (sql, params) => place.rows(sql, params),
    exec: (sql) => place.exec(sql),
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
      await Promise.all(opened.splice(0).map((readModels) => readModels.close()));
      await place.remove();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
