import {
  addDays,
  areaOn,
  clockStatus,
  compareDates,
  computeClocks,
  computeWaitingTimes,
  daysBetween,
  DEFAULT_CLOCK_CONFIG,
  summariseWaits,
  type ClockStatus,
  type LocalDate,
  type RecordedJourneyEvent,
} from '@sj/domain';
import fc from 'fast-check';
import { ProjectionRunner } from '../../projection-runner';
import { END_OF_TIME } from '../../projections/end-of-time';
import { CLOCK_STATUSES, type ClockItem, type ClocksQueryParams } from '../../queries/clocks.query';
import type { WaitingItem } from '../../queries/waiting-times.query';
import type { ReadModelStore } from '../../read-model-store.port';
import { GENERATED_AREAS, journeyArbitrary, recordedJourney, type GeneratedJourney } from '../journey.arbitrary';
import { allProjections, createReadModelFixture, dumpReadModels, type ReadModelAdapterUnderTest, type ReadModelFixture } from '../read-model-fixture';

/*
 * Properties of the read models over generated caseloads (moves between areas, late entries, voids), on a
 * real SQLite event store and the read-model store under test:
 * - projecting the log as it arrives, in batches of any size and with any cache size, gives the same rows
 *   as a rebuild from the whole log, and projecting the same events twice changes nothing;
 * - the managers' queries judge with the domain: every clock the log gives (the domain's clocks as of the end
 *   of time) started by asOf is listed with the domain's clockStatus and days overdue as of asOf, under every
 *   status, overdue and area filter, in the area the child was in on its stop or close date (or on asOf while
 *   open), in the list's order (most overdue first, then by due date, none last), page by page; the waiting list
 *   is exactly the domain's waiting referrals as of asOf, each in the area of asOf, longest wait first, page by
 *   page, and its summary the domain's summariseWaits of them per area and service.
 * The dates asked about include the caseload's own clock dates and the days either side of them (due on asOf,
 * stopped or closed on asOf, an exception dated on asOf), where a range condition is most easily off by one.
 */
const caseloadArb = fc
  .integer({ min: 1, max: 4 })
  .chain((children) => fc.tuple(...Array.from({ length: children }, (_, i) => journeyArbitrary(`c${i}`))));
const runOptionsArb = fc.record({
  batchSize: fc.integer({ min: 1, max: 8 }),
  cacheCapacity: fc.integer({ min: 1, max: 3 }),
  // how many events each append brings (cycled): the log arrives in uneven pieces, children interleaved
  pieces: fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 1, maxLength: 5 }),
});
const asOfArb = fc.integer({ min: 0, max: 1200 }).map((days) => addDays('2023-09-01', days));

/** The caseload's events in the order they reach the log: each child's stream in order, the children interleaved. */
function arrivals(caseload: readonly GeneratedJourney[], pieces: readonly number[]): { childId: string; events: GeneratedJourney['events'] }[] {
  const next = caseload.map(() => 0);
  const out: { childId: string; events: GeneratedJourney['events'] }[] = [];
  for (let turn = 0; next.some((n, i) => n < caseload[i].events.length); turn++) {
    const i = turn % caseload.length;
    const journey = caseload[i];
    const size = pieces[turn % pieces.length];
    if (next[i] >= journey.events.length) continue;
    out.push({ childId: journey.childId, events: journey.events.slice(next[i], next[i] + size) });
    next[i] += size;
  }
  return out;
}

/**
 * Each generated caseload gets a fresh event log and read-model store; on a server that is a schema and a few
 * dozen transactions each, so the whole property can take longer than jest's default on a busy machine.
 */
const GENERATED_CASELOADS_TIMEOUT_MS = 180_000;

async function withFixture<T>(adapter: ReadModelAdapterUnderTest, use: (fx: ReadModelFixture) => Promise<T>): Promise<T> {
  const fx = await createReadModelFixture(adapter);
  try {
    return await use(fx);
  } finally {
    await fx.cleanUp();
  }
}

