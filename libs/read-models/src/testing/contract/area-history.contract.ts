import type { JourneyEvent } from '@sj/domain';
import { ProjectionRunner } from '../../projection-runner';
import type { ReadModelStore } from '../../read-model-store.port';
import { allProjections, createReadModelFixture, type ReadModelAdapterUnderTest, type ReadModelFixture } from '../read-model-fixture';

/*
 * Mo lived in north and moved to south on 2024-06-10; that move was typed in last, after everything
 * below (docs/domain-rules.md §6: a move takes effect on its date, not when it is recorded). Mo moved on
 * to east on 2024-09-02.
 *   EHC request 2024-01-10: decision-to-assess due 2024-02-21, made 2024-03-01 (9 days late, in north);
 *     plan-decision due 2024-05-01, draft 2024-06-20 (50 days late, in south);
 *     final-plan due 2024-05-29, issued 2024-07-15 (47 days late; 187 days after the request; in south).
 *   Autism referral 2024-03-01, due 2024-06-01, never seen: breached by 4 days on 2024-06-05 (in north),
 *     waiting 122 days on 2024-07-01 (in south).
 *   Suspensions in school year 2023 (summer term): 2024-04-10 (2 days) and 2024-05-01 (1 day) in north,
 *     2024-06-20 (3 days, the third: the trigger) in south.
 */
const MO: JourneyEvent[] = [
  {
    type: 'ChildRegistered',
    occurredOn: '2024-01-02',
    data: { givenName: 'Mo', familyName: 'Farah', dateOfBirth: '2016-05-01', area: 'north', school: 'Oak Primary', caseworker: 'cw-1' },
  },
  { type: 'EhcNeedsAssessmentRequested', occurredOn: '2024-01-10', data: { requestId: 'req-1', requestedBy: 'parent' } },
  { type: 'ReferralReceived', occurredOn: '2024-03-01', data: { referralId: 'asd-1', service: 'autism-assessment', source: 'school' } },
  { type: 'DecisionToAssessMade', occurredOn: '2024-03-01', data: { requestId: 'req-1', decision: 'assess' } },
  { type: 'SuspensionRecorded', occurredOn: '2024-04-10', data: { suspensionId: 's1', school: 'Oak Primary', schoolDays: 2, reason: 'damage' } },
  { type: 'SuspensionRecorded', occurredOn: '2024-05-01', data: { suspensionId: 's2', school: 'Oak Primary', schoolDays: 1, reason: 'damage' } },
  { type: 'DraftPlanIssued', occurredOn: '2024-06-20', data: { requestId: 'req-1' } },
  { type: 'SuspensionRecorded', occurredOn: '2024-06-20', data: { suspensionId: 's3', school: 'Oak Primary', schoolDays: 3, reason: 'damage' } },
  { type: 'FinalPlanIssued', occurredOn: '2024-07-15', data: { requestId: 'req-1', placement: 'Oak Primary with support' } },
  { type: 'ChildDetailsChanged', occurredOn: '2024-09-02', data: { area: 'east' } },
  { type: 'ChildDetailsChanged', occurredOn: '2024-06-10', data: { area: 'south' } },
];

const page = { page: 1, pageSize: 50 };

