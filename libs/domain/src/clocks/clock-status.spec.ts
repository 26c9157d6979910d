import { clockStatus } from '.';

describe('the shared clock status rule (docs/domain-rules.md §2)', () => {
  const dueOn = '2024-05-29';

  it('open clocks: running before due − 14, due-soon from due − 14 through due, breached after', () => {
    expect(clockStatus({ dueOn }, '2024-05-14')).toEqual({ status: 'running', daysOverdue: 0 });
    expect(clockStatus({ dueOn }, '2024-05-15')).toEqual({ status: 'due-soon', daysOverdue: 0 });
    expect(clockStatus({ dueOn }, '2024-05-29')).toEqual({ status: 'due-soon', daysOverdue: 0 });
    expect(clockStatus({ dueOn }, '2024-05-30')).toEqual({ status: 'breached', daysOverdue: 1 });
    expect(clockStatus({ dueOn }, '2024-05-22', 7)).toEqual({ status: 'due-soon', daysOverdue: 0 });
  });

  it('stopped clocks: met on or before due, met-late after, with days overdue counted to the stop', () => {
    expect(clockStatus({ dueOn, stoppedOn: '2024-05-29' }, '2024-09-01')).toEqual({ status: 'met', daysOverdue: 0 });
    expect(clockStatus({ dueOn, stoppedOn: '2024-06-03' }, '2024-09-01')).toEqual({ status: 'met-late', daysOverdue: 5 });
  });

  it('precedence: a stop beats a closure on the same day; an exception beats a later stop; a closure shows closed', () => {
    expect(clockStatus({ dueOn, stoppedOn: '2024-06-03', closedOn: '2024-06-03' }, '2024-09-01').status).toBe('met-late');
    expect(clockStatus({ dueOn, stoppedOn: '2024-06-03', closedOn: '2024-06-03', exceptedOn: '2024-05-01' }, '2024-09-01')).toEqual({
      status: 'excepted',
      daysOverdue: 0,
    });
    expect(clockStatus({ dueOn, closedOn: '2024-06-03', exceptedOn: '2024-05-01' }, '2024-09-01')).toEqual({ status: 'closed', daysOverdue: 0 });
    expect(clockStatus({ dueOn, exceptedOn: '2024-05-01' }, '2024-09-01')).toEqual({ status: 'excepted', daysOverdue: 0 });
  });

  it('an exception governs a clock that had not stopped before it, whether the stop was in time, late or never', () => {
    expect(clockStatus({ dueOn, stoppedOn: '2024-05-20', exceptedOn: '2024-05-01' }, '2024-09-01').status).toBe('excepted');
    expect(clockStatus({ dueOn, stoppedOn: '2024-06-20', exceptedOn: '2024-05-01' }, '2024-09-01').status).toBe('excepted');
    expect(clockStatus({ dueOn, stoppedOn: '2024-06-20', exceptedOn: '2024-06-20' }, '2024-09-01').status).toBe('excepted');
  });

  it('a clock that stopped before the exception keeps met or met-late', () => {
    expect(clockStatus({ dueOn, stoppedOn: '2024-05-20', exceptedOn: '2024-05-21' }, '2024-09-01')).toEqual({ status: 'met', daysOverdue: 0 });
    expect(clockStatus({ dueOn, stoppedOn: '2024-06-03', exceptedOn: '2024-06-04' }, '2024-09-01')).toEqual({
      status: 'met-late',
      daysOverdue: 5,
    });
  });

  it('a clock closed after its due date keeps its days overdue: the breach stays in history', () => {
    expect(clockStatus({ dueOn, stoppedOn: '2024-06-04', closedOn: '2024-06-03' }, '2024-09-01')).toEqual({ status: 'closed', daysOverdue: 5 });
    expect(clockStatus({ dueOn, closedOn: '2024-07-03' }, '2024-09-01')).toEqual({ status: 'closed', daysOverdue: 35 });
    expect(clockStatus({ dueOn, closedOn: '2024-05-20' }, '2024-09-01')).toEqual({ status: 'closed', daysOverdue: 0 });
  });

  it('dates after asOf have not happened yet (so a read model can store dates once and ask for any asOf)', () => {
    expect(clockStatus({ dueOn, stoppedOn: '2024-06-03' }, '2024-06-01')).toEqual({ status: 'breached', daysOverdue: 3 });
    expect(clockStatus({ dueOn, exceptedOn: '2024-06-02' }, '2024-06-01').status).toBe('breached');
    expect(clockStatus({ dueOn, exceptedOn: '2024-06-02' }, '2024-06-02').status).toBe('excepted');
  });

  it('no due date: running until stopped, then met', () => {
    expect(clockStatus({ dueOn: null }, '2030-01-01')).toEqual({ status: 'running', daysOverdue: 0 });
    expect(clockStatus({ dueOn: null, stoppedOn: '2029-01-01' }, '2030-01-01')).toEqual({ status: 'met', daysOverdue: 0 });
  });
});