export function describeGeneratedCaseloads(adapter: ReadModelAdapterUnderTest): void {
  describe('read models over generated caseloads', () => {
    it(
      'projecting as the log arrives equals rebuilding from the whole log; projecting twice changes nothing',
      async () => {
        await fc.assert(
          fc.asyncProperty(caseloadArb, runOptionsArb, (caseload, options) =>
            withFixture(adapter, async (fx) => {
              const readModels = await fx.openReadModels();
              const incremental = new ProjectionRunner(fx.store, readModels, allProjections(), {
                batchSize: options.batchSize,
                cacheCapacity: options.cacheCapacity,
              });
              for (const piece of arrivals(caseload, options.pieces)) {
                await fx.record(piece.childId, ...piece.events);
                await incremental.catchUp();
              }
              const projected = await dumpReadModels(fx);

              await fx.exec('UPDATE projection_checkpoint SET position = NULL');
              await new ProjectionRunner(fx.store, readModels, allProjections(), { batchSize: options.batchSize }).catchUp();
              expect(await dumpReadModels(fx)).toEqual(projected);

              await new ProjectionRunner(fx.store, readModels, allProjections()).rebuild();
              expect(await dumpReadModels(fx)).toEqual(projected);
            }),
          ),
          { numRuns: 25 },
        );
      },
      GENERATED_CASELOADS_TIMEOUT_MS,
    );

    it(
      "the managers' queries list what the domain computes, in the area of the date that matters",
      async () => {
        await fc.assert(
          fc.asyncProperty(caseloadArb, fc.array(asOfArb, { minLength: 1, maxLength: 4 }), (caseload, dates) =>
            withFixture(adapter, async (fx) => {
              for (const journey of caseload) await fx.record(journey.childId, ...journey.events);
              const readModels = await fx.openReadModels();
              await new ProjectionRunner(fx.store, readModels, allProjections()).catchUp();
              const streams = caseload.map((journey) => ({ childId: journey.childId, events: recordedJourney(journey) }));
              for (const asOf of dates) {
                await expectClocksAsTheDomainSays(readModels, streams, asOf);
                await expectWaitingListAsTheDomainSays(readModels, streams, asOf);
                await expectWaitingTrendAsTheDomainSays(readModels, streams, asOf);
              }
            }),
          ),
          { numRuns: 40 },
        );
      },
      GENERATED_CASELOADS_TIMEOUT_MS,
    );

    it(
      "GET /clocks lists and pages in the domain's order under every filter, also on the days a clock falls due, stops, closes or is excepted",
      async () => {
        await fc.assert(
          fc.asyncProperty(caseloadArb, asOfArb, fc.array(fc.nat(), { minLength: 1, maxLength: 3 }), (caseload, date, edges) =>
            withFixture(adapter, async (fx) => {
              for (const journey of caseload) await fx.record(journey.childId, ...journey.events);
              const readModels = await fx.openReadModels();
              await new ProjectionRunner(fx.store, readModels, allProjections()).catchUp();
              const streams = caseload.map((journey) => ({ childId: journey.childId, events: recordedJourney(journey) }));
              const edgeDates = clockEdgeDates(streams);
              const edgeAsOfs = edgeDates.length === 0 ? [] : edges.map((i) => edgeDates[i % edgeDates.length]);
              // the school and caseworker filters read the child's current details, as rm_children holds them
              const details = await fx.rows<ChildDetails>('SELECT child_id, school, caseworker FROM rm_children');
              for (const asOf of [date, ...edgeAsOfs]) await expectClockPagesAsTheDomainSays(readModels, streams, details, asOf);
            }),
          ),
          { numRuns: 20 },
        );
      },
      GENERATED_CASELOADS_TIMEOUT_MS,
    );
  });
}

interface Stream {
  childId: string;
  events: RecordedJourneyEvent[];
}
type ClockLine = [
  childId: string,
  clock: string,
  key: string,
  status: ClockStatus,
  daysOverdue: number,
  area: string | null,
  stoppedOn: string | null,
];

/** Every date a clock of the caseload starts, falls due, stops, closes or is excepted on, and the days either side. */
function clockEdgeDates(streams: readonly Stream[]): LocalDate[] {
  const dates = new Set<LocalDate>();
  for (const { events } of streams)
    for (const c of computeClocks(events, END_OF_TIME, DEFAULT_CLOCK_CONFIG))
      for (const d of [c.startedOn, c.dueOn, c.stoppedOn, c.closedOn, c.exceptedOn])
        if (d !== null && d !== undefined) for (const shift of [-1, 0, 1]) dates.add(addDays(d, shift));
  return [...dates].sort(compareDates);
}

/**
 * Clock filters whose answers must be the domain's, in order and page by page: each open status and their
 * neighbours in due-date order (a range of the index), pairs that are not neighbours, ended statuses, overdue
 * either way with and without statuses, one clock.
 */
const CLOCK_FILTERS: Partial<ClocksQueryParams>[] = [
  { statuses: ['breached', 'due-soon'] },
  { statuses: ['due-soon', 'running'] },
  { statuses: ['breached', 'running'] },
  { statuses: ['breached', 'due-soon', 'running'] },
  { statuses: ['met', 'met-late', 'closed'] },
  { statuses: ['excepted', 'closed', 'breached'] },
  { overdue: false },
  { overdue: true, statuses: ['closed', 'breached'] },
  { overdue: false, statuses: ['closed', 'running', 'met-late'] },
  { statuses: ['breached'], clock: 'final-plan' },
];

