import type { JourneyEvent } from '../events';
import { computeInclusion, countsAsOf, DEFAULT_INCLUSION_CONFIG, inclusionHistory, summariseSchoolYears } from '.';
import { child, stream, voided } from '../clocks/testing/journey-fixture';

const suspension = (suspensionId: string, occurredOn: string, schoolDays: number): JourneyEvent => ({
  type: 'SuspensionRecorded',
  occurredOn,
  data: { suspensionId, school: 'Ash Secondary', schoolDays, reason: 'persistent-disruptive-behaviour' },
});
const rescinded = (suspensionId: string, occurredOn: string): JourneyEvent => ({ type: 'SuspensionRescinded', occurredOn, data: { suspensionId } });

describe('suspensions, exclusions and the suspension trigger (docs/domain-rules.md §6)', () => {
  /*
   * School year 2024 (1 Sep 2024 – 31 Aug 2025), default terms:
   *   autumn: s1 20 Sep 5d, s9 25 Sep 3d (voided), s2 15 Oct 6d, s3 5 Nov 5d (rescinded), s4 2 Dec 5d → counted 5+6+5 = 16 > 15
   *   spring: s5 10 Feb 10d
   *   summer: s6 1 May 15d, s7 10 Jun 0.5d (a lunchtime), s8 1 Jul 4d → 19.5 > 15
   *   year: 16 + 10 + 19.5 = 45.5 > 45; 7 counted suspensions; the third counted is s4 on 2 Dec 2024.
   *   (Had the voided s9 counted, the third would have been s2 on 15 Oct; had the rescinded s3 counted, s3 on 5 Nov.)
   */
  const events = stream(
    child(),
    suspension('s1', '2024-09-20', 5),
    suspension('s9', '2024-09-25', 3),
    suspension('s2', '2024-10-15', 6),
    suspension('s3', '2024-11-05', 5),
    rescinded('s3', '2024-11-20'),
    suspension('s4', '2024-12-02', 5),
    suspension('s5', '2025-02-10', 10),
    suspension('s6', '2025-05-01', 15),
    suspension('s7', '2025-06-10', 0.5),
    suspension('s8', '2025-07-01', 4),
    voided('2024-09-26', 'ev-2'),
  );

  it('counts suspensions per school year and term, leaving out rescinded and voided ones', () => {
    const view = computeInclusion(events);
    expect(view.suspensions.map((s) => s.suspensionId)).toEqual(['s1', 's2', 's4', 's5', 's6', 's7', 's8']);
    expect(view.suspensions[0]).toEqual({
      suspensionId: 's1',
      school: 'Ash Secondary',
      schoolDays: 5,
      reason: 'persistent-disruptive-behaviour',
      occurredOn: '2024-09-20',
      schoolYear: 2024,
      term: 'autumn',
      sixthDayProvision: false,
    });
    expect(view.bySchoolYear).toEqual([
      {
        schoolYear: 2024,
        suspensionCount: 7,
        suspensionDays: 45.5,
        terms: [
          { term: 'autumn', suspensionCount: 3, suspensionDays: 16, overTermLimit: true },
          { term: 'spring', suspensionCount: 1, suspensionDays: 10, overTermLimit: false },
          { term: 'summer', suspensionCount: 3, suspensionDays: 19.5, overTermLimit: true },
        ],
        overYearLimit: true,
        trigger: { thresholdReachedOn: '2024-12-02', suspensionIds: ['s1', 's2', 's4'] },
      },
    ]);
  });

  it('the history keeps each suspension once with its rescission date, and judges any date like computeInclusion', () => {
    const history = inclusionHistory(events);
    expect(history.suspensions.map((s) => [s.suspensionId, s.rescindedOn])).toEqual([
      ['s1', null],
      ['s2', null],
      ['s3', '2024-11-20'],
      ['s4', null],
      ['s5', null],
      ['s6', null],
      ['s7', null],
      ['s8', null],
    ]);
    for (const asOf of [undefined, '2024-09-01', '2024-11-10', '2024-11-20', '2024-12-02', '2025-06-30']) {
      const counted = history.suspensions.filter((s) => countsAsOf(s, asOf));
      const view = computeInclusion(events, DEFAULT_INCLUSION_CONFIG, asOf);
      expect(counted.map((s) => s.suspensionId)).toEqual(view.suspensions.map((s) => s.suspensionId));
      expect(summariseSchoolYears(counted)).toEqual(view.bySchoolYear);
    }
  });

  it('limits are strict: exactly 15 days in a term and exactly 45 in a year are not over', () => {
    const view = computeInclusion(
      stream(child(), suspension('a', '2024-09-10', 15), suspension('b', '2025-01-10', 15), suspension('c', '2025-04-10', 15)),
    );
    expect(view.bySchoolYear[0].terms.map((t) => t.overTermLimit)).toEqual([false, false, false]);
    expect(view.bySchoolYear[0]).toMatchObject({ suspensionDays: 45, overYearLimit: false });
  });

  it('as of a date, a later rescission has not happened yet', () => {
    // as of 19 Nov 2024, s3 (5 Nov) still counts: s1, s2, s3 → the trigger is reached on 5 Nov
    const view = computeInclusion(events, DEFAULT_INCLUSION_CONFIG, '2024-11-19');
    expect(view.bySchoolYear[0].trigger).toEqual({ thresholdReachedOn: '2024-11-05', suspensionIds: ['s1', 's2', 's3'] });
  });

  it('the school-year window restarts on 1 September; the rolling window looks back 12 months', () => {
    // r1, r2 in school year 2023; r3 in 2024: never three in one school year, but three within 12 months
    const rolling = stream(child(), suspension('r1', '2024-05-10', 1), suspension('r2', '2024-06-20', 1), suspension('r3', '2024-10-01', 1));
    expect(computeInclusion(rolling).bySchoolYear.map((y) => [y.schoolYear, y.trigger])).toEqual([
      [2023, null],
      [2024, null],
    ]);
    const config = { ...DEFAULT_INCLUSION_CONFIG, triggerWindow: 'rolling-12-months' as const };
    expect(computeInclusion(rolling, config).bySchoolYear.map((y) => [y.schoolYear, y.trigger])).toEqual([
      [2023, null],
      [2024, { thresholdReachedOn: '2024-10-01', suspensionIds: ['r1', 'r2', 'r3'] }],
    ]);
    // the 12 months ending with 1 Oct 2024 start on 2 Oct 2023
    const edge = (first: string) => stream(child(), suspension('a', first, 1), suspension('b', '2024-03-01', 1), suspension('c', '2024-10-01', 1));
    const year2024 = (first: string) => computeInclusion(edge(first), config).bySchoolYear.find((y) => y.schoolYear === 2024);
    expect(year2024('2023-10-02')).toMatchObject({ trigger: { thresholdReachedOn: '2024-10-01' } });
    expect(year2024('2023-10-01')).toMatchObject({ trigger: null });
  });

  it('the threshold is configurable and the trigger fires once per school year', () => {
    const view = computeInclusion(
      stream(
        child(),
        suspension('a', '2024-09-10', 1),
        suspension('b', '2024-09-20', 1),
        suspension('c', '2024-10-01', 1),
        suspension('d', '2024-11-01', 1),
      ),
      { ...DEFAULT_INCLUSION_CONFIG, triggerThreshold: 2 },
    );
    expect(view.bySchoolYear[0].trigger).toEqual({ thresholdReachedOn: '2024-09-20', suspensionIds: ['a', 'b'] });
  });

  it('lists permanent exclusions that are not overturned, and whether a part-time timetable is open', () => {
    const view = computeInclusion(
      stream(
        child(),
        {
          type: 'PermanentExclusionRecorded',
          occurredOn: '2025-01-10',
          data: { exclusionId: 'x1', school: 'Ash Secondary', reason: 'offensive-weapon' },
        },
        { type: 'PermanentExclusionOverturned', occurredOn: '2025-02-01', data: { exclusionId: 'x1' } },
        {
          type: 'PermanentExclusionRecorded',
          occurredOn: '2025-03-10',
          data: { exclusionId: 'x2', school: 'Ash Secondary', reason: 'physical-assault-against-adult' },
        },
        { type: 'PartTimeTimetableStarted', occurredOn: '2025-04-01', data: { school: 'Ash Secondary' } },
        { type: 'PartTimeTimetableEnded', occurredOn: '2025-05-01', data: { school: 'Ash Secondary' } },
        { type: 'PartTimeTimetableStarted', occurredOn: '2025-06-01', data: { school: 'Elm Pupil Referral Unit' } },
      ),
    );
    expect(view.permanentExclusions).toEqual([
      { exclusionId: 'x2', school: 'Ash Secondary', reason: 'physical-assault-against-adult', occurredOn: '2025-03-10', sixthDayProvision: true },
    ]);
    expect(view.partTimeTimetableOpen).toBe(true);
    expect(view.bySchoolYear).toEqual([]);
  });

  it('a suspension of more than 5 school days needs full-time education from the sixth day; 5 days or fewer does not', () => {
    const view = computeInclusion(
      stream(child(), suspension('five', '2024-09-20', 5), suspension('five-and-a-half', '2024-10-15', 5.5), suspension('ten', '2025-02-10', 10)),
    );
    expect(view.suspensions.map((s) => [s.suspensionId, s.sixthDayProvision])).toEqual([
      ['five', false],
      ['five-and-a-half', true],
      ['ten', true],
    ]);
  });
});
