import type { JourneyEvent } from '../events';
import { computeClocks, type ClockName, type ClockView } from '.';
import { child, stream } from './testing/journey-fixture';

const requested: JourneyEvent = {
  type: 'EhcNeedsAssessmentRequested',
  occurredOn: '2024-01-10',
  data: { requestId: 'req-1', requestedBy: 'parent' },
};
const assess: JourneyEvent = { type: 'DecisionToAssessMade', occurredOn: '2024-02-14', data: { requestId: 'req-1', decision: 'assess' } };
const final = (on: string): JourneyEvent => ({ type: 'FinalPlanIssued', occurredOn: on, data: { requestId: 'req-1', placement: 'Oak Primary' } });
const meeting = (on: string): JourneyEvent => ({ type: 'AnnualReviewMeetingHeld', occurredOn: on, data: {} });
const decision = (on: string, d: 'maintain' | 'amend' | 'cease'): JourneyEvent => ({
  type: 'AnnualReviewDecisionMade',
  occurredOn: on,
  data: { decision: d },
});
const amended = (on: string, phaseTransfer?: true): JourneyEvent => ({
  type: 'AmendedPlanIssued',
  occurredOn: on,
  data: { placement: 'Ash Secondary', ...(phaseTransfer ? { phaseTransfer } : {}) },
});
const ceased = (on: string): JourneyEvent => ({ type: 'PlanCeased', occurredOn: on, data: { reason: 'needs met' } });

const of = (views: ClockView[], name: ClockName) => views.filter((v) => v.clock === name);

describe('annual review clocks (CFA 2014 s.44, reg 18–22)', () => {
  /*
   * Plan issued 29 May 2024. Review 1 due 29 May 2024 + 12 months − 1 day = 28 May 2025.
   * Meeting 10 May 2025 → decision due +4 weeks = 7 Jun 2025. Decision (amend) 3 Jun 2025:
   * review 1 met-late by 6 days (3 Jun − 28 May); review 2 starts 3 Jun 2025, due 2 Jun 2026;
   * amended plan due 3 Jun + 8 weeks = 29 Jul 2025; issued 5 Aug 2025 → 7 days late.
   */
  const chain = [child(), requested, assess, final('2024-05-29'), meeting('2025-05-10'), decision('2025-06-03', 'amend'), amended('2025-08-05')];

  it('chains reviews: each decision stops the current review and starts the next', () => {
    const views = computeClocks(stream(...chain), '2025-09-01');
    expect(of(views, 'annual-review')).toEqual([
      expect.objectContaining({
        key: 'plan:req-1:review:1',
        requestId: 'req-1',
        startedOn: '2024-05-29',
        dueOn: '2025-05-28',
        stoppedOn: '2025-06-03',
        status: 'met-late',
        daysOverdue: 6,
        source: 'CFA 2014 s.44(1)',
      }),
      expect.objectContaining({ key: 'plan:req-1:review:2', startedOn: '2025-06-03', dueOn: '2026-06-02', stoppedOn: null, status: 'running' }),
    ]);
  });

  it('review-decision runs 4 weeks from the meeting (reg 20)', () => {
    const views = computeClocks(stream(...chain), '2025-09-01');
    expect(of(views, 'review-decision')).toEqual([
      expect.objectContaining({
        key: 'plan:req-1:review:1',
        startedOn: '2025-05-10',
        dueOn: '2025-06-07',
        stoppedOn: '2025-06-03',
        status: 'met',
        source: 'reg 20',
      }),
    ]);
    // had no decision been made, as of 8 June it would be 1 day overdue
    const before = computeClocks(stream(...chain.slice(0, 5)), '2025-06-08');
    expect(of(before, 'review-decision')[0]).toMatchObject({ status: 'breached', daysOverdue: 1 });
  });

  it('amended-plan runs 8 weeks from an amend decision (reg 22(3))', () => {
    const views = computeClocks(stream(...chain), '2025-09-01');
    expect(of(views, 'amended-plan')).toEqual([
      expect.objectContaining({
        key: 'plan:req-1:review:1:amend',
        startedOn: '2025-06-03',
        dueOn: '2025-07-29',
        stoppedOn: '2025-08-05',
        status: 'met-late',
        daysOverdue: 7,
        source: 'reg 22(3)',
      }),
    ]);
    // a maintain decision starts no amended-plan clock
    const maintained = computeClocks(stream(child(), requested, assess, final('2024-05-29'), decision('2025-05-01', 'maintain')), '2025-09-01');
    expect(of(maintained, 'amended-plan')).toEqual([]);
  });

  it('PlanCeased closes every open review clock', () => {
    const events = stream(
      child(),
      requested,
      assess,
      final('2024-05-29'),
      meeting('2025-05-10'),
      decision('2025-05-20', 'amend'),
      meeting('2026-04-01'),
      ceased('2026-04-20'),
    );
    const views = computeClocks(events, '2026-09-01');
    expect(of(views, 'annual-review').map((v) => [v.key, v.status])).toEqual([
      ['plan:req-1:review:1', 'met'],
      ['plan:req-1:review:2', 'closed'],
    ]);
    expect(of(views, 'review-decision').map((v) => [v.key, v.status, v.closedOn])).toEqual([
      ['plan:req-1:review:1', 'met', undefined],
      ['plan:req-1:review:2', 'closed', '2026-04-20'],
    ]);
    expect(of(views, 'amended-plan')[0]).toMatchObject({ status: 'closed', closedOn: '2026-04-20' });
  });

  it('a plan first issued on a leap day is due for review on 28 Feb the next year', () => {
    const events = stream(child(), requested, assess, final('2024-02-29'));
    expect(of(computeClocks(events, '2024-03-01'), 'annual-review')[0]).toMatchObject({ startedOn: '2024-02-29', dueOn: '2025-02-28' });
  });
});

