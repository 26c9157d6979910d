import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { JOURNEY_EVENT_SCHEMA_VERSIONS, type JourneyEvent } from '@sj/domain';
import { encodeJourneyEvent, journeyStreamId, SqliteEventStore } from '@sj/event-store';
import { childrenProjection, clocksProjection, ProjectionRunner, readModelsFile, SqliteReadModelStore } from '@sj/read-models';
import { alertsDatabaseFile, runClockSweep, SqliteAlertStore, sweepCandidatesFrom, type AlertStore } from '@sj/alerts';

/**
 * The daily sweep over the real read models: a 20-week clock alerts on the day it becomes due-soon
 * and the day after it falls due, with no event recorded in between.
 */
describe('alerts: the daily clock sweep', () => {
  let dir: string;
  let store: SqliteEventStore;
  let alerts: AlertStore;
  const revisions = new Map<string, number>();

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'sj-alerts-sweep-'));
    store = new SqliteEventStore(join(dir, 'events.sqlite'), { pollIntervalMs: 10 });
    alerts = SqliteAlertStore.open(alertsDatabaseFile(dir));
    revisions.clear();
  });
  afterEach(async () => {
    await alerts.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function record(childId: string, ...events: JourneyEvent[]): Promise<void> {
    for (const event of events) {
      const revision = revisions.get(childId) ?? -1;
      const eventId = randomUUID();
      await store.append(
        journeyStreamId(childId),
        [
          encodeJourneyEvent(event, {
            eventId,
            recordedAt: `${event.occurredOn}T10:00:00.000Z`,
            recordedBy: 'test',
            correlationId: eventId,
            schemaVersion: JOURNEY_EVENT_SCHEMA_VERSIONS[event.type],
          }),
        ],
        revision < 0 ? 'no-stream' : revision,
      );
      revisions.set(childId, revision + 1);
    }
  }

  async function project(): Promise<void> {
    const readModels = SqliteReadModelStore.open(readModelsFile(dir));
    try {
      await new ProjectionRunner(store, readModels, [childrenProjection, clocksProjection()]).catchUp();
    } finally {
      await readModels.close();
    }
  }

  /** Sweeps as on `day`, then answers every alert the caseworker or the area's managers have, by id. */
  const sweep = async (day: string): Promise<string[]> => {
    const readModels = SqliteReadModelStore.open(readModelsFile(dir));
    try {
      await runClockSweep({
        candidates: sweepCandidatesFrom((from, to) => readModels.dueClocks(from, to)),
        alerts,
        sweepDay: day,
        options: { recentDays: 7, warningWindowDays: 14 },
        now: new Date(`${day}T05:30:00Z`),
      });
    } finally {
      await readModels.close();
    }
    const ids = new Set<string>();
    for (const recipient of ['caseworker:cw-7', 'managers:north']) {
      for (const alert of (await alerts.listAlerts({ recipient, status: 'all', page: 1, pageSize: 50 })).items) ids.add(alert.alertId);
    }
    return [...ids].sort();
  };

  const registered = (caseworker = 'cw-7'): JourneyEvent => ({
    type: 'ChildRegistered',
    occurredOn: '2024-09-02',
    data: { givenName: 'Alex', familyName: 'Example', dateOfBirth: '2015-10-15', area: 'north', caseworker },
  });
  // Received 2025-01-06: the 20-week limit falls on 2025-05-26 (reg 13(2)); due-soon from 2025-05-12.
  const requested: JourneyEvent = { type: 'EhcNeedsAssessmentRequested', occurredOn: '2025-01-06', data: { requestId: 'r1', requestedBy: 'parent' } };
  const assess: JourneyEvent = { type: 'DecisionToAssessMade', occurredOn: '2025-02-10', data: { requestId: 'r1', decision: 'assess' } };
  // The draft in time meets the 16-week clock (reg 10(1)), leaving the 20-week one open.
  const draft: JourneyEvent = { type: 'DraftPlanIssued', occurredOn: '2025-04-01', data: { requestId: 'r1' } };

  it('a missing read-model file means nothing to sweep', async () => {
    expect(await sweep('2025-05-12')).toEqual([]);
  });

  it('raises due-soon, then breached, without any event; once each however often it sweeps', async () => {
    await record('c1', registered(), requested, assess, draft);
    await project();
    expect(await sweep('2025-05-11')).toEqual([]);
    expect(await sweep('2025-05-12')).toEqual(['clock:c1:final-plan:r1:due-soon']);
    expect(await sweep('2025-05-13')).toEqual(['clock:c1:final-plan:r1:due-soon']);
    expect(await sweep('2025-05-27')).toEqual(['clock:c1:final-plan:r1:breached', 'clock:c1:final-plan:r1:due-soon']);
    expect(await sweep('2025-05-27')).toHaveLength(2);
    const breach = await alerts.findAlert('clock:c1:final-plan:r1:breached');
    expect(breach?.recipients).toEqual(['caseworker:cw-7', 'managers:north']);
    expect(breach?.facts).toMatchObject({ clock: 'final-plan', dueOn: '2025-05-26', daysOverdue: 1 });
  });

  it('raises nothing once FinalPlanIssued is recorded in time', async () => {
    await record('c2', registered(), requested, assess, draft, {
      type: 'FinalPlanIssued',
      occurredOn: '2025-04-28',
      data: { requestId: 'r1', placement: 'Oakfield Primary' },
    });
    await project();
    expect(await sweep('2025-05-12')).toEqual([]);
    expect(await sweep('2025-05-27')).toEqual([]);
  });

  it('a breach first found in the next school year is still alerted, once', async () => {
    await record('c3', registered(), requested, assess, draft);
    await project();
    expect(await sweep('2025-10-06')).toEqual(['clock:c3:final-plan:r1:breached']);
    expect(await sweep('2025-10-07')).toEqual(['clock:c3:final-plan:r1:breached']);
    expect(await alerts.unqueuedNotices(10)).toHaveLength(1);
  });

  it('a breach due before the previous school year is history and raises nothing', async () => {
    await record('c4', registered(), requested, assess, draft);
    await project();
    expect(await sweep('2026-09-01')).toEqual([]);
  });
});
