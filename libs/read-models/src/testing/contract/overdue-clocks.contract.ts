import type { JourneyEvent } from '@sj/domain';
import { type ClocksQueryParams } from '../../queries/clocks.query';
import { ProjectionRunner } from '../../projection-runner';
import type { ReadModelStore } from '../../read-model-store.port';
import { allProjections, createReadModelFixture, type ReadModelAdapterUnderTest, type ReadModelFixture } from '../read-model-fixture';

/*
 * Olu (north), as of 2024-12-31 (docs/domain-rules.md §2, §4):
 *   req-a received 2024-01-10: decision-to-assess due 2024-02-21; the LA decided not to assess on 2024-06-05,
 *     105 days late (met late). That closed final-plan (due 2024-05-29) 7 days after its due date: a clock
 *     closed after its due date keeps its days overdue. (plan-decision runs only for a request the LA assesses.)
 *   camhs-1 received 2024-01-08, due +4 weeks 2024-02-05, closed unseen 2024-03-01: 25 days after its due date.
 *   ot-1 received 2024-01-08, due +18 weeks 2024-05-13, seen 2024-05-01: met.
 *   asd-1 received 2024-09-02, due +3 months 2024-12-02, never seen: breached by 29 days.
 *   req-b received 2024-02-01: decision-to-assess due 2024-03-14, made 2024-04-01 (18 days late), before the
 *     exception of 2024-04-15, so it stays met late. The exception switches off plan-decision (due 2024-05-23,
 *     draft 2024-07-01) and final-plan (due 2024-06-20, issued 2024-08-01): both stopped after the exception,
 *     so both are excepted, 0 days overdue, with their stop dates kept (reg 10(4)).
 */
const OLU: JourneyEvent[] = [
  {
    type: 'ChildRegistered',
    occurredOn: '2024-01-02',
    data: { givenName: 'Olu', familyName: 'Adeyemi', dateOfBirth: '2016-05-01', area: 'north', school: 'Oak Primary', caseworker: 'cw-1' },
  },
  { type: 'ReferralReceived', occurredOn: '2024-01-08', data: { referralId: 'camhs-1', service: 'camhs', source: 'gp' } },
  { type: 'ReferralReceived', occurredOn: '2024-01-08', data: { referralId: 'ot-1', service: 'occupational-therapy', source: 'school' } },
  { type: 'EhcNeedsAssessmentRequested', occurredOn: '2024-01-10', data: { requestId: 'req-a', requestedBy: 'parent' } },
  { type: 'EhcNeedsAssessmentRequested', occurredOn: '2024-02-01', data: { requestId: 'req-b', requestedBy: 'school' } },
  { type: 'ReferralClosed', occurredOn: '2024-03-01', data: { referralId: 'camhs-1', reason: 'family moved GP practice' } },
  { type: 'DecisionToAssessMade', occurredOn: '2024-04-01', data: { requestId: 'req-b', decision: 'assess' } },
  { type: 'TimescaleExceptionRecorded', occurredOn: '2024-04-15', data: { requestId: 'req-b', exception: 'exceptional-personal-circumstances' } },
  { type: 'InitialAppointmentHeld', occurredOn: '2024-05-01', data: { referralId: 'ot-1' } },
  { type: 'DecisionToAssessMade', occurredOn: '2024-06-05', data: { requestId: 'req-a', decision: 'not-assess' } },
  { type: 'DraftPlanIssued', occurredOn: '2024-07-01', data: { requestId: 'req-b' } },
  { type: 'FinalPlanIssued', occurredOn: '2024-08-01', data: { requestId: 'req-b', placement: 'Oak Primary with support' } },
  { type: 'ReferralReceived', occurredOn: '2024-09-02', data: { referralId: 'asd-1', service: 'autism-assessment', source: 'school' } },
];

const ASKED = { page: 1, pageSize: 50, asOf: '2024-12-31' };

