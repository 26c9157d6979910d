import { sen2CensusDate, sen2Figures, sen2Header, sen2Person, sen2Return, type JourneyEvent, type RecordedJourneyEvent } from '@sj/domain';
import fc from 'fast-check';
import { ProjectionRunner } from '../../projection-runner';
import { timelinessYearFigures } from '../../queries/timeliness.query';
import type { ReadModelStore } from '../../read-model-store.port';
import { GENERATED_AREAS, journeyArbitrary, recordedJourney } from '../journey.arbitrary';
import { allProjections, createReadModelFixture, type ReadModelAdapterUnderTest, type ReadModelFixture } from '../read-model-fixture';

/*
 * Priya, registered in north, moved to south on 2025-03-01:
 *   req-old received 2024-11-20, refused 2025-01-10: a request of 2024, refused within the 2024 return's window
 *     (its census date is 16 January 2025);
 *   req-a received 2025-02-01 in north, refused 2025-03-10; an appeal against the refusal later leads to a decision
 *     to assess (2025-06-01): the refusal still counts (the LA's first decision);
 *   req-b received 2025-04-01 in south, assessed, final plan 2025-08-01: 122 days, within 20 weeks;
 *   r-c, a re-assessment request of 2025-10-01 (south), refused 2026-01-05: counted in 2025 as received, and as
 *     refused only from 5 January 2026;
 *   req-d received 2025-12-20 (south), undecided.
 */
const PRIYA: JourneyEvent[] = [
  {
    type: 'ChildRegistered',
    occurredOn: '2024-09-02',
    data: { givenName: 'Priya', familyName: 'Shah', dateOfBirth: '2015-02-11', area: 'north', school: 'Oak Primary', caseworker: 'cw-1' },
  },
  { type: 'EhcNeedsAssessmentRequested', occurredOn: '2024-11-20', data: { requestId: 'req-old', requestedBy: 'parent' } },
  { type: 'DecisionToAssessMade', occurredOn: '2025-01-10', data: { requestId: 'req-old', decision: 'not-assess' } },
  { type: 'EhcNeedsAssessmentRequested', occurredOn: '2025-02-01', data: { requestId: 'req-a', requestedBy: 'parent' } },
  { type: 'ChildDetailsChanged', occurredOn: '2025-03-01', data: { area: 'south' } },
  { type: 'DecisionToAssessMade', occurredOn: '2025-03-10', data: { requestId: 'req-a', decision: 'not-assess' } },
  { type: 'EhcNeedsAssessmentRequested', occurredOn: '2025-04-01', data: { requestId: 'req-b', requestedBy: 'school' } },
  { type: 'DecisionToAssessMade', occurredOn: '2025-05-01', data: { requestId: 'req-b', decision: 'assess' } },
  { type: 'DecisionToAssessMade', occurredOn: '2025-06-01', data: { requestId: 'req-a', decision: 'assess' } },
  { type: 'DraftPlanIssued', occurredOn: '2025-07-01', data: { requestId: 'req-b' } },
  { type: 'FinalPlanIssued', occurredOn: '2025-08-01', data: { requestId: 'req-b', placement: 'Oak Primary with support' } },
  { type: 'ReassessmentRequested', occurredOn: '2025-10-01', data: { requestId: 'r-c', requestedBy: 'parent' } },
  { type: 'EhcNeedsAssessmentRequested', occurredOn: '2025-12-20', data: { requestId: 'req-d', requestedBy: 'school' } },
  { type: 'ReassessmentDecisionMade', occurredOn: '2026-01-05', data: { requestId: 'r-c', decision: 'not-reassess' } },
];

const CENSUS_2025 = '2026-01-15';

/** The SEN2 return's headline figures for `year`, from the journeys as the domain builds the return. */
function returnFigures(journeys: readonly { childId: string; events: RecordedJourneyEvent[] }[], year: number, areas: 'all' | string[]) {
  const header = sen2Header(year, { lea: '933', softwareCode: 'send-journeys', release: 'test', serialNo: 1, madeAt: '2026-01-20T10:00:00.000Z' });
  const ret = sen2Return(
    header,
    journeys.flatMap(({ childId, events }) => sen2Person(childId, events, year) ?? []),
  );
  return sen2Figures(ret, year, areas);
}

/** The same figures from GET /reports/timeliness's read model, as of the return's census date. */
async function reportFigures(readModels: ReadModelStore, year: number, areas?: string[]) {
  return timelinessYearFigures(await readModels.timeliness({ asOf: sen2CensusDate(year), year, ...(areas ? { areas } : {}) }));
}

