import {
  accepts,
  amendedPlan,
  ehcRequested,
  given,
  planCeased,
  planIssued,
  refusal,
  registered,
  reviewDecision,
  reviewMeeting,
  then,
} from './journey.fixture';

describe('annual review rules: review events need an active plan', () => {
  const noPlan = given(registered(), ehcRequested('req-1', '2024-01-10'));
  const withPlan = given(registered(), ...planIssued('2024-05-23'));

  it.each([reviewMeeting('2025-04-01'), reviewDecision('2025-04-20'), amendedPlan('2025-06-01'), planCeased('2025-06-01')])(
    'refuses $type without an active plan',
    (event) => {
      expect(refusal(noPlan, event)).toMatchObject({ code: 'NO_ACTIVE_PLAN', kind: 'rule-violation', details: { step: event.type } });
    },
  );

  it('accepts a review cycle on an active plan', () => {
    let history = withPlan;
    for (const step of [reviewMeeting('2025-04-01'), reviewDecision('2025-04-20', 'amend'), amendedPlan('2025-06-01', 'Elm Academy', true)]) {
      expect(accepts(history, step)).toBe(true);
      history = then(history, step);
    }
  });

  it.each([reviewMeeting('2024-05-22'), reviewDecision('2024-05-22'), amendedPlan('2024-05-22'), planCeased('2024-05-22')])(
    'refuses $type dated before the plan was issued',
    (event) => {
      expect(refusal(withPlan, event)).toMatchObject({
        code: 'OCCURRED_BEFORE_PREVIOUS_STEP',
        details: { step: event.type, previousStep: 'FinalPlanIssued', previousStepOn: '2024-05-23' },
      });
    },
  );

  it('PlanCeased ends the active plan: later review events are refused', () => {
    const ceased = then(withPlan, planCeased('2025-03-01'));
    expect(refusal(ceased, reviewMeeting('2025-04-01'))).toMatchObject({ code: 'NO_ACTIVE_PLAN' });
    expect(refusal(ceased, planCeased('2025-04-01'))).toMatchObject({ code: 'NO_ACTIVE_PLAN' });
  });
});