describe('phase transfer (reg 18(1))', () => {
  const plan = [requested, assess, final('2024-05-29')];

  it('a child born in October 2015 (cohort 2015) moves to Year 7 in September 2027: due 14 Feb 2027', () => {
    const events = stream(child('2015-10-15'), ...plan);
    // the clock starts on 1 Sep 2026, the start of the school year before the transfer
    expect(of(computeClocks(events, '2026-08-31'), 'phase-transfer')).toEqual([]);
    expect(of(computeClocks(events, '2026-09-01'), 'phase-transfer')).toEqual([
      expect.objectContaining({
        key: 'year-7-2027',
        requestId: 'req-1',
        startedOn: '2026-09-01',
        dueOn: '2027-02-14',
        status: 'running',
        source: 'reg 18(1)',
      }),
    ]);
    expect(of(computeClocks(events, '2027-02-14'), 'phase-transfer')[0]).toMatchObject({ status: 'due-soon' });
    expect(of(computeClocks(events, '2027-02-15'), 'phase-transfer')[0]).toMatchObject({ status: 'breached', daysOverdue: 1 });
  });

  it('a child born in March 2015 (cohort 2014) moves to Year 7 in September 2026: due 14 Feb 2026', () => {
    const events = stream(child('2015-03-20'), ...plan, amended('2026-02-14', true));
    expect(of(computeClocks(events, '2026-03-01'), 'phase-transfer')).toEqual([
      expect.objectContaining({ key: 'year-7-2026', startedOn: '2025-09-01', dueOn: '2026-02-14', stoppedOn: '2026-02-14', status: 'met' }),
    ]);
  });

  it('only an amended plan marked phaseTransfer, dated within that school year, stops it', () => {
    const events = stream(child('2015-10-15'), ...plan, amended('2026-08-20', true), amended('2026-12-01'), amended('2027-02-20', true));
    expect(of(computeClocks(events, '2027-03-01'), 'phase-transfer')[0]).toMatchObject({
      key: 'year-7-2027',
      stoppedOn: '2027-02-20',
      status: 'met-late',
      daysOverdue: 6,
    });
  });

  it('post-16 transfer is due 30 March; no clock for a transfer when no plan was active on the 1 September before it', () => {
    // cohort 2014: Reception Sep 2019 (no plan in 2018), Year 7 Sep 2026, post-16 Sep 2031 (due 30 Mar 2031)
    const events = stream(child('2015-03-20'), ...plan);
    expect(of(computeClocks(events, '2030-09-01'), 'phase-transfer').map((v) => [v.key, v.startedOn, v.dueOn])).toEqual([
      ['year-7-2026', '2025-09-01', '2026-02-14'],
      ['post-16-2031', '2030-09-01', '2031-03-30'],
    ]);
  });

  it('takes a cohort year instead of a date of birth when the data carries one', () => {
    const registered = {
      type: 'ChildRegistered',
      occurredOn: '2020-01-06',
      data: { givenName: 'A', familyName: 'B', area: 'north', cohortYear: 2019 },
    } as unknown as JourneyEvent;
    const events = stream(registered, requested, assess, final('2024-05-29'));
    // cohort 2019: Reception September 2024, clock from 1 Sep 2023 — the plan was not active then, so none
    expect(of(computeClocks(events, '2030-09-01'), 'phase-transfer').map((v) => v.key)).toEqual(['year-7-2031']);
  });

  it('PlanCeased closes the phase-transfer clock', () => {
    const events = stream(child('2015-10-15'), ...plan, ceased('2026-10-01'));
    expect(of(computeClocks(events, '2027-03-01'), 'phase-transfer')[0]).toMatchObject({ status: 'closed', closedOn: '2026-10-01' });
  });
});
