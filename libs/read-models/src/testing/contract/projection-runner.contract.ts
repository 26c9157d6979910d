import { ProjectionRunner } from '../../projection-runner';
import { childrenProjection } from '../../projections/children.projection';
import { WAITING_FIGURES_REBUILD_START } from '../../projections/waiting-figures.schema';
import type { ReadModelStore, ReadModelWriter } from '../../read-model-store.port';
import { ASHA_JOURNEY, ASHA_SUSPENSIONS, BEN_JOURNEY } from '../asha-and-ben.fixture';
import { allProjections, createReadModelFixture, dumpReadModels, type ReadModelAdapterUnderTest, type ReadModelFixture } from '../read-model-fixture';

/** The indexes and triggers on the read models, in each engine's catalogue. */
const SCHEMA_OBJECTS: Record<string, string> = {
  sqlite: `SELECT type, name FROM sqlite_master WHERE type IN ('index', 'trigger') AND name NOT LIKE 'sqlite_%' ORDER BY type, name`,
  postgres: `SELECT 'index' AS type, indexname AS name FROM pg_indexes WHERE schemaname = current_schema()
             UNION SELECT 'trigger', trigger_name FROM information_schema.triggers WHERE trigger_schema = current_schema()
             ORDER BY type, name`,
};

/* The story and its hand-worked dates: testing/asha-and-ben.fixture.ts. */
const asha = 'asha';
const ben = 'ben';

const ASHA_CHILD_ROW = {
  child_id: asha,
  area: 'north',
  school: 'Oak Primary',
  caseworker: 'cw-1',
  registered_on: '2024-01-02',
  case_closed_on: null,
};
const EHC_CLOCKS = [
  {
    clock: 'decision-to-assess',
    clock_key: 'req-1',
    started_on: '2024-01-10',
    due_on: '2024-02-21',
    stopped_on: '2024-02-01',
    closed_on: null,
    open_until: '2024-02-01',
  },
  {
    clock: 'plan-decision',
    clock_key: 'req-1',
    started_on: '2024-01-10',
    due_on: '2024-05-01',
    stopped_on: '2024-05-01',
    closed_on: null,
    open_until: '2024-05-01',
  },
  {
    clock: 'final-plan',
    clock_key: 'req-1',
    started_on: '2024-01-10',
    due_on: '2024-05-29',
    stopped_on: '2024-05-20',
    closed_on: null,
    open_until: '2024-05-20',
  },
  {
    clock: 'autism-assessment-start',
    clock_key: 'asd-1',
    started_on: '2024-03-01',
    due_on: '2024-06-01',
    stopped_on: null,
    closed_on: null,
    open_until: '9999-12-31',
  },
];
const REFERRAL_ROWS = [
  {
    child_id: asha,
    referral_id: 'asd-1',
    service: 'autism-assessment',
    received_on: '2024-03-01',
    pre_assessment_started_on: '2024-03-20',
    triaged_on: null,
    initial_appointment_on: null,
    diagnostic_outcome_on: null,
    waiting_from: '2024-03-01',
    open_until: '9999-12-31',
    received_day: 19783,
    waiting_from_day: 19783,
    open_until_day: 2932896,
    seen_day: null,
    area: 'north',
    area_from: '0001-01-01',
  },
  {
    child_id: ben,
    referral_id: 'camhs-1',
    service: 'camhs',
    received_on: '2024-06-03',
    pre_assessment_started_on: null,
    triaged_on: null,
    initial_appointment_on: '2024-06-24',
    diagnostic_outcome_on: null,
    waiting_from: '2024-06-03',
    open_until: '2024-06-24',
    received_day: 19877,
    waiting_from_day: 19877,
    open_until_day: 19898,
    seen_day: 19898,
    area: 'south',
    area_from: '0001-01-01',
  },
];
// Asha's suspensions are her events 8 to 10 (stream revisions 7 to 9)
const SUSPENSION_RECORD_ROWS = [
  {
    child_id: asha,
    kind: 'suspension',
    record_id: 's1',
    school: 'Oak Primary',
    occurred_on: '2024-09-10',
    school_year: 2024,
    term: 'autumn',
    school_days: 2,
    reason: 'persistent-disruptive-behaviour',
    revision: 7,
    ended_on: null,
    area: 'north',
  },
  {
    child_id: asha,
    kind: 'suspension',
    record_id: 's2',
    school: 'Oak Primary',
    occurred_on: '2024-10-01',
    school_year: 2024,
    term: 'autumn',
    school_days: 3,
    reason: 'verbal-abuse-against-adult',
    revision: 8,
    ended_on: null,
    area: 'north',
  },
  {
    child_id: asha,
    kind: 'suspension',
    record_id: 's3',
    school: 'Oak Primary',
    occurred_on: '2025-01-15',
    school_year: 2024,
    term: 'spring',
    school_days: 1,
    reason: 'damage',
    revision: 9,
    ended_on: null,
    area: 'north',
  },
];
/** Asha's school year 2024 as `GET /suspensions` reads it from those rows. */
const ASHA_SUSPENSION_YEAR = {
  childId: asha,
  area: 'north',
  school: 'Oak Primary',
  schoolYear: 2024,
  suspensionCount: 3,
  suspensionDays: 6,
  terms: { autumn: { count: 2, days: 5 }, spring: { count: 1, days: 1 }, summer: { count: 0, days: 0 } },
  overTermLimit: false,
  overYearLimit: false,
  triggeredOn: '2025-01-15',
  permanentExclusions: 0,
};