/** The list's order: most overdue first, then by due date (none last), child, clock and key. */
function inListOrder(lines: readonly (readonly [ClockLine, LocalDate | null])[]): ClockLine[] {
  const text = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return [...lines]
    .sort(
      ([a, aDue], [b, bDue]) =>
        b[4] - a[4] ||
        (aDue === bDue ? 0 : aDue === null ? 1 : bDue === null ? -1 : text(aDue, bDue)) ||
        text(a[0], b[0]) ||
        text(a[1], b[1]) ||
        text(a[2], b[2]),
    )
    .map(([line]) => line);
}

async function expectClocksAsTheDomainSays(readModels: ReadModelStore, streams: readonly Stream[], asOf: LocalDate): Promise<void> {
  const expected = judgedClocks(streams, asOf).map(([line]) => line);
  const listed = async (filters: Partial<ClocksQueryParams>): Promise<ClockLine[]> =>
    (await readModels.clocks({ page: 1, pageSize: 100_000, asOf, ...filters })).items.map(asLine);
  const sorted = (lines: ClockLine[]) => [...lines].sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));

  expect(sorted(await listed({}))).toEqual(sorted(expected));
  for (const status of CLOCK_STATUSES) expect(sorted(await listed({ statuses: [status] }))).toEqual(sorted(expected.filter((c) => c[3] === status)));
  expect(sorted(await listed({ overdue: true }))).toEqual(sorted(expected.filter((c) => c[4] > 0)));
  for (const area of GENERATED_AREAS) {
    expect(sorted(await listed({ area }))).toEqual(sorted(expected.filter((c) => c[5] === area)));
    expect(sorted(await listed({ areas: [area], overdue: true }))).toEqual(sorted(expected.filter((c) => c[5] === area && c[4] > 0)));
  }
}

/** The clocks the domain judges as of asOf, each with its due date (the list's order reads it). */
function judgedClocks(streams: readonly Stream[], asOf: LocalDate): (readonly [ClockLine, LocalDate | null])[] {
  return streams.flatMap(({ childId, events }) =>
    computeClocks(events, END_OF_TIME, DEFAULT_CLOCK_CONFIG)
      .filter((c) => compareDates(c.startedOn, asOf) <= 0)
      .map((c): readonly [ClockLine, LocalDate | null] => {
        const dates = { dueOn: c.dueOn, stoppedOn: c.stoppedOn, closedOn: c.closedOn ?? null, exceptedOn: c.exceptedOn ?? null };
        const { status, daysOverdue } = clockStatus(dates, asOf, DEFAULT_CLOCK_CONFIG.warningWindowDays);
        const stoppedOn = c.stoppedOn !== null && compareDates(c.stoppedOn, asOf) <= 0 && status !== 'closed' ? c.stoppedOn : null;
        const countsOn = (status === 'closed' ? c.closedOn : undefined) ?? stoppedOn ?? asOf;
        return [[childId, c.clock, c.key, status, daysOverdue, areaOn(events, countsOn), stoppedOn], c.dueOn];
      }),
  );
}

const asLine = (c: ClockItem): ClockLine => [c.childId, c.clock, c.key, c.status, c.daysOverdue, c.area, c.stoppedOn];

interface ChildDetails {
  child_id: string;
  school: string | null;
  caseworker: string | null;
}

async function expectClockPagesAsTheDomainSays(
  readModels: ReadModelStore,
  streams: readonly Stream[],
  details: readonly ChildDetails[],
  asOf: LocalDate,
): Promise<void> {
  const judged = judgedClocks(streams, asOf);
  const detailsOf = new Map(details.map((d) => [d.child_id, d]));
  const listed = async (filters: Partial<ClocksQueryParams>): Promise<ClockLine[]> =>
    (await readModels.clocks({ page: 1, pageSize: 100_000, asOf, ...filters })).items.map(asLine);

  const meets = (filters: Partial<ClocksQueryParams>, [line]: readonly [ClockLine, LocalDate | null], clock: string): boolean =>
    (filters.statuses === undefined || filters.statuses.includes(line[3])) &&
    (filters.overdue === undefined || line[4] > 0 === filters.overdue) &&
    (filters.clock === undefined || clock === filters.clock) &&
    (filters.area === undefined || line[5] === filters.area) &&
    (filters.school === undefined || detailsOf.get(line[0])?.school === filters.school) &&
    (filters.caseworker === undefined || detailsOf.get(line[0])?.caseworker === filters.caseworker);
  const filterSets = [
    ...CLOCK_FILTERS,
    { statuses: ['breached'] as ClockStatus[] },
    {},
    ...GENERATED_AREAS.map((area) => ({ area, statuses: ['breached', 'due-soon'] as ClockStatus[] })),
    { school: 'Oak Primary', statuses: ['breached', 'due-soon'] as ClockStatus[] },
    { caseworker: 'cw-2', area: 'north', statuses: ['breached'] as ClockStatus[] },
    { caseworker: 'cw-1', overdue: true },
  ];
  for (const filters of filterSets) {
    const wanted = inListOrder(judged.filter((j) => meets(filters, j, j[0][1])));
    expect(await listed(filters)).toEqual(wanted);
    const second = await readModels.clocks({ asOf, ...filters, page: 2, pageSize: 2 });
    expect({ total: second.total, items: second.items.map((c) => [c.childId, c.clock, c.key]) }).toEqual({
      total: wanted.length,
      items: wanted.slice(2, 4).map((c) => [c[0], c[1], c[2]]),
    });
  }
}