export function describeAreaHistory(adapter: ReadModelAdapterUnderTest): void {
  describe("managers' figures follow the child's area history, not the area they live in now", () => {
    let fx: ReadModelFixture;
    let readModels: ReadModelStore;
    const clocksIn = async (area: string, asOf: string) =>
      (await readModels.clocks({ ...page, asOf, area })).items.map((c) => [c.clock, c.status, c.daysOverdue, c.area]);

    beforeAll(async () => {
      fx = await createReadModelFixture(adapter);
      await fx.record('mo', ...MO);
      readModels = await fx.openReadModels();
      await new ProjectionRunner(fx.store, readModels, allProjections()).catchUp();
    });
    afterAll(() => fx.cleanUp());

    it('a breach that happened while the child lived in north still counts under north after the move, and not under south', async () => {
      expect(await clocksIn('north', '2024-07-31')).toEqual([['decision-to-assess', 'met-late', 9, 'north']]);
      expect((await clocksIn('south', '2024-07-31')).filter(([clock]) => clock === 'decision-to-assess')).toEqual([]);
    });

    it('clocks stopped after the move, and clocks still open on asOf, belong to the new area', async () => {
      expect((await clocksIn('south', '2024-07-31')).filter(([, , overdue]) => (overdue as number) > 0)).toEqual([
        ['autism-assessment-start', 'breached', 60, 'south'],
        ['plan-decision', 'met-late', 50, 'south'],
        ['final-plan', 'met-late', 47, 'south'],
      ]);
    });

    it('as of a date before the move, everything open is in north, though the move was typed in before asking', async () => {
      expect(await clocksIn('north', '2024-06-05')).toEqual([
        ['plan-decision', 'breached', 35, 'north'],
        ['decision-to-assess', 'met-late', 9, 'north'],
        ['final-plan', 'breached', 7, 'north'],
        ['autism-assessment-start', 'breached', 4, 'north'],
      ]);
      expect(await clocksIn('south', '2024-06-05')).toEqual([]);
    });

    it("a manager of north alone sees north's figures for the child who moved, and only those", async () => {
      const scoped = await readModels.clocks({ ...page, asOf: '2024-07-31', areas: ['north'] });
      expect(scoped.items.map((c) => [c.clock, c.area])).toEqual([['decision-to-assess', 'north']]);
    });

    it('a wait open on asOf belongs to the area the child is in on asOf, in the list, the summary and the trend', async () => {
      const before = await readModels.waitingTimes({ ...page, asOf: '2024-06-05', area: 'north' });
      expect(before.items.map((w) => [w.referralId, w.area, w.daysWaited])).toEqual([['asd-1', 'north', 96]]);
      expect(before.summary).toEqual([{ area: 'north', service: 'autism-assessment', waiting: 1, median: 96, p90: 96, longest: 96 }]);
      expect((await readModels.waitingTimes({ ...page, asOf: '2024-07-01', area: 'north' })).total).toBe(0);
      const after = await readModels.waitingTimes({ ...page, asOf: '2024-07-01' });
      expect(after.summary).toEqual([{ area: 'south', service: 'autism-assessment', waiting: 1, median: 122, p90: 122, longest: 122 }]);

      const month = async (area: string, m: string) =>
        (await readModels.waitingTrend({ asOf: '2024-07-31', area })).months.find((x) => x.month === m);
      expect(await month('north', '2024-05')).toMatchObject({ waiting: 1, medianWaiting: 91 });
      expect(await month('north', '2024-06')).toMatchObject({ waiting: 0 });
      expect(await month('south', '2024-05')).toMatchObject({ waiting: 0 });
      expect(await month('south', '2024-06')).toMatchObject({ waiting: 1, medianWaiting: 121 });
    });

    it('each suspension counts in the area of its date; the trigger belongs to the area of the suspension that reached it', async () => {
      const north = await readModels.suspensions({ ...page, asOf: '2024-08-31', schoolYear: 2023, area: 'north' });
      expect(north.items).toMatchObject([
        { childId: 'mo', area: 'north', suspensionCount: 2, suspensionDays: 3, terms: { summer: { count: 2, days: 3 } }, triggeredOn: null },
      ]);
      const south = await readModels.suspensions({ ...page, asOf: '2024-08-31', schoolYear: 2023, area: 'south' });
      expect(south.items).toMatchObject([
        { childId: 'mo', area: 'south', suspensionCount: 1, suspensionDays: 3, terms: { summer: { count: 1, days: 3 } }, triggeredOn: '2024-06-20' },
      ]);
      const everywhere = await readModels.suspensions({ ...page, asOf: '2024-08-31', schoolYear: 2023 });
      expect(everywhere.items.map((i) => i.area)).toEqual(['north', 'south']);
      expect(everywhere.totals).toMatchObject({ childrenSuspended: 1, suspensions: 3, suspensionDays: 6, triggers: 1 });
    });

    it('a plan counts in the timeliness report of the area the child was in on its issue date', async () => {
      expect((await readModels.timeliness({ asOf: '2024-12-31', year: 2024, area: 'north' })).total.issued).toBe(0);
      expect((await readModels.timeliness({ asOf: '2024-12-31', year: 2024, area: 'east' })).total.issued).toBe(0);
      expect((await readModels.timeliness({ asOf: '2024-12-31', year: 2024, area: 'south' })).months[6]).toMatchObject({
        month: '2024-07',
        issued: 1,
        within20Weeks: 0,
      });
    });
  });

  /*
   * Kit (docs/domain-rules.md §6): suspended for 10 school days on 2024-09-16 in west, moved to east on 2024-10-07,
   * suspended for 6 days on 2024-11-04 in east. The autumn term's total, 16 days, went over the 15-day limit with
   * the second suspension, in east; west keeps its own 10 days.
   */
  describe('a suspension limit is reached in the area of the suspension that went over it', () => {
    let fx: ReadModelFixture;
    let readModels: ReadModelStore;

    beforeAll(async () => {
      fx = await createReadModelFixture(adapter);
      await fx.record(
        'kit',
        {
          type: 'ChildRegistered',
          occurredOn: '2024-01-02',
          data: { givenName: 'Kit', familyName: 'Moss', dateOfBirth: '2012-01-09', area: 'west', school: 'Ash High' },
        },
        { type: 'SuspensionRecorded', occurredOn: '2024-09-16', data: { suspensionId: 's1', school: 'Ash High', schoolDays: 10, reason: 'damage' } },
        { type: 'ChildDetailsChanged', occurredOn: '2024-10-07', data: { area: 'east' } },
        { type: 'SuspensionRecorded', occurredOn: '2024-11-04', data: { suspensionId: 's2', school: 'Ash High', schoolDays: 6, reason: 'damage' } },
      );
      readModels = await fx.openReadModels();
      await new ProjectionRunner(fx.store, readModels, allProjections()).catchUp();
    });
    afterAll(() => fx.cleanUp());

    it('east shows the term over its limit; west shows its 10 days, under it; the child counts once in the totals', async () => {
      const result = await readModels.suspensions({ ...page, asOf: '2024-12-31', schoolYear: 2024 });
      expect(result.items.map((i) => [i.area, i.suspensionCount, i.suspensionDays, i.terms.autumn.days, i.overTermLimit])).toEqual([
        ['west', 1, 10, 10, false],
        ['east', 1, 6, 6, true],
      ]);
      expect(result.totals).toMatchObject({ childrenSuspended: 1, suspensions: 2, suspensionDays: 16, overTermLimit: 1 });
      expect((await readModels.suspensions({ ...page, asOf: '2024-12-31', schoolYear: 2024, areas: ['west'] })).totals.overTermLimit).toBe(0);
    });
  });
}
