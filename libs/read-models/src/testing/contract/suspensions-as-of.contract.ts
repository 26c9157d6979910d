import { loadDemoCaseload } from '@sj/demo';
import {
  computeInclusion,
  DEFAULT_INCLUSION_CONFIG,
  schoolYearOf,
  type InclusionConfig,
  type JourneyEvent,
  type LocalDate,
  type RecordedJourneyEvent,
} from '@sj/domain';
import { decodeJourneyEvent, journeyStreamId } from '@sj/event-store';
import { type SuspensionItem } from '../../queries/suspensions.query';
import { ProjectionRunner } from '../../projection-runner';
import type { ReadModelStore } from '../../read-model-store.port';
import { allProjections, createReadModelFixture, type ReadModelAdapterUnderTest, type ReadModelFixture } from '../read-model-fixture';

const everyone = { page: 1, pageSize: 100_000 };

/*
 * `GET /suspensions` as of a past date counts only what had happened by then (docs/domain-rules.md §2, s.6).
 * Cara (north): four suspensions in school year 2024 — 2024-09-10 (2 days), 2024-10-01 (3 days),
 * 2025-01-15 (1 day: the third, the trigger) and 2025-02-10 (1 day); the second is rescinded on
 * 2025-03-01. A permanent exclusion on 2025-04-01 is overturned on 2025-05-01.
 */
