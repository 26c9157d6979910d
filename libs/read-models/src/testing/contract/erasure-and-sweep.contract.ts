import { ProjectionRunner } from '../../projection-runner';
import type { ReadModelStore } from '../../read-model-store.port';
import { ASHA_JOURNEY, ASHA_SUSPENSIONS, BEN_JOURNEY } from '../asha-and-ben.fixture';
import { allProjections, createReadModelFixture, dumpReadModels, type ReadModelAdapterUnderTest, type ReadModelFixture } from '../read-model-fixture';

/* The story and its hand-worked dates: testing/asha-and-ben.fixture.ts. */
export function describeErasureAndSweep(adapter: ReadModelAdapterUnderTest): void {
  describe("no personal data in the read models, and the daily sweep's clocks", () => {
    let fx: ReadModelFixture;
    let readModels: ReadModelStore;
    beforeEach(async () => {
      fx = await createReadModelFixture(adapter);
      await fx.record('asha', ...ASHA_JOURNEY);
      await fx.record('ben', ...BEN_JOURNEY);
      readModels = await fx.openReadModels();
    });
    afterEach(() => fx.cleanUp());

    it("keeps no child's name or date of birth in any read model, so once the key is destroyed no copy is left to scrub", async () => {
      const runner = new ProjectionRunner(fx.store, readModels, allProjections());
      await runner.catchUp();
      await fx.record('asha', ...ASHA_SUSPENSIONS);
      await runner.catchUp();
      const everyRow = JSON.stringify(await dumpReadModels(fx));
      expect(['Asha', 'Khan', '2019-03-01', 'Ben', 'Jones', '2012-10-10'].filter((value) => everyRow.includes(value))).toEqual([]);
      expect(await fx.rows('SELECT * FROM rm_children WHERE child_id = @child', { child: 'asha' })).toEqual([
        expect.objectContaining({ child_id: 'asha', area: 'north', school: 'Oak Primary', caseworker: 'cw-1' }),
      ]);
      await runner.rebuild();
      expect(JSON.stringify(await dumpReadModels(fx))).toBe(everyRow);
      // the figures do not need the name
      expect((await readModels.suspensions({ page: 1, pageSize: 50, asOf: '2025-06-30', schoolYear: 2024 })).total).toBe(1);
    });

    it('gives the sweep every clock due in a window, with the child’s area and caseworker, in child, clock and key order', async () => {
      expect(await readModels.dueClocks('2024-05-01', '2024-06-30')).toEqual([]);
      await new ProjectionRunner(fx.store, readModels, allProjections()).catchUp();

      const due = await readModels.dueClocks('2024-05-01', '2024-06-30');

      expect(due.map((c) => [c.childId, c.clock, c.key, c.dueOn])).toEqual([
        ['asha', 'autism-assessment-start', 'asd-1', '2024-06-01'],
        ['asha', 'final-plan', 'req-1', '2024-05-29'],
        ['asha', 'plan-decision', 'req-1', '2024-05-01'],
      ]);
      expect(due[0]).toEqual({
        childId: 'asha',
        area: 'north',
        caseworker: 'cw-1',
        clock: 'autism-assessment-start',
        key: 'asd-1',
        startedOn: '2024-03-01',
        dueOn: '2024-06-01',
        stoppedOn: null,
        closedOn: null,
        exceptedOn: null,
      });
      expect((await readModels.dueClocks('2024-07-01', '2024-07-01')).map((c) => [c.childId, c.clock, c.area, c.caseworker])).toEqual([
        ['ben', 'camhs-first-seen', 'south', null],
      ]);
    });
  });
}
