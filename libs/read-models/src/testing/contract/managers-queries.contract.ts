import type { JourneyEvent } from '@sj/domain';
import { ProjectionRunner } from '../../projection-runner';
import type { ReadModelStore } from '../../read-model-store.port';
import { ASHA_JOURNEY, ASHA_SUSPENSIONS, BEN_JOURNEY } from '../asha-and-ben.fixture';
import { allProjections, createReadModelFixture, type ReadModelAdapterUnderTest, type ReadModelFixture } from '../read-model-fixture';

/*
 * Asha (north, Oak Primary, cw-1): autism referral 2024-03-01 → due +3 months 2024-06-01, pre-assessment
 * 2024-03-20, never seen. EHC request 2024-01-10, final plan 2024-05-20 (131 days: within 20 weeks).
 * Three suspensions in school year 2024, the third on 2025-01-15 (the trigger).
 * Ben (south): CAMHS referral 2024-06-03 → due +4 weeks 2024-07-01, seen 2024-06-24 (21 days).
 */
const asha: JourneyEvent[] = [...ASHA_JOURNEY, ...ASHA_SUSPENSIONS];
const ben = BEN_JOURNEY;

const page = { page: 1, pageSize: 50 };

export function describeManagersQueries(adapter: ReadModelAdapterUnderTest): void {
  describe("managers' queries over projected read models", () => {
    let fx: ReadModelFixture;
    let readModels: ReadModelStore;

    beforeAll(async () => {
      fx = await createReadModelFixture(adapter);
      await fx.record('asha', ...asha);
      await fx.record('ben', ...ben);
      readModels = await fx.openReadModels();
      await new ProjectionRunner(fx.store, readModels, allProjections()).catchUp();
    });
    afterAll(() => fx.cleanUp());

    describe('clocks', () => {
      it('judges status as of asOf: the autism clock is due soon on 25 May and breached by 9 days on 10 June', async () => {
        const dueSoon = await readModels.clocks({ ...page, asOf: '2024-05-25', statuses: ['due-soon'] });
        expect(dueSoon.items.map((c) => [c.clock, c.status, c.daysOverdue])).toEqual([['autism-assessment-start', 'due-soon', 0]]);
        expect(await readModels.clocks({ ...page, asOf: '2024-06-10', statuses: ['breached'] })).toEqual({
          items: [
            {
              childId: 'asha',
              area: 'north',
              school: 'Oak Primary',
              caseworker: 'cw-1',
              clock: 'autism-assessment-start',
              key: 'asd-1',
              startedOn: '2024-03-01',
              dueOn: '2024-06-01',
              stoppedOn: null,
              status: 'breached',
              daysOverdue: 9,
              referralId: 'asd-1',
            },
          ],
          page: 1,
          pageSize: 50,
          total: 1,
          asOf: '2024-06-10',
        });
      });

      it('filters by area and clock, hides clocks not started by asOf, and puts the most overdue first', async () => {
        const south = await readModels.clocks({ ...page, asOf: '2024-06-30', area: 'south' });
        expect(south.items.map((c) => [c.childId, c.clock, c.status, c.stoppedOn])).toEqual([['ben', 'camhs-first-seen', 'met', '2024-06-24']]);
        expect((await readModels.clocks({ ...page, asOf: '2024-01-09' })).total).toBe(0);
        expect(
          (await readModels.clocks({ ...page, asOf: '2024-06-30', clock: 'final-plan', statuses: ['met', 'met-late'] })).items.map((c) => c.status),
        ).toEqual(['met']);
        const all = await readModels.clocks({ ...page, asOf: '2024-06-10' });
        expect(all.items[0]).toMatchObject({ clock: 'autism-assessment-start', daysOverdue: 9 });
        expect(all.items.slice(1).every((c) => c.daysOverdue === 0)).toBe(true);
        const dues = all.items.slice(1).map((c) => c.dueOn ?? '');
        expect(dues).toEqual([...dues].sort());
      });

      it('pages', async () => {
        const all = await readModels.clocks({ ...page, asOf: '2024-06-30' });
        const second = await readModels.clocks({ page: 2, pageSize: 2, asOf: '2024-06-30' });
        expect(second).toMatchObject({ page: 2, pageSize: 2, total: all.total });
        expect(second.items).toEqual(all.items.slice(2, 4));
      });
    });

    describe("the caller's areas", () => {
      const childrenOf = (result: { items: { childId: string }[] }) => [...new Set(result.items.map((i) => i.childId))].sort();

      it('a caller of north alone sees only north children', async () => {
        expect(childrenOf(await readModels.clocks({ ...page, asOf: '2024-06-30', areas: ['north'] }))).toEqual(['asha']);
        expect(childrenOf(await readModels.clocks({ ...page, asOf: '2024-06-30', areas: [] }))).toEqual([]);
      });

      it('a scope covering every area present gives the same answer as no scope', async () => {
        const everyone = await readModels.clocks({ ...page, asOf: '2024-06-30' });
        expect(childrenOf(everyone)).toEqual(['asha', 'ben']);
        expect(await readModels.clocks({ ...page, asOf: '2024-06-30', areas: ['north', 'south', 'east'] })).toEqual(everyone);
        expect(await readModels.clocks({ ...page, asOf: '2024-06-30', areas: ['south', 'north'] })).toEqual(everyone);
      });
    });

    describe('waiting times', () => {
      it("Asha's autism wait on 10 June 2024 is 101 days (30 + 30 + 31 + 10), awaiting MDT triage", async () => {
        const result = await readModels.waitingTimes({ ...page, asOf: '2024-06-10', service: 'autism-assessment' });
        expect(result.items).toEqual([
          {
            childId: 'asha',
            area: 'north',
            referralId: 'asd-1',
            service: 'autism-assessment',
            receivedOn: '2024-03-01',
            daysWaited: 101,
            stage: 'awaiting MDT triage',
          },
        ]);
        expect(result.summary).toEqual([{ area: 'north', service: 'autism-assessment', waiting: 1, median: 101, p90: 101, longest: 101 }]);
      });

      it("lists a caseworker's and a school's waiting children only (Ben has neither), and nobody for a caseworker with none", async () => {
        const everyone = await readModels.waitingTimes({ ...page, asOf: '2024-06-10' });
        expect(everyone.items.map((w) => w.childId)).toEqual(['asha', 'ben']);
        const ashaOnly = { ...everyone, items: everyone.items.slice(0, 1), total: 1, summary: everyone.summary.filter((s) => s.area === 'north') };
        expect(await readModels.waitingTimes({ ...page, asOf: '2024-06-10', caseworker: 'cw-1' })).toEqual(ashaOnly);
        expect(await readModels.waitingTimes({ ...page, asOf: '2024-06-10', school: 'Oak Primary' })).toEqual(ashaOnly);
        expect(await readModels.waitingTimes({ ...page, asOf: '2024-06-10', caseworker: 'cw-nobody' })).toMatchObject({
          total: 0,
          items: [],
          summary: [],
        });
      });

      it('a referral seen stops waiting; the trend shows who waited at each month end and who was first seen', async () => {
        expect((await readModels.waitingTimes({ ...page, asOf: '2024-06-10', service: 'camhs' })).items.map((w) => w.daysWaited)).toEqual([7]);
        const june = await readModels.waitingTimes({ ...page, asOf: '2024-06-30', service: 'camhs' });
        expect(june.total).toBe(0);
        const juneTrend = (await readModels.waitingTrend({ asOf: '2024-06-30', service: 'camhs' })).months;
        expect(juneTrend).toHaveLength(12);
        expect(juneTrend[0]).toMatchObject({ month: '2023-07', measuredOn: '2023-07-31' });
        expect(juneTrend[11]).toEqual({
          month: '2024-06',
          measuredOn: '2024-06-30',
          waiting: 0,
          medianWaiting: null,
          firstSeen: 1,
          medianWaitOfFirstSeen: 21,
        });
        const autumn = (await readModels.waitingTrend({ asOf: '2024-09-15', service: 'autism-assessment' })).months;
        // 31 Aug 2024 − 1 Mar 2024 = 183 days
        expect(autumn.find((m) => m.month === '2024-08')).toMatchObject({ waiting: 1, medianWaiting: 183 });
      });
    });

    describe('suspensions', () => {
      it('school year 2024: three suspensions, six days, the trigger on the third', async () => {
        const result = await readModels.suspensions({ ...page, asOf: '2025-06-30', schoolYear: 2024 });
        expect(result.items).toEqual([
          {
            childId: 'asha',
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
          },
        ]);
        expect(result.totals).toEqual({
          childrenSuspended: 1,
          suspensions: 3,
          suspensionDays: 6,
          triggers: 1,
          overTermLimit: 0,
          overYearLimit: 0,
          permanentExclusions: 0,
        });
      });

      it('defaults to the school year of asOf, and triggered=true lists only triggers reached by asOf', async () => {
        expect((await readModels.suspensions({ ...page, asOf: '2025-03-01' })).schoolYear).toBe(2024);
        expect((await readModels.suspensions({ ...page, asOf: '2025-01-14', triggered: true })).total).toBe(0);
        expect((await readModels.suspensions({ ...page, asOf: '2025-01-15', triggered: true })).total).toBe(1);
        expect((await readModels.suspensions({ ...page, asOf: '2025-06-30', area: 'south' })).total).toBe(0);
      });
    });

    it('timeliness: one plan issued in May 2024, within 20 weeks', async () => {
      const report = await readModels.timeliness({ asOf: '2024-12-31', year: 2024 });
      expect(report.months.find((m) => m.month === '2024-05')).toMatchObject({
        issued: 1,
        within20Weeks: 1,
        percent: 100,
        percentExcludingExceptions: 100,
      });
      expect(report.total.issued).toBe(1);
      expect((await readModels.timeliness({ asOf: '2024-05-19', year: 2024 })).total.issued).toBe(0);
    });

    it("the child row's current stages follow every event, not only registration", async () => {
      const [row] = await fx.rows<{ current_stages: string }>("SELECT current_stages FROM rm_children WHERE child_id = 'asha'");
      const stages = JSON.parse(row.current_stages) as string[];
      expect(stages).toContain('autism assessment: awaiting MDT triage');
    });
  });
}
