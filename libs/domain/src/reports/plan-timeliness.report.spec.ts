import { planTimelinessInputs, timelinessByMonth, type PlanTimelinessInput } from '.';
import { child, stream, voided } from '../clocks/testing/journey-fixture';

describe('EHC plans issued within 20 weeks, the DfE way', () => {
  const plans: PlanTimelinessInput[] = [
    { requestId: 'p1', receivedOn: '2024-01-10', finalIssuedOn: '2024-05-29', excepted: false }, // 140 days: within
    { requestId: 'p2', receivedOn: '2024-01-10', finalIssuedOn: '2024-05-30', excepted: true }, // 141 days: late, excepted
    { requestId: 'p3', receivedOn: '2024-02-01', finalIssuedOn: '2024-05-15', excepted: false }, // 104 days: within
    { requestId: 'p4', receivedOn: '2023-09-01', finalIssuedOn: '2024-03-20', excepted: false }, // 201 days: late
    { requestId: 'p5', receivedOn: '2023-08-01', finalIssuedOn: '2023-12-20', excepted: false }, // issued in 2023: not counted
    { requestId: 'p6', receivedOn: '2024-08-01', finalIssuedOn: '2025-01-05', excepted: false }, // issued in 2025: not counted
  ];

  it('groups plans issued in the year by month of issue, with and without exceptions', () => {
    const report = timelinessByMonth(plans, 2024);
    expect(report.year).toBe(2024);
    expect(report.months.map((m) => m.month)).toEqual([
      '2024-01',
      '2024-02',
      '2024-03',
      '2024-04',
      '2024-05',
      '2024-06',
      '2024-07',
      '2024-08',
      '2024-09',
      '2024-10',
      '2024-11',
      '2024-12',
    ]);
    // May: 3 issued, 2 within → 66.7%; excluding the excepted p2: 2 of 2 → 100%
    expect(report.months[4]).toEqual({
      month: '2024-05',
      issued: 3,
      within20Weeks: 2,
      percent: 66.7,
      issuedExcludingExceptions: 2,
      within20WeeksExcludingExceptions: 2,
      percentExcludingExceptions: 100,
    });
    expect(report.months[2]).toMatchObject({ month: '2024-03', issued: 1, within20Weeks: 0, percent: 0, percentExcludingExceptions: 0 });
    expect(report.months[0]).toMatchObject({ issued: 0, within20Weeks: 0, percent: null, percentExcludingExceptions: null });
    // year: 4 issued, 2 within → 50%; excluding exceptions 2 of 3 → 66.7%
    expect(report.total).toEqual({
      issued: 4,
      within20Weeks: 2,
      percent: 50,
      issuedExcludingExceptions: 3,
      within20WeeksExcludingExceptions: 2,
      percentExcludingExceptions: 66.7,
    });
  });

  it('reads the inputs from a child’s events: issued plans only, excepted when an exception was recorded, voided issues ignored', () => {
    const events = stream(
      child(),
      { type: 'EhcNeedsAssessmentRequested', occurredOn: '2022-01-10', data: { requestId: 'req-0', requestedBy: 'school' } },
      { type: 'DecisionToAssessMade', occurredOn: '2022-02-10', data: { requestId: 'req-0', decision: 'assess' } },
      { type: 'FinalPlanIssued', occurredOn: '2022-05-01', data: { requestId: 'req-0', placement: 'Oak Primary' } },
      voided('2022-05-02', 'ev-3'),
      { type: 'EhcNeedsAssessmentRequested', occurredOn: '2024-01-10', data: { requestId: 'req-1', requestedBy: 'parent' } },
      { type: 'TimescaleExceptionRecorded', occurredOn: '2024-01-20', data: { requestId: 'req-1', exception: 'absent-from-area' } },
      { type: 'DecisionToAssessMade', occurredOn: '2024-02-10', data: { requestId: 'req-1', decision: 'assess' } },
      { type: 'FinalPlanIssued', occurredOn: '2024-06-10', data: { requestId: 'req-1', placement: 'Oak Primary' } },
    );
    expect(planTimelinessInputs(events)).toEqual([{ requestId: 'req-1', receivedOn: '2024-01-10', finalIssuedOn: '2024-06-10', excepted: true }]);
    expect(planTimelinessInputs(events, '2024-06-09')).toEqual([]);
  });
});
