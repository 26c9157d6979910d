import { clockSweepAlerts, type SweptClock } from './clock-sweep.rule';

/** A 20-week final-plan clock: request received 2025-01-06, due 2025-05-26 (due-soon from 2025-05-12). */
const finalPlan = (over: Partial<SweptClock> = {}): SweptClock => ({
  childId: 'c1',
  area: 'north',
  caseworker: 'cw-7',
  clock: 'final-plan',
  key: 'r1',
  startedOn: '2025-01-06',
  dueOn: '2025-05-26',
  stoppedOn: null,
  closedOn: null,
  exceptedOn: null,
  ...over,
});

describe('the daily clock sweep', () => {
  it('warns the caseworker on the day a clock becomes due-soon', () => {
    expect(clockSweepAlerts([finalPlan()], '2025-05-12')).toEqual([
      {
        alertId: 'clock:c1:final-plan:r1:due-soon',
        rule: 'clock-due-soon',
        childId: 'c1',
        area: 'north',
        recipients: ['caseworker:cw-7'],
        period: '2025-05-26',
        facts: { clock: 'final-plan', key: 'r1', startedOn: '2025-01-06', dueOn: '2025-05-26', sweptOn: '2025-05-12' },
      },
    ]);
    expect(clockSweepAlerts([finalPlan()], '2025-05-11')).toEqual([]);
  });

  it('catches up a week of missed due-soon warnings, and no more', () => {
    expect(clockSweepAlerts([finalPlan()], '2025-05-18').map((a) => a.rule)).toEqual(['clock-due-soon']);
    expect(clockSweepAlerts([finalPlan()], '2025-05-19')).toEqual([]);
  });

  it('tells the caseworker and the managers the day after the due date', () => {
    expect(clockSweepAlerts([finalPlan()], '2025-05-26')).toEqual([]);
    const [breach] = clockSweepAlerts([finalPlan()], '2025-05-27');
    expect(breach).toMatchObject({
      alertId: 'clock:c1:final-plan:r1:breached',
      rule: 'clock-breached',
      recipients: ['caseworker:cw-7', 'managers:north'],
      facts: { daysOverdue: 1, dueOn: '2025-05-26' },
    });
  });

  it('a breach found late is still alerted if it fell due in this school year or the last', () => {
    const [breach] = clockSweepAlerts([finalPlan()], '2025-10-06');
    expect(breach).toMatchObject({
      alertId: 'clock:c1:final-plan:r1:breached',
      recipients: ['caseworker:cw-7', 'managers:north'],
      facts: { daysOverdue: 133 },
    });
    expect(clockSweepAlerts([finalPlan({ startedOn: '2024-09-02', dueOn: '2025-01-20' })], '2026-08-31')).toHaveLength(1);
  });

  it('a breach that fell due before the previous school year raises nothing: it is history, not news', () => {
    expect(clockSweepAlerts([finalPlan({ startedOn: '2024-01-08', dueOn: '2024-05-27' })], '2025-10-06')).toEqual([]);
    expect(clockSweepAlerts([finalPlan({ startedOn: '2024-03-04', dueOn: '2024-08-31' })], '2025-09-01')).toEqual([]);
  });

  it('a stop, an exception or a closure on or before the sweep day means no alert, even back-dated', () => {
    expect(clockSweepAlerts([finalPlan({ stoppedOn: '2025-05-20' })], '2025-05-27')).toEqual([]);
    expect(clockSweepAlerts([finalPlan({ stoppedOn: '2025-05-10' })], '2025-05-12')).toEqual([]);
    expect(clockSweepAlerts([finalPlan({ exceptedOn: '2025-03-01' })], '2025-05-27')).toEqual([]);
    expect(clockSweepAlerts([finalPlan({ closedOn: '2025-02-14' })], '2025-05-12')).toEqual([]);
  });

  it('a clock met late is not breached any more', () => {
    expect(clockSweepAlerts([finalPlan({ stoppedOn: '2025-05-27' })], '2025-05-28')).toEqual([]);
  });

  it('a short clock that starts inside the warning window is due-soon from its start', () => {
    const camhs = finalPlan({ clock: 'camhs-first-seen', key: 'ref-1', startedOn: '2025-05-01', dueOn: '2025-05-29' });
    expect(clockSweepAlerts([camhs], '2025-05-05', { recentDays: 7, warningWindowDays: 30 }).map((a) => a.alertId)).toEqual([
      'clock:c1:camhs-first-seen:ref-1:due-soon',
    ]);
  });

  it('a clock without a target, or not yet started, is never swept', () => {
    expect(clockSweepAlerts([finalPlan({ dueOn: null })], '2025-05-27')).toEqual([]);
    expect(clockSweepAlerts([finalPlan({ startedOn: '2025-06-01' })], '2025-05-27')).toEqual([]);
  });

  it("without a caseworker, the due-soon warning goes to the area's managers", () => {
    expect(clockSweepAlerts([finalPlan({ caseworker: null })], '2025-05-12')[0]?.recipients).toEqual(['managers:north']);
    expect(clockSweepAlerts([finalPlan({ caseworker: null })], '2025-05-27')[0]?.recipients).toEqual(['managers:north']);
  });
});
