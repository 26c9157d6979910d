import type { JourneyEvent } from '@sj/domain';
import { ProjectionRunner } from '../../projection-runner';
import type { ReadModelStore } from '../../read-model-store.port';
import { allProjections, createReadModelFixture, type ReadModelAdapterUnderTest, type ReadModelFixture } from '../read-model-fixture';

/*
 * Dana's autism referral (docs/domain-rules.md §4.4, §5): received 2024-01-08; the MDT did not accept it on
 * 2024-03-04, then accepted it on 2024-04-15 after more information (the latest triage governs); first seen
 * 2024-09-02. She waits until 4 March, not between 4 March and 15 April, and again from 15 April, always
 * counted from the referral date: 114 days on 1 May (23 + 29 + 31 + 30 + 1), 238 days when seen.
 */
const DANA: JourneyEvent[] = [
  { type: 'ChildRegistered', occurredOn: '2024-01-02', data: { givenName: 'Dana', familyName: 'Lee', dateOfBirth: '2015-02-01', area: 'south' } },
  { type: 'ReferralReceived', occurredOn: '2024-01-08', data: { referralId: 'asd-1', service: 'autism-assessment', source: 'parent' } },
  { type: 'MdtTriageCompleted', occurredOn: '2024-03-04', data: { referralId: 'asd-1', outcome: 'not-accepted' } },
  { type: 'MdtTriageCompleted', occurredOn: '2024-04-15', data: { referralId: 'asd-1', outcome: 'accepted' } },
  { type: 'InitialAppointmentHeld', occurredOn: '2024-09-02', data: { referralId: 'asd-1' } },
];

const page = { page: 1, pageSize: 50 };

export function describeWaitingReopened(adapter: ReadModelAdapterUnderTest): void {
  describe('a wait reopened by a later MDT triage', () => {
    let fx: ReadModelFixture;
    let readModels: ReadModelStore;
    const waited = async (asOf: string) => (await readModels.waitingTimes({ ...page, asOf })).items.map((w) => w.daysWaited);

    beforeAll(async () => {
      fx = await createReadModelFixture(adapter);
      await fx.record('dana', ...DANA);
      readModels = await fx.openReadModels();
      await new ProjectionRunner(fx.store, readModels, allProjections()).catchUp();
    });
    afterAll(() => fx.cleanUp());

    it('is not on the waiting list while the not-accepted triage governs, and is again from the accepted one, counted from the referral', async () => {
      expect(await waited('2024-03-03')).toEqual([55]);
      expect(await waited('2024-03-04')).toEqual([]);
      expect(await waited('2024-04-14')).toEqual([]);
      expect(await waited('2024-04-15')).toEqual([98]);
      expect(await waited('2024-05-01')).toEqual([114]);
      expect(await waited('2024-09-02')).toEqual([]);
    });

    it('the trend counts her at the month ends she was waiting, and her first appointment once', async () => {
      const months = (await readModels.waitingTrend({ asOf: '2024-09-30', service: 'autism-assessment' })).months;
      const month = (m: string) => months.find((x) => x.month === m);
      expect(month('2024-02')).toMatchObject({ waiting: 1, medianWaiting: 52 });
      expect(month('2024-03')).toMatchObject({ waiting: 0 });
      expect(month('2024-04')).toMatchObject({ waiting: 1, medianWaiting: 113 });
      expect(month('2024-09')).toMatchObject({ waiting: 0, firstSeen: 1, medianWaitOfFirstSeen: 238 });
      expect(months.reduce((n, m) => n + m.firstSeen, 0)).toBe(1);
    });
  });
}
