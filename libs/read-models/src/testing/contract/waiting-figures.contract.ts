import type { JourneyEvent } from '@sj/domain';
import { ProjectionRunner } from '../../projection-runner';
import type { WaitingTrendMonth } from '../../queries/waiting-times.query';
import type { ReadModelStore } from '../../read-model-store.port';
import { allProjections, createReadModelFixture, type ReadModelAdapterUnderTest, type ReadModelFixture } from '../read-model-fixture';

/*
 * The waiting trend reads month-end figures the read models keep as counts (docs/domain-rules.md §5, §6). Priya,
 * registered in north, was referred for an autism assessment on 2024-03-01; asked on 2024-07-15 she has waited 30
 * days at the end of March, 60 at the end of April, 91 at the end of May, 121 at the end of June. Each step below is
 * recorded after the fact and projected on top of what the read models already hold, as the worker does:
 * - her first appointment on 2024-04-10, entered late: she waited at the end of March only, and was first seen in
 *   April after 40 days;
 * - that entry voided: she waits at every month end again;
 * - a move to south on 2024-05-15, entered late: her March and April month ends stay in north, May and June count
 *   in south, where she still waits on asOf.
 * Her brother Ravi, never registered, is referred to CAMHS on 2024-04-02: he has no area, so he counts only when
 * no area is asked for.
 */
const PRIYA: JourneyEvent[] = [
  { type: 'ChildRegistered', occurredOn: '2024-01-02', data: { givenName: 'Priya', familyName: 'Shah', dateOfBirth: '2016-03-01', area: 'north' } },
  { type: 'ReferralReceived', occurredOn: '2024-03-01', data: { referralId: 'asd-1', service: 'autism-assessment', source: 'school' } },
];
const RAVI: JourneyEvent[] = [
  { type: 'ReferralReceived', occurredOn: '2024-04-02', data: { referralId: 'camhs-1', service: 'camhs', source: 'gp' } },
];

const AS_OF = '2024-07-15';

/** month, waiting at its end, their median wait, first seen in it, their median wait */
type TrendLine = [month: string, waiting: number, medianWaiting: number | null, firstSeen: number, medianWaitOfFirstSeen: number | null];

const lines = (months: readonly WaitingTrendMonth[]): TrendLine[] =>
  months.filter((m) => m.month >= '2024-02').map((m) => [m.month, m.waiting, m.medianWaiting, m.firstSeen, m.medianWaitOfFirstSeen]);

const WAITING_ALL_ALONG: TrendLine[] = [
  ['2024-02', 0, null, 0, null],
  ['2024-03', 1, 30, 0, null],
  ['2024-04', 1, 60, 0, null],
  ['2024-05', 1, 91, 0, null],
  ['2024-06', 1, 121, 0, null],
  ['2024-07', 1, 136, 0, null],
];

export function describeWaitingFigures(adapter: ReadModelAdapterUnderTest): void {
  describe('the month-end waiting figures the read models keep, under late entries, voids and moves', () => {
    let fx: ReadModelFixture;
    let readModels: ReadModelStore;
    let runner: ProjectionRunner;
    const trend = async (area?: string) =>
      lines((await readModels.waitingTrend({ asOf: AS_OF, service: 'autism-assessment', ...(area !== undefined ? { area } : {}) })).months);
    const record = async (childId: string, ...events: JourneyEvent[]) => {
      const ids = await fx.record(childId, ...events);
      await runner.catchUp();
      return ids;
    };

    beforeAll(async () => {
      fx = await createReadModelFixture(adapter);
      readModels = await fx.openReadModels();
      runner = new ProjectionRunner(fx.store, readModels, allProjections());
      await record('priya', ...PRIYA);
      await record('ravi', ...RAVI);
    });
    afterAll(() => fx.cleanUp());

    it('counts a referral at every month end it waited, in the area of the child then', async () => {
      expect(await trend()).toEqual(WAITING_ALL_ALONG);
      expect(await trend('north')).toEqual(WAITING_ALL_ALONG);
      expect((await trend('south')).filter(([, waiting]) => waiting > 0)).toEqual([]);
    });

    let appointment: string;
    it('a first appointment entered late takes the wait off the month ends after it and counts it as first seen in its month', async () => {
      [appointment] = await record('priya', { type: 'InitialAppointmentHeld', occurredOn: '2024-04-10', data: { referralId: 'asd-1' } });
      expect(await trend()).toEqual([
        ['2024-02', 0, null, 0, null],
        ['2024-03', 1, 30, 0, null],
        ['2024-04', 0, null, 1, 40],
        ['2024-05', 0, null, 0, null],
        ['2024-06', 0, null, 0, null],
        ['2024-07', 0, null, 0, null],
      ]);
      expect(await trend('north')).toEqual(await trend());
    });

    it('voiding that appointment puts the wait back at every month end', async () => {
      await record('priya', {
        type: 'EventVoided',
        occurredOn: '2024-07-01',
        data: { eventId: appointment, reason: 'entered against the wrong child' },
      });
      expect(await trend()).toEqual(WAITING_ALL_ALONG);
    });

    it('a move entered late moves the month ends after it to the new area, and leaves those before it where they were', async () => {
      await record('priya', { type: 'ChildDetailsChanged', occurredOn: '2024-05-15', data: { area: 'south' } });
      expect(await trend()).toEqual(WAITING_ALL_ALONG);
      const only = (months: readonly string[]) =>
        WAITING_ALL_ALONG.map((line): TrendLine => (months.includes(line[0]) ? line : [line[0], 0, null, 0, null]));
      expect(await trend('north')).toEqual(only(['2024-03', '2024-04']));
      expect(await trend('south')).toEqual(only(['2024-05', '2024-06', '2024-07']));
    });

    it('a child with no area counts when no area is asked for, and in no area', async () => {
      const camhs = async (area?: string) =>
        (await readModels.waitingTrend({ asOf: AS_OF, service: 'camhs', ...(area !== undefined ? { area } : {}) })).months
          .filter((m) => m.waiting > 0)
          .map((m) => [m.month, m.waiting, m.medianWaiting]);
      expect(await camhs()).toEqual([
        ['2024-04', 1, 28],
        ['2024-05', 1, 59],
        ['2024-06', 1, 89],
        ['2024-07', 1, 104],
      ]);
      expect(await camhs('north')).toEqual([]);
    });

    it('a rebuild from the log gives the same figures', async () => {
      const before = [await trend(), await trend('north'), await trend('south')];
      await new ProjectionRunner(fx.store, readModels, allProjections()).rebuild();
      expect([await trend(), await trend('north'), await trend('south')]).toEqual(before);
    });
  });
}
