import {
  PLAN_REQUEST,
  accepts,
  adviceReceived,
  adviceRequested,
  decidedNotToIssue,
  decidedToAssess,
  draftIssued,
  ehcRequested,
  exceptionRecorded,
  finalIssued,
  given,
  planCeased,
  planIssued,
  refusal,
  registered,
  then,
} from './journey.fixture';

describe('EHC needs assessment rules', () => {
  const requested = given(registered(), ehcRequested('req-1', '2024-01-10'));
  const assessing = then(requested, decidedToAssess('req-1', '2024-02-14'));

  it('refuses a request id already in use', () => {
    expect(refusal(requested, ehcRequested('req-1', '2024-03-01'))).toMatchObject({ code: 'REQUEST_ID_IN_USE', details: { requestId: 'req-1' } });
    expect(accepts(requested, ehcRequested('req-2', '2024-03-01'))).toBe(true);
  });

  it.each([
    decidedToAssess('req-9', '2024-02-01'),
    adviceRequested('req-9', 'adv-1', '2024-02-01'),
    adviceReceived('req-9', 'adv-1', '2024-02-01'),
    exceptionRecorded('req-9', '2024-02-01'),
    decidedNotToIssue('req-9', '2024-02-01'),
    draftIssued('req-9', '2024-02-01'),
    finalIssued('req-9', '2024-02-01'),
  ])("refuses $type for a request that isn't there", (event) => {
    expect(refusal(requested, event)).toMatchObject({ code: 'REQUEST_NOT_FOUND', details: { requestId: 'req-9', step: event.type } });
  });

  describe('decision to assess (reg 5)', () => {
    it('accepts one decision and refuses a second', () => {
      expect(accepts(requested, decidedToAssess('req-1', '2024-02-14'))).toBe(true);
      expect(refusal(assessing, decidedToAssess('req-1', '2024-02-20', 'not-assess'))).toMatchObject({
        code: 'DECISION_ALREADY_MADE',
        details: { decision: 'assess', decisionOn: '2024-02-14' },
      });
    });

    it('refuses a decision dated before the request was received', () => {
      expect(refusal(requested, decidedToAssess('req-1', '2024-01-09'))).toMatchObject({
        code: 'OCCURRED_BEFORE_PREVIOUS_STEP',
        details: { previousStep: 'EhcNeedsAssessmentRequested', previousStepOn: '2024-01-10', requestId: 'req-1' },
      });
    });

    it('refuses a back-dated decision dated after the draft plan already recorded', () => {
      const drafted = then(requested, draftIssued('req-1', '2024-05-02'));
      expect(refusal(drafted, decidedToAssess('req-1', '2024-05-03'))).toMatchObject({
        code: 'OCCURRED_AFTER_NEXT_STEP',
        details: { nextStep: 'DraftPlanIssued', nextStepOn: '2024-05-02' },
      });
      expect(accepts(drafted, decidedToAssess('req-1', '2024-02-14'))).toBe(true);
    });
  });

  describe('advice (reg 8)', () => {
    const asked = then(assessing, adviceRequested('req-1', 'adv-ep', '2024-02-20'));

    it('accepts advice received for advice requested', () => {
      expect(accepts(asked, adviceReceived('req-1', 'adv-ep', '2024-03-25'))).toBe(true);
    });

    it('refuses advice received that was never requested', () => {
      expect(refusal(asked, adviceReceived('req-1', 'adv-health', '2024-03-25'))).toMatchObject({
        code: 'ADVICE_NOT_FOUND',
        details: { adviceId: 'adv-health' },
      });
    });

    it('refuses an advice id already used, in this or another request', () => {
      expect(refusal(asked, adviceRequested('req-1', 'adv-ep', '2024-02-21'))).toMatchObject({ code: 'ADVICE_ID_IN_USE' });
      const second = then(asked, ehcRequested('req-2', '2024-03-01'));
      expect(refusal(second, adviceRequested('req-2', 'adv-ep', '2024-03-02'))).toMatchObject({
        code: 'ADVICE_ID_IN_USE',
        details: { usedByRequestId: 'req-1' },
      });
    });

    it('refuses advice received twice', () => {
      const received = then(asked, adviceReceived('req-1', 'adv-ep', '2024-03-25'));
      expect(refusal(received, adviceReceived('req-1', 'adv-ep', '2024-03-26'))).toMatchObject({ code: 'ADVICE_ALREADY_RECEIVED' });
    });

    it('refuses advice received before it was requested, and advice requested before the request', () => {
      expect(refusal(asked, adviceReceived('req-1', 'adv-ep', '2024-02-19'))).toMatchObject({
        code: 'OCCURRED_BEFORE_PREVIOUS_STEP',
        details: { previousStep: 'AdviceRequested', previousStepOn: '2024-02-20', adviceId: 'adv-ep' },
      });
      expect(refusal(assessing, adviceRequested('req-1', 'adv-2', '2024-01-01'))).toMatchObject({ code: 'OCCURRED_BEFORE_PREVIOUS_STEP' });
    });
  });

  it('accepts a timescale exception after the request, refuses one before it', () => {
    expect(accepts(requested, exceptionRecorded('req-1', '2024-07-20'))).toBe(true);
    expect(refusal(requested, exceptionRecorded('req-1', '2024-01-01'))).toMatchObject({ code: 'OCCURRED_BEFORE_PREVIOUS_STEP' });
  });

  describe('final plan (reg 13)', () => {
    const drafted = then(assessing, draftIssued('req-1', '2024-05-02'));

    it('accepts a final plan after a decision to assess', () => {
      expect(accepts(drafted, finalIssued('req-1', '2024-05-23'))).toBe(true);
      expect(accepts(assessing, finalIssued('req-1', '2024-05-23'))).toBe(true);
    });

    it('refuses a final plan without a decision to assess, or after deciding not to assess', () => {
      expect(refusal(requested, finalIssued('req-1', '2024-05-23'))).toMatchObject({
        code: 'FINAL_PLAN_NEEDS_DECISION_TO_ASSESS',
        details: { decision: null },
      });
      const notAssessed = then(requested, decidedToAssess('req-1', '2024-02-14', 'not-assess'));
      expect(refusal(notAssessed, finalIssued('req-1', '2024-05-23'))).toMatchObject({
        code: 'FINAL_PLAN_NEEDS_DECISION_TO_ASSESS',
        details: { decision: 'not-assess' },
      });
    });

    it("refuses a final plan for another request's decision", () => {
      const other = then(assessing, ehcRequested('req-2', '2024-03-01'));
      expect(refusal(other, finalIssued('req-2', '2024-05-23'))).toMatchObject({ code: 'FINAL_PLAN_NEEDS_DECISION_TO_ASSESS' });
    });

    it('refuses a final plan after a decision not to issue, and that decision twice', () => {
      const notToIssue = then(assessing, decidedNotToIssue('req-1', '2024-06-01'));
      expect(refusal(notToIssue, finalIssued('req-1', '2024-06-20'))).toMatchObject({
        code: 'DECIDED_NOT_TO_ISSUE_PLAN',
        details: { decisionNotToIssueOn: '2024-06-01' },
      });
      expect(refusal(notToIssue, decidedNotToIssue('req-1', '2024-06-02'))).toMatchObject({ code: 'DECIDED_NOT_TO_ISSUE_PLAN' });
    });

    it('refuses a second final plan for the same request, and a decision not to issue after it', () => {
      const issued = then(drafted, finalIssued('req-1', '2024-05-23'), planCeased('2024-12-01'));
      expect(refusal(issued, finalIssued('req-1', '2025-01-10'))).toMatchObject({ code: 'FINAL_PLAN_ALREADY_ISSUED' });
      expect(refusal(issued, decidedNotToIssue('req-1', '2025-01-10'))).toMatchObject({ code: 'FINAL_PLAN_ALREADY_ISSUED' });
    });

    it('refuses a second active plan (a child has one EHC plan)', () => {
      const withPlan = given(registered(), ...planIssued(), ehcRequested('req-2', '2024-09-01'), decidedToAssess('req-2', '2024-10-01'));
      expect(refusal(withPlan, finalIssued('req-2', '2025-01-10'))).toMatchObject({
        code: 'PLAN_ALREADY_ACTIVE',
        details: { activePlanRequestId: PLAN_REQUEST, activePlanIssuedOn: '2024-05-23' },
      });
      const ceased = then(withPlan, planCeased('2024-12-01'));
      expect(accepts(ceased, finalIssued('req-2', '2025-01-10'))).toBe(true);
    });

    it('refuses a final plan dated before the decision to assess or before the draft', () => {
      expect(refusal(assessing, finalIssued('req-1', '2024-02-13'))).toMatchObject({
        details: { previousStep: 'DecisionToAssessMade', previousStepOn: '2024-02-14' },
      });
      expect(refusal(drafted, finalIssued('req-1', '2024-05-01'))).toMatchObject({
        code: 'OCCURRED_BEFORE_PREVIOUS_STEP',
        details: { previousStep: 'DraftPlanIssued', previousStepOn: '2024-05-02' },
      });
    });

    it('accepts a final plan less than 15 days after the draft (it is flagged, not refused)', () => {
      expect(accepts(drafted, finalIssued('req-1', '2024-05-10'))).toBe(true);
    });

    it('refuses a back-dated draft dated after the final plan', () => {
      const issued = then(assessing, finalIssued('req-1', '2024-05-23'));
      expect(refusal(issued, draftIssued('req-1', '2024-05-24'))).toMatchObject({ code: 'OCCURRED_AFTER_NEXT_STEP' });
      expect(accepts(issued, draftIssued('req-1', '2024-05-02'))).toBe(true);
    });

    it('refuses a draft or a decision not to issue dated before the decision to assess', () => {
      expect(refusal(assessing, draftIssued('req-1', '2024-02-01'))).toMatchObject({ code: 'OCCURRED_BEFORE_PREVIOUS_STEP' });
      expect(refusal(assessing, decidedNotToIssue('req-1', '2024-02-01'))).toMatchObject({ code: 'OCCURRED_BEFORE_PREVIOUS_STEP' });
    });
  });
});