export function describeRequestsAndRefusals(adapter: ReadModelAdapterUnderTest): void {
  describe('GET /reports/timeliness: requests received in the year and refusals', () => {
    let fx: ReadModelFixture;
    let readModels: ReadModelStore;

    beforeAll(async () => {
      fx = await createReadModelFixture(adapter);
      await fx.record('priya', ...PRIYA);
      readModels = await fx.openReadModels();
      await new ProjectionRunner(fx.store, readModels, allProjections()).catchUp();
    });
    afterAll(() => fx.cleanUp());

    it("counts the year's requests, re-assessment requests too, and the refusals made by asOf; a later decision to assess does not undo a refusal", async () => {
      expect(await readModels.timeliness({ asOf: CENSUS_2025, year: 2025 })).toMatchObject({ requestsReceived: 4, refused: 2, total: { issued: 1 } });
      expect(await readModels.timeliness({ asOf: '2025-12-31', year: 2025 })).toMatchObject({ requestsReceived: 4, refused: 1 });
      expect(await readModels.timeliness({ asOf: '2025-03-09', year: 2025 })).toMatchObject({ requestsReceived: 1, refused: 0 });
    });

    it('counts a request in the year it was received, refused after the year ended', async () => {
      expect(await readModels.timeliness({ asOf: '2024-12-31', year: 2024 })).toMatchObject({ requestsReceived: 1, refused: 0 });
      expect(await readModels.timeliness({ asOf: '2025-01-16', year: 2024 })).toMatchObject({ requestsReceived: 1, refused: 1 });
    });

    it('counts each request in the area the child lived in on the day it was received', async () => {
      expect(await readModels.timeliness({ asOf: CENSUS_2025, year: 2025, area: 'north' })).toMatchObject({
        requestsReceived: 1,
        refused: 1,
        total: { issued: 0 },
      });
      expect(await readModels.timeliness({ asOf: CENSUS_2025, year: 2025, areas: ['south'] })).toMatchObject({
        requestsReceived: 3,
        refused: 1,
        total: { issued: 1, within20Weeks: 1 },
      });
    });

    it("gives the SEN2 return's figures for the same year, as of its census date, for every area and for each", async () => {
      const journeys = [{ childId: 'priya', events: recordedJourney({ childId: 'priya', events: PRIYA }) }];
      for (const year of [2024, 2025]) {
        expect(await reportFigures(readModels, year)).toEqual(returnFigures(journeys, year, 'all'));
        for (const area of ['north', 'south']) expect(await reportFigures(readModels, year, [area])).toEqual(returnFigures(journeys, year, [area]));
      }
    });
  });

  describe('an exception dated after the final plan was issued (refused today, but a log may hold one)', () => {
    it('leaves the plan in the figures excluding exceptions, in the report and in the SEN2 return alike', async () => {
      const late: JourneyEvent[] = [
        {
          type: 'ChildRegistered',
          occurredOn: '2023-09-01',
          data: { givenName: 'Sam', familyName: 'Lee', dateOfBirth: '2016-05-24', area: 'north', school: 'Oak Primary', caseworker: 'cw-1' },
        },
        { type: 'EhcNeedsAssessmentRequested', occurredOn: '2023-09-01', data: { requestId: 'req-0', requestedBy: 'parent' } },
        { type: 'DecisionToAssessMade', occurredOn: '2023-09-06', data: { requestId: 'req-0', decision: 'assess' } },
        { type: 'DraftPlanIssued', occurredOn: '2023-10-31', data: { requestId: 'req-0' } },
        { type: 'FinalPlanIssued', occurredOn: '2023-11-15', data: { requestId: 'req-0', placement: 'Oak Primary' } },
        { type: 'TimescaleExceptionRecorded', occurredOn: '2024-01-19', data: { requestId: 'req-0', exception: 'school-closure' } },
      ];
      const fx = await createReadModelFixture(adapter);
      try {
        await fx.record('sam', ...late);
        const readModels = await fx.openReadModels();
        await new ProjectionRunner(fx.store, readModels, allProjections()).catchUp();
        const journeys = [{ childId: 'sam', events: recordedJourney({ childId: 'sam', events: late }) }];
        for (const year of [2023, 2024]) expect(await reportFigures(readModels, year)).toEqual(returnFigures(journeys, year, 'all'));
        expect(await reportFigures(readModels, 2023)).toMatchObject({ issuedExcludingExceptions: 1, within20WeeksExcludingExceptions: 1 });
      } finally {
        await fx.cleanUp();
      }
    });
  });

  describe("the SEN2 return's requests, refusals and plans equal GET /reports/timeliness over generated caseloads", () => {
    it('for every year of the caseload, as of its census date, in every area and in each', async () => {
      const caseloadArb = fc
        .integer({ min: 1, max: 4 })
        .chain((children) => fc.tuple(...Array.from({ length: children }, (_, i) => journeyArbitrary(`c${i}`))));
      await fc.assert(
        fc.asyncProperty(caseloadArb, async (caseload) => {
          const fx = await createReadModelFixture(adapter);
          try {
            for (const journey of caseload) await fx.record(journey.childId, ...journey.events);
            const readModels = await fx.openReadModels();
            await new ProjectionRunner(fx.store, readModels, allProjections()).catchUp();
            const journeys = caseload.map((journey) => ({ childId: journey.childId, events: recordedJourney(journey) }));
            for (const year of [2023, 2024, 2025, 2026]) {
              expect(await reportFigures(readModels, year)).toEqual(returnFigures(journeys, year, 'all'));
              for (const area of GENERATED_AREAS)
                expect(await reportFigures(readModels, year, [area])).toEqual(returnFigures(journeys, year, [area]));
            }
          } finally {
            await fx.cleanUp();
          }
        }),
        { numRuns: 25 },
      );
    }, 180_000);
  });
}