async function expectWaitingListAsTheDomainSays(readModels: ReadModelStore, streams: readonly Stream[], asOf: LocalDate): Promise<void> {
  type WaitLine = [childId: string, referralId: string, daysWaited: number, area: string | null, service: string];
  const text = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  // the list's order: longest wait first, then child and referral
  const expected: WaitLine[] = streams
    .flatMap(({ childId, events }) =>
      computeWaitingTimes(events, asOf)
        .filter((w) => w.status === 'waiting')
        .map((w): WaitLine => [childId, w.referralId, w.daysWaited, areaOn(events, asOf), w.service]),
    )
    .sort((a, b) => b[2] - a[2] || text(a[0], b[0]) || text(a[1], b[1]));
  const asLines = (items: readonly WaitingItem[]) => items.map((w): WaitLine => [w.childId, w.referralId, w.daysWaited, w.area, w.service]);
  const summaryOf = (lines: readonly WaitLine[]) => {
    const groups = new Map<string, number[]>();
    for (const [, , days, area, service] of lines) groups.set(`${area}|${service}`, [...(groups.get(`${area}|${service}`) ?? []), days]);
    return [...groups.entries()]
      .sort(([a], [b]) => text(a, b))
      .map(([group, days]) => {
        const { count, median, p90, longest } = summariseWaits(days);
        return { group, waiting: count, median, p90, longest };
      });
  };
  for (const area of [undefined, ...GENERATED_AREAS]) {
    const wanted = expected.filter((w) => area === undefined || w[3] === area);
    const all = await readModels.waitingTimes({ page: 1, pageSize: 100_000, asOf, ...(area ? { area } : {}) });
    expect(asLines(all.items)).toEqual(wanted);
    expect(
      all.summary.map(({ area: a, service, waiting, median, p90, longest }) => ({ group: `${a}|${service}`, waiting, median, p90, longest })),
    ).toEqual(summaryOf(wanted));
    const second = await readModels.waitingTimes({ page: 2, pageSize: 2, asOf, ...(area ? { area } : {}) });
    expect({ total: second.total, items: asLines(second.items) }).toEqual({ total: wanted.length, items: wanted.slice(2, 4) });
  }
}

/**
 * The trend as the domain tells it month by month: at each month end (asOf for its own month) the referrals the
 * domain says are waiting then, in the area of that day; in each month, the first appointments held in it, in
 * the area of their day, with their waits.
 */
async function expectWaitingTrendAsTheDomainSays(readModels: ReadModelStore, streams: readonly Stream[], asOf: LocalDate): Promise<void> {
  for (const area of [undefined, ...GENERATED_AREAS]) {
    const trend = await readModels.waitingTrend({ asOf, ...(area ? { area } : {}) });
    const expected = trend.months.map(({ month, measuredOn }) => {
      const inArea = (events: RecordedJourneyEvent[], day: LocalDate) => area === undefined || areaOn(events, day) === area;
      const waits = streams.flatMap(({ events }) =>
        inArea(events, measuredOn)
          ? computeWaitingTimes(events, measuredOn)
              .filter((w) => w.status === 'waiting')
              .map((w) => w.daysWaited)
          : [],
      );
      const seen = streams.flatMap(({ events }) =>
        computeWaitingTimes(events, measuredOn).flatMap((w) =>
          w.initialAppointmentOn !== undefined && w.initialAppointmentOn.startsWith(month) && inArea(events, w.initialAppointmentOn)
            ? [daysBetween(w.receivedOn, w.initialAppointmentOn)]
            : [],
        ),
      );
      return {
        month,
        measuredOn,
        waiting: waits.length,
        medianWaiting: summariseWaits(waits).median,
        firstSeen: seen.length,
        medianWaitOfFirstSeen: summariseWaits(seen).median,
      };
    });
    expect(trend.months).toEqual(expected);
  }
}