export function describeSuspensionsAsOf(adapter: ReadModelAdapterUnderTest): void {
  describe('GET /suspensions as of a past date', () => {
    let fx: ReadModelFixture;
    let readModels: ReadModelStore;

    const cara: JourneyEvent[] = [
      {
        type: 'ChildRegistered',
        occurredOn: '2024-01-02',
        data: { givenName: 'Cara', familyName: 'Lee', dateOfBirth: '2014-03-01', area: 'north', school: 'Elm High', caseworker: 'cw-2' },
      },
      { type: 'SuspensionRecorded', occurredOn: '2024-09-10', data: { suspensionId: 's1', school: 'Elm High', schoolDays: 2, reason: 'damage' } },
      { type: 'SuspensionRecorded', occurredOn: '2024-10-01', data: { suspensionId: 's2', school: 'Elm High', schoolDays: 3, reason: 'damage' } },
      { type: 'SuspensionRecorded', occurredOn: '2025-01-15', data: { suspensionId: 's3', school: 'Elm High', schoolDays: 1, reason: 'damage' } },
      { type: 'SuspensionRecorded', occurredOn: '2025-02-10', data: { suspensionId: 's4', school: 'Elm High', schoolDays: 1, reason: 'damage' } },
      { type: 'SuspensionRescinded', occurredOn: '2025-03-01', data: { suspensionId: 's2' } },
      { type: 'PermanentExclusionRecorded', occurredOn: '2025-04-01', data: { exclusionId: 'x1', school: 'Elm High', reason: 'damage' } },
      { type: 'PermanentExclusionOverturned', occurredOn: '2025-05-01', data: { exclusionId: 'x1' } },
    ];
    const caraAsOf = async (asOf: LocalDate): Promise<SuspensionItem | undefined> =>
      (await readModels.suspensions({ ...everyone, asOf, schoolYear: 2024 })).items[0];

    beforeAll(async () => {
      fx = await createReadModelFixture(adapter);
      await fx.record('cara', ...cara);
      readModels = await fx.openReadModels();
      await new ProjectionRunner(fx.store, readModels, allProjections()).catchUp();
    });
    afterAll(() => fx.cleanUp());

    it('before the school year nobody is listed; on 1 December two suspensions and no trigger', async () => {
      expect((await readModels.suspensions({ ...everyone, asOf: '2024-08-31', schoolYear: 2024 })).total).toBe(0);
      expect(await caraAsOf('2024-12-01')).toMatchObject({
        suspensionCount: 2,
        suspensionDays: 5,
        terms: { autumn: { count: 2, days: 5 }, spring: { count: 0, days: 0 } },
        triggeredOn: null,
      });
      expect((await readModels.suspensions({ ...everyone, asOf: '2024-12-01', schoolYear: 2024, triggered: true })).total).toBe(0);
    });

    it('on 1 February the third suspension (15 January) has reached the trigger', async () => {
      expect(await caraAsOf('2025-02-01')).toMatchObject({ suspensionCount: 3, suspensionDays: 6, triggeredOn: '2025-01-15' });
      expect((await readModels.suspensions({ ...everyone, asOf: '2025-02-01', schoolYear: 2024, triggered: true })).total).toBe(1);
    });

    it('a suspension rescinded on 1 March still counts on 15 February, and not on 10 March', async () => {
      expect(await caraAsOf('2025-02-15')).toMatchObject({
        suspensionCount: 4,
        suspensionDays: 7,
        terms: { autumn: { count: 2, days: 5 } },
        triggeredOn: '2025-01-15',
      });
      // without the second, the third counted suspension is now the one of 10 February
      expect(await caraAsOf('2025-03-10')).toMatchObject({
        suspensionCount: 3,
        suspensionDays: 4,
        terms: { autumn: { count: 1, days: 2 } },
        triggeredOn: '2025-02-10',
      });
    });

    it('a permanent exclusion counts from its date until it is overturned', async () => {
      expect(await caraAsOf('2025-03-31')).toMatchObject({ permanentExclusions: 0 });
      expect(await caraAsOf('2025-04-15')).toMatchObject({ permanentExclusions: 1 });
      expect((await readModels.suspensions({ ...everyone, asOf: '2025-04-15', schoolYear: 2024 })).totals.permanentExclusions).toBe(1);
      expect(await caraAsOf('2025-05-01')).toMatchObject({ permanentExclusions: 0 });
    });
  });

  /*
   * For every child of a generated caseload and several dates, the query's figures equal the domain's
   * own answer for that child, `computeInclusion(events, config, asOf)`, in the same school year.
   */
  describe('GET /suspensions equals computeInclusion for every child and date', () => {
    const TODAY = '2025-07-20';
    const AS_OF: LocalDate[] = [
      '2023-09-01',
      '2024-02-29',
      '2024-08-31',
      '2024-09-01',
      '2024-12-15',
      '2025-01-31',
      '2025-03-15',
      '2025-05-20',
      TODAY,
    ];
    let fx: ReadModelFixture;
    let readModels: ReadModelStore;
    const journeys = new Map<string, RecordedJourneyEvent[]>();

    beforeAll(async () => {
      fx = await createReadModelFixture(adapter);
      await loadDemoCaseload(fx.store, { seed: 3, children: 200, today: TODAY, recordedAt: () => new Date(`${TODAY}T08:00:00Z`) });
      readModels = await fx.openReadModels();
      await new ProjectionRunner(fx.store, readModels, allProjections()).catchUp();
      const ids = (await fx.rows<{ child_id: string }>('SELECT child_id FROM rm_children ORDER BY child_id')).map((row) => row.child_id);
      for (const id of ids) journeys.set(id, (await fx.store.readStream(journeyStreamId(id))).map(decodeJourneyEvent));
    }, 60_000);
    afterAll(() => fx.cleanUp());

    function expected(config: InclusionConfig, asOf: LocalDate, schoolYear: number): Map<string, unknown> {
      const figures = new Map<string, unknown>();
      for (const [childId, events] of journeys) {
        const inclusion = computeInclusion(events, config, asOf);
        const year = inclusion.bySchoolYear.find((y) => y.schoolYear === schoolYear);
        const permanentExclusions = inclusion.permanentExclusions.filter((x) => schoolYearOf(x.occurredOn) === schoolYear).length;
        if (year === undefined && permanentExclusions === 0) continue;
        const term = (name: string) => year?.terms.find((t) => t.term === name);
        figures.set(childId, {
          suspensionCount: year?.suspensionCount ?? 0,
          suspensionDays: year?.suspensionDays ?? 0,
          terms: Object.fromEntries(
            ['autumn', 'spring', 'summer'].map((name) => [name, { count: term(name)?.suspensionCount ?? 0, days: term(name)?.suspensionDays ?? 0 }]),
          ),
          overTermLimit: year?.terms.some((t) => t.overTermLimit) ?? false,
          overYearLimit: year?.overYearLimit ?? false,
          triggeredOn: year?.trigger?.thresholdReachedOn ?? null,
          permanentExclusions,
        });
      }
      return figures;
    }

    async function actual(config: InclusionConfig, asOf: LocalDate, schoolYear: number): Promise<Map<string, unknown>> {
      const result = await readModels.suspensions({ ...everyone, asOf, schoolYear }, config);
      expect(result.total).toBe(result.items.length);
      return new Map(
        result.items.map(({ childId, suspensionCount, suspensionDays, terms, overTermLimit, overYearLimit, triggeredOn, permanentExclusions }) => [
          childId,
          { suspensionCount, suspensionDays, terms, overTermLimit, overYearLimit, triggeredOn, permanentExclusions },
        ]),
      );
    }

    const configs: [string, InclusionConfig][] = [
      ['school-year window', DEFAULT_INCLUSION_CONFIG],
      [
        'rolling 12-month window, threshold 2, tighter limits',
        { ...DEFAULT_INCLUSION_CONFIG, triggerWindow: 'rolling-12-months', triggerThreshold: 2, termDaysLimit: 3, yearDaysLimit: 5 },
      ],
    ];

    it.each(configs)('%s', async (_name, config) => {
      let compared = 0;
      let triggered = 0;
      for (const asOf of AS_OF) {
        for (const schoolYear of [schoolYearOf(asOf), schoolYearOf(asOf) - 1]) {
          const want = expected(config, asOf, schoolYear);
          expect(await actual(config, asOf, schoolYear)).toEqual(want);
          compared += want.size;
          triggered += [...want.values()].filter((f) => (f as { triggeredOn: unknown }).triggeredOn !== null).length;
        }
      }
      // the caseload has suspended children and triggers to compare
      expect(compared).toBeGreaterThan(50);
      expect(triggered).toBeGreaterThan(5);
    });
  });
}
