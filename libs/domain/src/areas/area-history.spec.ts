import type { JourneyEvent } from '../events';
import { stream, voided } from '../clocks/testing/journey-fixture';
import { areaHistory, areaInHistoryOn, areaOn } from './area-history';

const registeredInNorth: JourneyEvent = {
  type: 'ChildRegistered',
  occurredOn: '2024-03-01',
  data: { givenName: 'Asha', familyName: 'Khan', dateOfBirth: '2016-05-01', area: 'north', school: 'Oak Primary' },
};
const movesTo = (area: string, occurredOn: string): JourneyEvent => ({ type: 'ChildDetailsChanged', occurredOn, data: { area } });
const suspended = (occurredOn: string): JourneyEvent => ({
  type: 'SuspensionRecorded',
  occurredOn,
  data: { suspensionId: `s-${occurredOn}`, school: 'Oak Primary', schoolDays: 1, reason: 'damage' },
});

describe('area history: the area a child was in on each date', () => {
  it('a child who never moves is in the registration area on every date, even before the registration', () => {
    const events = stream(registeredInNorth, suspended('2024-09-10'));
    expect(areaHistory(events)).toEqual([{ area: 'north', from: null, until: null }]);
    expect(areaOn(events, '2020-01-01')).toBe('north');
    expect(areaOn(events, '2030-01-01')).toBe('north');
  });

  it('a move takes effect on its own date: north the day before, south on the day and after', () => {
    const events = stream(registeredInNorth, movesTo('south', '2025-01-06'));
    expect(areaHistory(events)).toEqual([
      { area: 'north', from: null, until: '2025-01-06' },
      { area: 'south', from: '2025-01-06', until: null },
    ]);
    expect(areaOn(events, '2025-01-05')).toBe('north');
    expect(areaOn(events, '2025-01-06')).toBe('south');
  });

  it('a move typed in late still takes effect on its date, and moves apply in date order, not the order typed', () => {
    // typed in June: the child moved east in February, after (on paper) moving south in January
    const events = stream(registeredInNorth, suspended('2025-03-01'), movesTo('east', '2025-02-01'), movesTo('south', '2025-01-06'));
    expect(areaHistory(events)).toEqual([
      { area: 'north', from: null, until: '2025-01-06' },
      { area: 'south', from: '2025-01-06', until: '2025-02-01' },
      { area: 'east', from: '2025-02-01', until: null },
    ]);
    expect(areaOn(events, '2025-03-01')).toBe('east');
  });

  it('two moves on one day: the one recorded last wins; moving back the same day is no move at all', () => {
    expect(areaHistory(stream(registeredInNorth, movesTo('south', '2025-01-06'), movesTo('east', '2025-01-06')))).toEqual([
      { area: 'north', from: null, until: '2025-01-06' },
      { area: 'east', from: '2025-01-06', until: null },
    ]);
    expect(areaHistory(stream(registeredInNorth, movesTo('south', '2025-01-06'), movesTo('north', '2025-01-06')))).toEqual([
      { area: 'north', from: null, until: null },
    ]);
  });

  it('a voided move never happened: the child stays where they were', () => {
    const events = stream(registeredInNorth, movesTo('south', '2025-01-06'), voided('2025-01-07', 'ev-1'));
    expect(areaHistory(events)).toEqual([{ area: 'north', from: null, until: null }]);
    expect(areaOn(events, '2025-06-01')).toBe('north');
  });

  it('a change of school or caseworker, or a "move" to the area the child already lives in, is no move', () => {
    const events = stream(
      registeredInNorth,
      { type: 'ChildDetailsChanged', occurredOn: '2024-09-01', data: { school: 'Elm Academy', caseworker: 'cw-2' } },
      movesTo('north', '2024-10-01'),
      movesTo('south', '2025-01-06'),
      movesTo('south', '2025-02-01'),
    );
    expect(areaHistory(events)).toEqual([
      { area: 'north', from: null, until: '2025-01-06' },
      { area: 'south', from: '2025-01-06', until: null },
    ]);
  });

  it('moving away and back again gives three periods', () => {
    const history = areaHistory(stream(registeredInNorth, movesTo('south', '2025-01-06'), movesTo('north', '2025-04-22')));
    expect(history.map((p) => p.area)).toEqual(['north', 'south', 'north']);
    expect(areaInHistoryOn(history, '2025-04-21')).toBe('south');
    expect(areaInHistoryOn(history, '2025-04-22')).toBe('north');
  });

  it('without a registration that counts there is no area', () => {
    expect(areaHistory(stream(registeredInNorth, voided('2024-03-02', 'ev-0')))).toEqual([]);
    expect(areaOn(stream(movesTo('south', '2025-01-06')), '2025-02-01')).toBeNull();
  });
});