async function ashaSuspensionYear(readModels: ReadModelStore): Promise<unknown> {
  return (await readModels.suspensions({ page: 1, pageSize: 50, asOf: '2025-08-31', schoolYear: 2024 })).items[0];
}
const REQUEST_ROW = {
  child_id: asha,
  request_id: 'req-1',
  received_on: '2024-01-10',
  received_area: 'north',
  refused_on: null,
  final_issued_on: '2024-05-20',
  excepted: 0,
  issued_area: 'north',
};

/** How long a runner may take to catch up on a loaded machine: a deadline, the condition is asked every 10 ms. */
const CATCH_UP_DEADLINE_MS = 30_000;
/** A test that waits for a runner gets the catch-up deadline and time for its own work besides. */
const WAITING_TEST_MS = 2 * CATCH_UP_DEADLINE_MS;

async function until(condition: () => boolean | Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + CATCH_UP_DEADLINE_MS;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** The read models as the runner writes them, each batch's write going through `write` (to fail or watch it). */
function writingThrough(readModels: ReadModelStore, write: ReadModelWriter['write']): ReadModelWriter {
  return {
    ensureSchema: (projections) => readModels.ensureSchema(projections),
    storedVersions: () => readModels.storedVersions(),
    clear: (projections) => readModels.clear(projections),
    settle: (projections) => readModels.settle(projections),
    readCheckpoint: () => readModels.readCheckpoint(),
    write,
  };
}

export function describeProjectionRunner(adapter: ReadModelAdapterUnderTest): void {
  describe('ProjectionRunner over a real SQLite event store', () => {
    let fx: ReadModelFixture;
    const runners: ProjectionRunner[] = [];
    const runnerOn = (readModels: ReadModelStore, projections = allProjections(), batchSize = 4): ProjectionRunner => {
      const runner = new ProjectionRunner(fx.store, readModels, projections, { batchSize, flushDelayMs: 5 });
      runners.push(runner);
      return runner;
    };
    const checkpointOf = async (readModels: ReadModelStore) => (await readModels.readCheckpoint()).position;

    beforeEach(async () => {
      fx = await createReadModelFixture(adapter);
    });
    afterEach(async () => {
      await Promise.all(runners.splice(0).map((r) => r.stop()));
      await fx.cleanUp();
    });

    async function recordEverything(): Promise<void> {
      await fx.record(asha, ...ASHA_JOURNEY);
      await fx.record(ben, ...BEN_JOURNEY);
      await fx.record(asha, ...ASHA_SUSPENSIONS);
    }

    const ehcClockRows = (): Promise<unknown[]> =>
      fx.rows(
        `SELECT clock, clock_key, started_on, due_on, stopped_on, closed_on, open_until FROM rm_clocks
         WHERE child_id = @child AND clock IN ('decision-to-assess', 'plan-decision', 'final-plan', 'autism-assessment-start')
         ORDER BY started_on, due_on`,
        { child: asha },
      );

    async function expectHandComputedRows(readModels: ReadModelStore): Promise<void> {
      expect(await fx.rows('SELECT * FROM rm_children WHERE child_id = @child', { child: asha })).toMatchObject([ASHA_CHILD_ROW]);
      expect(await fx.rows('SELECT area, school, caseworker FROM rm_children WHERE child_id = @child', { child: ben })).toEqual([
        { area: 'south', school: null, caseworker: null },
      ]);
      expect(await ehcClockRows()).toEqual(EHC_CLOCKS);
      expect(await fx.rows('SELECT * FROM rm_referrals ORDER BY child_id')).toEqual(REFERRAL_ROWS);
      expect(await fx.rows('SELECT * FROM rm_suspension_records ORDER BY occurred_on')).toEqual(SUSPENSION_RECORD_ROWS);
      expect(await ashaSuspensionYear(readModels)).toEqual(ASHA_SUSPENSION_YEAR);
      expect(await fx.rows('SELECT * FROM rm_ehc_requests')).toEqual([REQUEST_ROW]);
      expect(await fx.rows('SELECT child_id, from_on, until_on, area FROM rm_child_areas ORDER BY child_id')).toEqual([
        { child_id: asha, from_on: '0001-01-01', until_on: '9999-12-31', area: 'north' },
        { child_id: ben, from_on: '0001-01-01', until_on: '9999-12-31', area: 'south' },
      ]);
    }

    it('catchUp fills every read model with the rows worked out by hand, and checkpoints the last event', async () => {
      await recordEverything();
      const readModels = await fx.openReadModels();
      expect(await runnerOn(readModels).catchUp()).toBe(13);
      await expectHandComputedRows(readModels);
      expect(await readModels.readCheckpoint()).toMatchObject({ position: await fx.store.headPosition(), eventsProjected: 13 });
    });

    it(
      'the live runner projects events appended while it runs, and reports when it has caught up',
      async () => {
        const readModels = await fx.openReadModels();
        const runner = runnerOn(readModels);
        await runner.start();
        await recordEverything();
        const head = await fx.store.headPosition();
        await until(async () => runner.isCaughtUp && (await checkpointOf(readModels)) === head, 'the runner to reach the head');
        await expectHandComputedRows(readModels);
      },
      WAITING_TEST_MS,
    );

    it('projecting the same events again changes nothing', async () => {
      await recordEverything();
      const readModels = await fx.openReadModels();
      const runner = runnerOn(readModels);
      await runner.catchUp();
      const once = await dumpReadModels(fx);
      // wind the checkpoint back to the start so every event is delivered a second time
      await fx.exec('UPDATE projection_checkpoint SET position = NULL');
      expect(await runnerOn(readModels).catchUp()).toBe(13);
      expect(await dumpReadModels(fx)).toEqual(once);
    });

    it(
      'a rebuilt read model equals the incrementally built one',
      async () => {
        const readModels = await fx.openReadModels();
        const runner = runnerOn(readModels, allProjections(), 2);
        await runner.start();
        await recordEverything();
        await fx.record(ben, { type: 'ReferralClosed', occurredOn: '2024-07-01', data: { referralId: 'camhs-1', reason: 'seen and discharged' } });
        const head = await fx.store.headPosition();
        await until(async () => (await checkpointOf(readModels)) === head, 'the live runner to reach the head');
        await runner.stop();
        const incremental = await dumpReadModels(fx);
        expect(incremental.rm_clocks.length).toBeGreaterThan(4);

        expect(await runner.rebuild()).toBe(14);
        expect(await dumpReadModels(fx)).toEqual(incremental);
      },
      WAITING_TEST_MS,
    );

    it(
      "a rebuild leaves every index and trigger the schema declares, so the managers' queries narrow by index again",
      async () => {
        await recordEverything();
        const readModels = await fx.openReadModels();
        const runner = runnerOn(readModels);
        await runner.catchUp();
        const declared = await fx.rows<{ type: string; name: string }>(SCHEMA_OBJECTS[readModels.kind]);
        expect(declared.filter((o) => o.name === 'rm_clocks_open' || o.name === 'rm_referrals_open')).toHaveLength(2);
        expect(declared.some((o) => o.type === 'trigger')).toBe(true);

        await runner.rebuild();
        expect(await fx.rows(SCHEMA_OBJECTS[readModels.kind])).toEqual(declared);
      },
      WAITING_TEST_MS,
    );

    it(
      'a batch the store fails to write (its connection lost) is projected again in full when the runner resubscribes',
      async () => {
        const readModels = await fx.openReadModels();
        // the read models are set up (versions recorded), so the next runner follows the log live
        const first = runnerOn(readModels);
        await first.start();
        await first.stop();
        let writes = 0;
        const losingFirstWrite = writingThrough(readModels, (batch) =>
          writes++ === 0 ? Promise.reject(new Error('the connection was lost')) : readModels.write(batch),
        );
        const runner = new ProjectionRunner(fx.store, losingFirstWrite, allProjections(), { batchSize: 4, flushDelayMs: 5, retryDelayMs: 5 });
        runners.push(runner);
        await runner.start();
        await recordEverything();
        const head = await fx.store.headPosition();
        await until(async () => (await checkpointOf(readModels)) === head, 'the runner to reach the head after the lost write');
        expect(writes).toBeGreaterThan(1);
        await expectHandComputedRows(readModels);
        expect((await readModels.readCheckpoint()).eventsProjected).toBe(13);
      },
      WAITING_TEST_MS,
    );

    it('a catch-up whose write fails says so, and the next catch-up projects everything, none of it twice', async () => {
      await recordEverything();
      const readModels = await fx.openReadModels();
      let writes = 0;
      const losingSecondWrite = writingThrough(readModels, (batch) =>
        ++writes === 2 ? Promise.reject(new Error('the connection was lost')) : readModels.write(batch),
      );
      const runner = new ProjectionRunner(fx.store, losingSecondWrite, allProjections(), { batchSize: 4 });

      await expect(runner.catchUp()).rejects.toThrow('the connection was lost');
      expect(await runner.catchUp()).toBeGreaterThan(0);

      await expectHandComputedRows(readModels);
      expect(await readModels.readCheckpoint()).toMatchObject({ position: await fx.store.headPosition(), eventsProjected: 13 });
    });

    it('a restarted runner resumes from the checkpoint without counting anything twice', async () => {
      await fx.record(asha, ...ASHA_JOURNEY, ...ASHA_SUSPENSIONS.slice(0, 2));
      const first = await fx.openReadModels();
      expect(await runnerOn(first).catchUp()).toBe(9);
      await first.close();

      // the rest arrives while nothing runs; a new runner (empty cache, so Asha is read whole) picks up
      await fx.record(asha, ASHA_SUSPENSIONS[2]);
      await fx.record(ben, ...BEN_JOURNEY);
      const readModels = await fx.openReadModels();
      expect(await runnerOn(readModels).catchUp()).toBe(4);
      await expectHandComputedRows(readModels);
      expect((await readModels.readCheckpoint()).eventsProjected).toBe(13);
    });

    it('a voided event no longer counts: the suspension trigger goes and the plan is open again', async () => {
      await fx.record(asha, ...ASHA_JOURNEY);
      const [, s2] = await fx.record(asha, ...ASHA_SUSPENSIONS);
      const readModels = await fx.openReadModels();
      const runner = runnerOn(readModels);
      await runner.catchUp();
      expect(await ashaSuspensionYear(readModels)).toMatchObject({ triggeredOn: '2025-01-15' });

      await fx.record(asha, { type: 'EventVoided', occurredOn: '2025-01-20', data: { eventId: s2, reason: 'recorded against the wrong pupil' } });
      await fx.record(asha, { type: 'EventVoided', occurredOn: '2025-01-20', data: { eventId: 'asha-6', reason: 'final plan entered twice' } });
      await runner.catchUp();

      expect(await fx.rows('SELECT record_id FROM rm_suspension_records ORDER BY occurred_on')).toEqual([{ record_id: 's1' }, { record_id: 's3' }]);
      expect(await ashaSuspensionYear(readModels)).toMatchObject({
        suspensionCount: 2,
        suspensionDays: 3,
        terms: { autumn: { count: 1, days: 2 } },
        triggeredOn: null,
      });
      expect(await fx.rows('SELECT * FROM rm_ehc_requests')).toEqual([{ ...REQUEST_ROW, final_issued_on: null, issued_area: null }]);
      expect(await fx.rows(`SELECT stopped_on, open_until FROM rm_clocks WHERE child_id = @child AND clock = 'final-plan'`, { child: asha })).toEqual(
        [{ stopped_on: null, open_until: '9999-12-31' }],
      );
    });

    it.each([
      ['held folded between batches', undefined],
      ['folded again after cooling (another child written to since)', 1],
    ])(
      'a child whose journey the runner holds (%s) gets the rows a rebuild gives: an entry on top, a back-dated one, a void',
      async (_how, hotEvents) => {
        await fx.record(asha, ...ASHA_JOURNEY);
        await fx.record(ben, ...BEN_JOURNEY);
        const readModels = await fx.openReadModels();
        const runner = new ProjectionRunner(fx.store, readModels, allProjections(), {
          batchSize: 4,
          ...(hotEvents === undefined ? {} : { hotEvents }),
        });
        await runner.catchUp();
        const caseworkerOfAsha = async () =>
          (await fx.rows<{ caseworker: string }>('SELECT caseworker FROM rm_children WHERE child_id = @child', { child: asha }))[0];
        const touchBen = () => fx.record(ben, { type: 'ChildDetailsChanged', occurredOn: '2024-07-01', data: { school: 'Elm Primary' } });

        const [onTop] = await fx.record(asha, { type: 'ChildDetailsChanged', occurredOn: '2024-06-01', data: { caseworker: 'cw-2' } });
        await touchBen();
        await runner.catchUp();
        expect(await caseworkerOfAsha()).toEqual({ caseworker: 'cw-2' });

        // typed in later, but dated before cw-2 took the case: cw-2 is still the caseworker
        await fx.record(asha, { type: 'ChildDetailsChanged', occurredOn: '2024-01-05', data: { caseworker: 'cw-3' } });
        await touchBen();
        await runner.catchUp();
        expect(await caseworkerOfAsha()).toEqual({ caseworker: 'cw-2' });

        await fx.record(asha, { type: 'EventVoided', occurredOn: '2024-06-02', data: { eventId: onTop, reason: 'entered against the wrong child' } });
        await touchBen();
        await runner.catchUp();
        expect(await caseworkerOfAsha()).toEqual({ caseworker: 'cw-3' });

        const incremental = await dumpReadModels(fx);
        await new ProjectionRunner(fx.store, readModels, allProjections()).rebuild();
        expect(await dumpReadModels(fx)).toEqual(incremental);
      },
    );

    it("a change of school rewrites the child's row and nothing else: read models whose rows stay the same are not written again", async () => {
      await recordEverything();
      const readModels = await fx.openReadModels();
      const replaced: string[][] = [];
      const recordingWrites = writingThrough(readModels, (batch) => {
        replaced.push(batch.replacements.filter((r) => r.children.length > 0).map((r) => r.projection.table));
        return readModels.write(batch);
      });
      const runner = new ProjectionRunner(fx.store, recordingWrites, allProjections(), { batchSize: 4 });
      await runner.catchUp();
      expect(replaced[0]).toEqual(expect.arrayContaining(['rm_children', 'rm_clocks', 'rm_suspension_records']));

      replaced.length = 0;
      await fx.record(asha, { type: 'ChildDetailsChanged', occurredOn: '2025-02-01', data: { school: 'Elm Primary' } });
      await runner.catchUp();
      expect(replaced).toEqual([['rm_children']]);
      expect(await fx.rows('SELECT school FROM rm_children WHERE child_id = @child', { child: asha })).toEqual([{ school: 'Elm Primary' }]);

      replaced.length = 0;
      await fx.record(asha, { type: 'ChildDetailsChanged', occurredOn: '2025-03-01', data: { area: 'south' } });
      await runner.catchUp();
      expect(replaced[0]).toEqual(expect.arrayContaining(['rm_children', 'rm_child_areas', 'rm_clocks']));
      const incremental = await dumpReadModels(fx);
      await new ProjectionRunner(fx.store, readModels, allProjections()).rebuild();
      expect(await dumpReadModels(fx)).toEqual(incremental);
    });

    it(
      "a version bump that changes a table's columns rebuilds it in the new shape",
      async () => {
        await recordEverything();
        const readModels = await fx.openReadModels();
        // read models from before rm_ehc_requests had the areas of receipt and issue
        await fx.exec(`CREATE TABLE rm_ehc_requests (child_id TEXT NOT NULL, request_id TEXT NOT NULL, received_on TEXT NOT NULL, final_issued_on TEXT, excepted INTEGER NOT NULL, PRIMARY KEY (child_id, request_id));
               INSERT INTO projection_versions (name, version) VALUES ('timeliness', 2);`);
        const runner = runnerOn(readModels);
        await runner.start();
        await until(async () => (await checkpointOf(readModels)) === (await fx.store.headPosition()), 'the runner to catch up');
        await expectHandComputedRows(readModels);
      },
      WAITING_TEST_MS,
    );

    it(
      'a rebuild stopped after setting aside the triggers that keep the waiting counts is counted afresh at the next start, and counts on',
      async () => {
        await recordEverything();
        const readModels = await fx.openReadModels();
        await new ProjectionRunner(fx.store, readModels, allProjections()).rebuild();
        // as a worker killed mid-rebuild leaves them: no triggers, and counts behind the rows
        await fx.exec(WAITING_FIGURES_REBUILD_START[readModels.kind]);
        await fx.exec('DELETE FROM rm_waiting_month_ends; DELETE FROM rm_waiting_open; DELETE FROM rm_first_seen_months');
        const runner = runnerOn(readModels);
        await runner.start();
        await fx.record(
          'cara',
          {
            type: 'ChildRegistered',
            occurredOn: '2024-01-08',
            data: { givenName: 'Cara', familyName: 'Ng', dateOfBirth: '2016-04-02', area: 'north' },
          },
          { type: 'ReferralReceived', occurredOn: '2024-01-10', data: { referralId: 'camhs-2', service: 'camhs', source: 'gp' } },
          { type: 'InitialAppointmentHeld', occurredOn: '2024-05-20', data: { referralId: 'camhs-2' } },
        );
        await until(async () => (await checkpointOf(readModels)) === (await fx.store.headPosition()), 'the runner to catch up');
        const projected = await dumpReadModels(fx);
        expect((await fx.rows<{ n: number | string }>('SELECT count(*) AS n FROM rm_waiting_month_ends')).map((r) => Number(r.n))).not.toEqual([0]);
        await Promise.all(runners.splice(0).map((r) => r.stop()));
        await new ProjectionRunner(fx.store, readModels, allProjections()).rebuild();
        expect(await dumpReadModels(fx)).toEqual(projected);
      },
      WAITING_TEST_MS,
    );

    it(
      'a version bump also rebuilds the counts the database keeps beside a read model, in their new shape',
      async () => {
        await recordEverything();
        const readModels = await fx.openReadModels();
        await new ProjectionRunner(fx.store, readModels, allProjections()).rebuild();
        const rebuilt = await dumpReadModels(fx);
        // a count table of an older layout, which CREATE TABLE IF NOT EXISTS would keep as it is
        await fx.exec(`DROP TABLE rm_waiting_open; CREATE TABLE rm_waiting_open (service TEXT NOT NULL, waiting INTEGER NOT NULL);
               UPDATE projection_versions SET version = version - 1 WHERE name = 'waiting-times';`);
        const runner = runnerOn(readModels);
        await runner.start();
        await until(async () => (await checkpointOf(readModels)) === (await fx.store.headPosition()), 'the runner to catch up');
        expect(await dumpReadModels(fx)).toEqual(rebuilt);
      },
      WAITING_TEST_MS,
    );

    it(
      'a projection version bump rebuilds the read models on start; the same versions do not',
      async () => {
        await recordEverything();
        const readModels = await fx.openReadModels();
        await runnerOn(readModels).start();
        await until(async () => (await checkpointOf(readModels)) === (await fx.store.headPosition()), 'the first runner to catch up');
        await Promise.all(runners.splice(0).map((r) => r.stop()));
        await fx.rows(
          `INSERT INTO rm_children (child_id, area, school, caseworker, registered_on, case_closed_on, current_stages)
         VALUES (@child_id, @area, @school, @caseworker, @registered_on, @case_closed_on, @current_stages)`,
          { ...ASHA_CHILD_ROW, child_id: 'stray', current_stages: '[]' },
        );
        const childIds = async () =>
          (await fx.rows<{ child_id: string }>('SELECT child_id FROM rm_children ORDER BY child_id')).map((r) => r.child_id);

        const same = runnerOn(readModels);
        await same.start();
        await same.stop();
        expect(await childIds()).toEqual([asha, ben, 'stray']);

        const bumped = runnerOn(
          readModels,
          allProjections().map((p) => (p === childrenProjection ? { ...p, version: p.version + 1 } : p)),
        );
        await bumped.start();
        await bumped.stop();
        expect(await childIds()).toEqual([asha, ben]);
        await expectHandComputedRows(readModels);
      },
      WAITING_TEST_MS,
    );
  });
}
