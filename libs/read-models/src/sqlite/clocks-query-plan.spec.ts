import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JOURNEY_EVENT_SCHEMA_VERSIONS, type ClockStatus, type JourneyEvent } from '@sj/domain';
import { encodeJourneyEvent, journeyStreamId, SqliteEventStore } from '@sj/event-store';
import { ProjectionRunner } from '../projection-runner';
import { queryClocks } from '../queries/clocks.query';
import type { ReadModelSql, SqlParams } from '../sql/read-model-sql';
import { allProjections } from '../testing/read-model-fixture';
import { readModelsFile, SqliteReadModelStore, sqliteReadModelSql } from './sqlite.read-model-store';

/** The managers' queries as they run: each statement's query plan written down before it runs, and how many rows it returned. */
function explaining(sql: ReadModelSql, plans: string[], returned: number[]): ReadModelSql {
  const explain = async (text: string, params?: SqlParams): Promise<void> => {
    for (const step of await sql.rows<{ detail: string }>(`EXPLAIN QUERY PLAN ${text}`, params)) plans.push(step.detail);
  };
  return {
    dialect: sql.dialect,
    hasTables: (...tables) => sql.hasTables(...tables),
    rows: async (text, params) => {
      await explain(text, params);
      const rows = await sql.rows(text, params);
      returned.push(rows.length);
      return rows as never;
    },
    arrays: async (text, params) => {
      await explain(text, params);
      const rows = await sql.arrays(text, params);
      returned.push(rows.length);
      return rows as never;
    },
  };
}

const journey = (n: number): JourneyEvent[] => [
  {
    type: 'ChildRegistered',
    occurredOn: '2024-09-02',
    data: {
      givenName: 'Child',
      familyName: `Number ${n}`,
      dateOfBirth: '2015-05-01',
      area: n % 2 === 0 ? 'north' : 'south',
      school: 'Oak',
      caseworker: 'cw-1',
    },
  },
  {
    type: 'EhcNeedsAssessmentRequested',
    occurredOn: `2024-10-${String(1 + (n % 28)).padStart(2, '0')}`,
    data: { requestId: 'r1', requestedBy: 'parent' },
  },
];

describe("finding 2: managers' queries narrow by index before judging (SQLite query plans)", () => {
  let dir: string;
  let side: Database.Database;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sj-query-plan-'));
    const events = new SqliteEventStore(join(dir, 'events.sqlite'), { pollIntervalMs: 10 });
    for (let n = 0; n < 40; n++) {
      const childId = `c-${n}`;
      await events.append(
        journeyStreamId(childId),
        journey(n).map((event) =>
          encodeJourneyEvent(event, {
            eventId: randomUUID(),
            recordedAt: `${event.occurredOn}T09:00:00.000Z`,
            recordedBy: 'cw-1',
            correlationId: childId,
            schemaVersion: JOURNEY_EVENT_SCHEMA_VERSIONS[event.type],
          }),
        ),
        'no-stream',
      );
    }
    const readModels = SqliteReadModelStore.open(readModelsFile(dir));
    await new ProjectionRunner(events, readModels, allProjections()).catchUp();
    await readModels.close();
    await events.close();
    side = new Database(readModelsFile(dir), { readonly: true });
  });
  afterAll(() => {
    side.close();
    rmSync(dir, { recursive: true, force: true });
  });

  // north's twenty children asked for an assessment between 1 and 27 October: every decision is overdue by mid-January,
  // and in November more than a page of them falls due within the fortnight
  const asked: { asOf: string; statuses?: ClockStatus[]; overdue?: boolean }[] = [
    { asOf: '2025-01-15', statuses: ['breached'] },
    { asOf: '2024-11-12', statuses: ['due-soon'] },
    { asOf: '2024-11-20', statuses: ['breached', 'due-soon'] },
    { asOf: '2025-01-15', overdue: true },
  ];

  it.each(asked)(
    'reads the clocks of %j in an area through an index, never the whole table, and no more rows than the page shows',
    async (filter) => {
      const plans: string[] = [];
      const returned: number[] = [];
      const page = await queryClocks(explaining(sqliteReadModelSql(side), plans, returned), {
        area: 'north',
        areas: ['north'],
        page: 1,
        pageSize: 10,
        ...filter,
      });
      expect(plans.filter((step) => /\b(rm_clocks|c)\b/.test(step) && step.startsWith('SCAN'))).toEqual([]);
      expect(page.total).toBeGreaterThan(10);
      expect({ shown: page.items.length, mostRowsReadAtOnce: Math.max(...returned) }).toEqual({ shown: 10, mostRowsReadAtOnce: 10 });
    },
  );
});