export function describeOverdueClocks(adapter: ReadModelAdapterUnderTest): void {
  describe('GET /clocks?overdue=true: every clock with days overdue', () => {
    let fx: ReadModelFixture;
    let readModels: ReadModelStore;
    const overdue = async (params: Partial<ClocksQueryParams> = {}) =>
      (await readModels.clocks({ ...ASKED, overdue: true, ...params })).items.map((c) => [c.clock, c.key, c.status, c.daysOverdue]);

    beforeAll(async () => {
      fx = await createReadModelFixture(adapter);
      await fx.record('olu', ...OLU);
      readModels = await fx.openReadModels();
      await new ProjectionRunner(fx.store, readModels, allProjections()).catchUp();
    });
    afterAll(() => fx.cleanUp());

    it('lists breached, met-late and closed-after-due clocks, most overdue first; a closed clock keeps its days overdue', async () => {
      expect(await overdue()).toEqual([
        ['decision-to-assess', 'req-a', 'met-late', 105],
        ['autism-assessment-start', 'asd-1', 'breached', 29],
        ['camhs-first-seen', 'camhs-1', 'closed', 25],
        ['decision-to-assess', 'req-b', 'met-late', 18],
        ['final-plan', 'req-a', 'closed', 7],
      ]);
    });

    it('a closed overdue clock shows when it closed, and no stop', async () => {
      expect((await readModels.clocks({ ...ASKED, overdue: true, clock: 'camhs-first-seen' })).items).toEqual([
        {
          childId: 'olu',
          area: 'north',
          school: 'Oak Primary',
          caseworker: 'cw-1',
          clock: 'camhs-first-seen',
          key: 'camhs-1',
          startedOn: '2024-01-08',
          dueOn: '2024-02-05',
          stoppedOn: null,
          closedOn: '2024-03-01',
          status: 'closed',
          daysOverdue: 25,
          referralId: 'camhs-1',
        },
      ]);
    });

    it('a clock that stopped before the exception keeps its late stop; those that stopped after it are excepted, not overdue, with their stop dates', async () => {
      const excepted = (await readModels.clocks({ ...ASKED, statuses: ['excepted'] })).items.map((c) => [
        c.clock,
        c.key,
        c.stoppedOn,
        c.daysOverdue,
        c.exception,
      ]);
      expect(excepted).toEqual([
        ['plan-decision', 'req-b', '2024-07-01', 0, 'exceptional-personal-circumstances'],
        ['final-plan', 'req-b', '2024-08-01', 0, 'exceptional-personal-circumstances'],
      ]);
      expect(await overdue({ clock: 'decision-to-assess' })).toEqual([
        ['decision-to-assess', 'req-a', 'met-late', 105],
        ['decision-to-assess', 'req-b', 'met-late', 18],
      ]);
    });

    it('combines with the status filter and pages', async () => {
      expect(await overdue({ statuses: ['closed'] })).toEqual([
        ['camhs-first-seen', 'camhs-1', 'closed', 25],
        ['final-plan', 'req-a', 'closed', 7],
      ]);
      expect(await overdue({ statuses: ['breached', 'met-late'], page: 2, pageSize: 2 })).toEqual([['decision-to-assess', 'req-b', 'met-late', 18]]);
      expect((await readModels.clocks({ ...ASKED, overdue: true, area: 'south' })).total).toBe(0);
    });

    it('judges as of asOf: the day before the decision not to assess, the EHC clocks past their due dates were breached', async () => {
      expect(await overdue({ asOf: '2024-06-04' })).toEqual([
        ['decision-to-assess', 'req-a', 'breached', 104],
        ['camhs-first-seen', 'camhs-1', 'closed', 25],
        ['decision-to-assess', 'req-b', 'met-late', 18],
        ['final-plan', 'req-a', 'breached', 6],
      ]);
    });

    it('overdue=false lists exactly the other clocks: met in time, running, excepted, closed in time', async () => {
      const all = await readModels.clocks({ ...ASKED, pageSize: 500 });
      const late = await readModels.clocks({ ...ASKED, pageSize: 500, overdue: true });
      const notLate = await readModels.clocks({ ...ASKED, pageSize: 500, overdue: false });
      expect(late.total + notLate.total).toBe(all.total);
      expect(notLate.items.every((c) => c.daysOverdue === 0)).toBe(true);
      expect(notLate.items.map((c) => [c.clock, c.status])).toEqual(
        expect.arrayContaining([
          ['therapy-first-seen', 'met'],
          ['annual-review', 'running'],
        ]),
      );
    });
  });
}
