import { foldJourney, type JourneyEventType, type RecordedJourneyEvent } from '@sj/domain';
import fc from 'fast-check';
import { canChangeRows, handledEventTypes, type Projection } from './projection';
import { journeyArbitrary, recordedJourney } from './testing/journey.arbitrary';
import { allProjections } from './testing/read-model-fixture';

/*
 * Each projection declares, per event type, whether the type can change its rows; the runner recomputes a
 * child's rows only when a batch brings one of those types. These laws check the declarations against what
 * each projection's rowsFor really reads, over generated journeys (moves, late entries and voids included).
 */
const projections = allProjections();
const rowsOf = (projection: Projection, childId: string, events: readonly RecordedJourneyEvent[]) =>
  projection.rowsFor({ childId, events, state: foldJourney(events) });
const journeys = fc
  .sample(journeyArbitrary('law'), { seed: 20250630, numRuns: 600 })
  .map((j) => ({ childId: j.childId, events: recordedJourney(j) }));

/** The same journey with each change of school naming an infant school instead (which brings a year-3 transfer). */
const withInfantSchools = (events: readonly RecordedJourneyEvent[]): RecordedJourneyEvent[] =>
  events.map((e) =>
    e.event.type === 'ChildDetailsChanged' && e.event.data.school !== undefined
      ? { ...e, event: { ...e.event, data: { ...e.event.data, school: 'Elm Infant School' } } }
      : e,
  );

describe('what each projection declares it reads', () => {
  it.each(projections.map((p) => [p.name, p] as const))(
    '%s: events it does not declare (by type, or by the details named) never change its rows',
    (_name, projection) => {
      const alwaysKept = new Set<JourneyEventType>(['ChildRegistered', 'EventVoided']);
      fc.assert(
        fc.property(journeyArbitrary('law'), fc.boolean(), (journey, infant) => {
          const events = infant ? withInfantSchools(recordedJourney(journey)) : recordedJourney(journey);
          expect(
            rowsOf(
              projection,
              journey.childId,
              events.filter((e) => alwaysKept.has(e.event.type) || canChangeRows(projection, e.event)),
            ),
          ).toEqual(rowsOf(projection, journey.childId, events));
        }),
        { numRuns: 200 },
      );
    },
  );

  it.each(
    projections.flatMap((p) =>
      handledEventTypes(p)
        .filter((type) => type !== 'EventVoided')
        .map((type) => [p.name, type, p] as const),
    ),
  )('%s: %s, which it declares, changes its rows in some journey', (_name, type, projection) => {
    const changed = journeys.some(({ childId, events }) => {
      if (!events.some((e) => e.event.type === type)) return false;
      const without = events.filter((e) => e.event.type !== type);
      return JSON.stringify(rowsOf(projection, childId, without)) !== JSON.stringify(rowsOf(projection, childId, events));
    });
    expect(changed).toBe(true);
  });

  it('clocks: a change of school naming an infant school, which it reads, changes its rows in some journey', () => {
    const clocks = projections.find((p) => p.name === 'clocks');
    const changed = journeys.some(({ childId, events }) => {
      if (clocks === undefined) return false;
      return JSON.stringify(rowsOf(clocks, childId, withInfantSchools(events))) !== JSON.stringify(rowsOf(clocks, childId, events));
    });
    expect(changed).toBe(true);
  });
});
