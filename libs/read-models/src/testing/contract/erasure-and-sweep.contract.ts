import { ProjectionRunner } from '../../projection-runner';
import type { ReadModelStore } from '../../read-model-store.port';
import { ASHA_JOURNEY, ASHA_SUSPENSIONS, BEN_JOURNEY } from '../asha-and-ben.fixture';
import { allProjections, createReadModelFixture, type ReadModelAdapterUnderTest, type ReadModelFixture } from '../read-model-fixture';

/* The story and its hand-worked dates: testing/asha-and-ben.fixture.ts. */
export function describeErasureAndSweep(adapter: ReadModelAdapterUnderTest): void {
  describe("a child's erasure and the daily sweep's clocks", () => {
    let fx: ReadModelFixture;
    let readModels: ReadModelStore;
    const personalDataOf = (childId: string) =>
      fx.rows('SELECT given_name, family_name, date_of_birth, area FROM rm_children WHERE child_id = @child', { child: childId });

    beforeEach(async () => {
      fx = await createReadModelFixture(adapter);
      await fx.record('asha', ...ASHA_JOURNEY);
      await fx.record('ben', ...BEN_JOURNEY);
      readModels = await fx.openReadModels();
    });
    afterEach(() => fx.cleanUp());

    it("empties an erased child's name and date of birth at once, and keeps them empty when the child is projected again or rebuilt", async () => {
      const runner = new ProjectionRunner(fx.store, readModels, allProjections());
      await runner.catchUp();
      expect(await personalDataOf('asha')).toEqual([{ given_name: 'Asha', family_name: 'Khan', date_of_birth: '2019-03-01', area: 'north' }]);

      expect(await readModels.eraseChild('asha', '2025-07-01T10:00:00.000Z')).toEqual({ scrubbed: true });
      expect(await personalDataOf('asha')).toEqual([{ given_name: null, family_name: null, date_of_birth: null, area: 'north' }]);

      // the runner still holds Asha's stream, names included, and a later event makes it write her row again
      await fx.record('asha', ...ASHA_SUSPENSIONS);
      await runner.catchUp();
      expect(await personalDataOf('asha')).toEqual([{ given_name: null, family_name: null, date_of_birth: null, area: 'north' }]);
      await runner.rebuild();
      expect(await personalDataOf('asha')).toEqual([{ given_name: null, family_name: null, date_of_birth: null, area: 'north' }]);
      expect(await personalDataOf('ben')).toEqual([{ given_name: 'Ben', family_name: 'Jones', date_of_birth: '2012-10-10', area: 'south' }]);
      // the figures stay
      expect((await readModels.suspensions({ page: 1, pageSize: 50, asOf: '2025-06-30', schoolYear: 2024 })).total).toBe(1);
    });

    it('records an erasure made before the worker has projected anything, and the first projection honours it', async () => {
      expect(await readModels.eraseChild('asha', '2025-07-01T10:00:00.000Z')).toEqual({ scrubbed: true });
      await new ProjectionRunner(fx.store, readModels, allProjections()).catchUp();
      expect(await personalDataOf('asha')).toEqual([{ given_name: null, family_name: null, date_of_birth: null, area: 'north' }]);
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
