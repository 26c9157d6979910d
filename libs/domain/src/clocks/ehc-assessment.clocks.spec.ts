import type { JourneyEvent } from '../events';
import { computeClocks, type ClockName, type ClockView } from '.';
import { child, stream, voided } from './testing/journey-fixture';

/*
 * The request is received on Wednesday 10 January 2024. By hand:
 *   decision-to-assess  +6 weeks  = 10 Jan + 42 days  = 21 Feb 2024
 *   plan-decision       +16 weeks = 10 Jan + 112 days = 1 May 2024 (31 Jan +21, 29 Feb +50, 31 Mar +81, 30 Apr +111)
 *   final-plan          +20 weeks = 10 Jan + 140 days = 29 May 2024
 */
const requested: JourneyEvent = {
  type: 'EhcNeedsAssessmentRequested',
  occurredOn: '2024-01-10',
  data: { requestId: 'req-1', requestedBy: 'parent' },
};
const assess = (on: string): JourneyEvent => ({ type: 'DecisionToAssessMade', occurredOn: on, data: { requestId: 'req-1', decision: 'assess' } });
const notAssess = (on: string): JourneyEvent => ({
  type: 'DecisionToAssessMade',
  occurredOn: on,
  data: { requestId: 'req-1', decision: 'not-assess' },
});
const draft = (on: string): JourneyEvent => ({ type: 'DraftPlanIssued', occurredOn: on, data: { requestId: 'req-1' } });
const final = (on: string): JourneyEvent => ({ type: 'FinalPlanIssued', occurredOn: on, data: { requestId: 'req-1', placement: 'Oak Primary' } });

function clock(views: ClockView[], name: ClockName, key = 'req-1'): ClockView | undefined {
  return views.find((v) => v.clock === name && v.key === key);
}

describe('EHC needs assessment clocks (reg 5, 8, 10, 13)', () => {
  it('given a request received on 10 Jan 2024, the three statutory clocks run from that date', () => {
    const views = computeClocks(stream(child(), requested, assess('2024-02-14')), '2024-03-01');
    expect(clock(views, 'decision-to-assess')).toEqual({
      clock: 'decision-to-assess',
      key: 'req-1',
      requestId: 'req-1',
      startedOn: '2024-01-10',
      dueOn: '2024-02-21',
      stoppedOn: '2024-02-14',
      status: 'met',
      daysOverdue: 0,
      source: 'reg 5(1)',
    });
    expect(clock(views, 'plan-decision')).toMatchObject({ startedOn: '2024-01-10', dueOn: '2024-05-01', status: 'running', source: 'reg 10(1)' });
    expect(clock(views, 'final-plan')).toMatchObject({ startedOn: '2024-01-10', dueOn: '2024-05-29', status: 'running', source: 'reg 13(2)' });
  });

  it('a clock is met when the stop falls exactly on the due date, and met-late one day after', () => {
    const onTheDay = computeClocks(stream(child(), requested, assess('2024-02-21')), '2024-03-01');
    expect(clock(onTheDay, 'decision-to-assess')).toMatchObject({ status: 'met', daysOverdue: 0, stoppedOn: '2024-02-21' });
    const dayLate = computeClocks(stream(child(), requested, assess('2024-02-22')), '2024-03-01');
    expect(clock(dayLate, 'decision-to-assess')).toMatchObject({ status: 'met-late', daysOverdue: 1 });
  });

  it('due-soon starts exactly 14 days before the due date and lasts through the due date; breached the day after', () => {
    const events = stream(child(), requested, assess('2024-02-14'));
    // final-plan due 29 May 2024; due − 14 = 15 May
    expect(clock(computeClocks(events, '2024-05-14'), 'final-plan')).toMatchObject({ status: 'running' });
    expect(clock(computeClocks(events, '2024-05-15'), 'final-plan')).toMatchObject({ status: 'due-soon' });
    expect(clock(computeClocks(events, '2024-05-29'), 'final-plan')).toMatchObject({ status: 'due-soon', daysOverdue: 0 });
    expect(clock(computeClocks(events, '2024-05-30'), 'final-plan')).toMatchObject({ status: 'breached', daysOverdue: 1 });
    // 10 Jul 2024 − 29 May 2024 = 2 (May) + 30 (June) + 10 = 42 days
    expect(clock(computeClocks(events, '2024-07-10'), 'final-plan')).toMatchObject({ status: 'breached', daysOverdue: 42 });
  });

  it('the warning window is configurable', () => {
    const events = stream(child(), requested, assess('2024-02-14'));
    const config = {
      warningWindowDays: 7,
      targets: { autismAssessmentStartMonths: 3, camhsFirstSeenWeeks: 4, therapyFirstSeenWeeks: 18, portageFirstSeenWeeks: null },
    };
    expect(clock(computeClocks(events, '2024-05-21', config), 'final-plan')).toMatchObject({ status: 'running' });
    expect(clock(computeClocks(events, '2024-05-22', config), 'final-plan')).toMatchObject({ status: 'due-soon' });
  });

  it('a back-dated FinalPlanIssued re-evaluates a breach: after the due date it is met-late, on/before it met', () => {
    const breached = stream(child(), requested, assess('2024-02-14'), draft('2024-04-20'));
    expect(clock(computeClocks(breached, '2024-06-10'), 'final-plan')).toMatchObject({ status: 'breached', daysOverdue: 12 });

    // recorded on 10 June, but the plan was issued on 3 June: 3 June − 29 May = 5 days late
    const lateBackDated = stream(child(), requested, assess('2024-02-14'), draft('2024-04-20'), final('2024-06-03'));
    expect(clock(computeClocks(lateBackDated, '2024-06-10'), 'final-plan')).toMatchObject({
      status: 'met-late',
      stoppedOn: '2024-06-03',
      daysOverdue: 5,
    });

    const inTimeBackDated = stream(child(), requested, assess('2024-02-14'), draft('2024-04-20'), final('2024-05-28'));
    expect(clock(computeClocks(inTimeBackDated, '2024-06-10'), 'final-plan')).toMatchObject({ status: 'met', daysOverdue: 0 });
  });

  it('an event dated after asOf has not happened yet: viewing the journey as of a past date', () => {
    const events = stream(child(), requested, assess('2024-02-14'), draft('2024-04-20'), final('2024-06-03'));
    const asOfEndOfMay = computeClocks(events, '2024-05-31');
    expect(clock(asOfEndOfMay, 'final-plan')).toMatchObject({ status: 'breached', stoppedOn: null, daysOverdue: 2 });
    // before the decision, plan-decision does not exist yet; before the request, nothing exists
    expect(clock(computeClocks(events, '2024-02-13'), 'plan-decision')).toBeUndefined();
    expect(computeClocks(events, '2024-01-09')).toEqual([]);
  });

  it('a voided stop event reopens the clock', () => {
    // ev-0 child, ev-1 request, ev-2 assess, ev-3 draft, ev-4 final, ev-5 voids the final plan
    const events = stream(child(), requested, assess('2024-02-14'), draft('2024-04-20'), final('2024-05-20'), voided('2024-05-22', 'ev-4'));
    expect(clock(computeClocks(events, '2024-06-01'), 'final-plan')).toMatchObject({ status: 'breached', stoppedOn: null, daysOverdue: 3 });
  });

  it('a reg 10(4) exception sets decision-to-assess, plan-decision and final-plan to excepted, keeping their due dates', () => {
    const events = stream(
      child(),
      requested,
      {
        type: 'TimescaleExceptionRecorded',
        occurredOn: '2024-01-20',
        data: { requestId: 'req-1', exception: 'exceptional-personal-circumstances' },
      },
      assess('2024-03-01'),
    );
    const views = computeClocks(events, '2024-07-01');
    // decision made 1 Mar, after its 21 Feb due date, but the exception came first: excepted, with its stop kept
    expect(clock(views, 'decision-to-assess')).toMatchObject({
      status: 'excepted',
      stoppedOn: '2024-03-01',
      daysOverdue: 0,
      exception: 'exceptional-personal-circumstances',
    });
    expect(clock(views, 'plan-decision')).toMatchObject({
      status: 'excepted',
      dueOn: '2024-05-01',
      daysOverdue: 0,
      exception: 'exceptional-personal-circumstances',
    });
    expect(clock(views, 'final-plan')).toMatchObject({ status: 'excepted', dueOn: '2024-05-29', daysOverdue: 0 });
    // before the exception was recorded as happening, the clocks are ordinary
    expect(clock(computeClocks(events, '2024-01-19'), 'final-plan')).toMatchObject({ status: 'running' });
    expect(clock(computeClocks(events, '2024-01-19'), 'final-plan')).not.toHaveProperty('exception');
  });

  it('an exception does not switch off an advice clock (reg 8(1) is not named in reg 10(4))', () => {
    const events = stream(
      child(),
      requested,
      assess('2024-02-14'),
      { type: 'AdviceRequested', occurredOn: '2024-03-01', data: { requestId: 'req-1', adviceId: 'ep-1', adviceType: 'educational-psychology' } },
      { type: 'TimescaleExceptionRecorded', occurredOn: '2024-03-05', data: { requestId: 'req-1', exception: 'school-closure' } },
    );
    // 1 Mar 2024 + 42 days = 12 Apr 2024; as of 20 Apr it is 8 days overdue
    expect(clock(computeClocks(events, '2024-04-20'), 'advice', 'ep-1')).toMatchObject({
      requestId: 'req-1',
      adviceId: 'ep-1',
      dueOn: '2024-04-12',
      status: 'breached',
      daysOverdue: 8,
      exception: 'school-closure',
      source: 'reg 8(1)',
    });
  });

  it('advice clocks are one per adviceId, stopped by AdviceReceived for that id', () => {
    const events = stream(
      child(),
      requested,
      assess('2024-02-14'),
      { type: 'AdviceRequested', occurredOn: '2024-03-01', data: { requestId: 'req-1', adviceId: 'ep-1', adviceType: 'educational-psychology' } },
      { type: 'AdviceRequested', occurredOn: '2024-03-01', data: { requestId: 'req-1', adviceId: 'health-1', adviceType: 'health' } },
      { type: 'AdviceReceived', occurredOn: '2024-04-12', data: { requestId: 'req-1', adviceId: 'health-1' } },
    );
    const views = computeClocks(events, '2024-04-13');
    expect(clock(views, 'advice', 'health-1')).toMatchObject({ status: 'met', stoppedOn: '2024-04-12' });
    expect(clock(views, 'advice', 'ep-1')).toMatchObject({ status: 'breached', daysOverdue: 1 });
  });

  it('not-assess stops decision-to-assess and closes the 20-week clock; no plan-decision clock exists', () => {
    const views = computeClocks(stream(child(), requested, notAssess('2024-02-10')), '2024-09-01');
    expect(clock(views, 'decision-to-assess')).toMatchObject({ status: 'met', stoppedOn: '2024-02-10' });
    expect(clock(views, 'final-plan')).toMatchObject({ status: 'closed', closedOn: '2024-02-10', stoppedOn: null, daysOverdue: 0 });
    expect(clock(views, 'plan-decision')).toBeUndefined();
  });

  it('DecisionNotToIssuePlan meets plan-decision and closes final-plan', () => {
    const events = stream(child(), requested, assess('2024-02-14'), {
      type: 'DecisionNotToIssuePlan',
      occurredOn: '2024-05-02',
      data: { requestId: 'req-1' },
    });
    const views = computeClocks(events, '2024-09-01');
    expect(clock(views, 'plan-decision')).toMatchObject({ status: 'met-late', stoppedOn: '2024-05-02', daysOverdue: 1 });
    expect(clock(views, 'final-plan')).toMatchObject({ status: 'closed', closedOn: '2024-05-02' });
  });

  it('flags draftResponseWindowCut when the final plan comes before draft + 15 days (reg 13(1))', () => {
    // draft on 1 May: day 1 is 1 May, the 15 days end on 15 May, so the earliest final plan is 16 May
    const cut = computeClocks(stream(child(), requested, assess('2024-02-14'), draft('2024-05-01'), final('2024-05-15')), '2024-06-01');
    expect(clock(cut, 'final-plan')).toMatchObject({ status: 'met', flags: ['draftResponseWindowCut'] });
    const fine = computeClocks(stream(child(), requested, assess('2024-02-14'), draft('2024-05-01'), final('2024-05-16')), '2024-06-01');
    expect(clock(fine, 'final-plan')).not.toHaveProperty('flags');
  });

  it('CaseClosed closes clocks still open; stopped ones keep their result', () => {
    const events = stream(child(), requested, assess('2024-02-14'), {
      type: 'CaseClosed',
      occurredOn: '2024-03-10',
      data: { reason: 'moved out of area' },
    });
    const views = computeClocks(events, '2024-09-01');
    expect(clock(views, 'decision-to-assess')).toMatchObject({ status: 'met' });
    expect(clock(views, 'final-plan')).toMatchObject({ status: 'closed', closedOn: '2024-03-10' });
  });
});
