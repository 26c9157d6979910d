import {
  given,
  accepts,
  refusal,
  registered,
  referralReceived,
  preAssessmentStarted,
  informationReceived,
  triaged,
  initialAppointment,
  diagnosticOutcome,
  referralClosed,
  then,
} from './journey.fixture';

describe('referral rules', () => {
  const received = given(registered(), referralReceived('ref-1', '2024-02-01'));

  describe('ReferralReceived', () => {
    it('accepts a new referral id', () => {
      expect(accepts(received, referralReceived('ref-2', '2024-02-01', 'camhs'))).toBe(true);
    });

    it('refuses a referral id already in use', () => {
      expect(refusal(received, referralReceived('ref-1', '2024-03-01', 'camhs'))).toMatchObject({
        code: 'REFERRAL_ID_IN_USE',
        kind: 'rule-violation',
        details: { rule: 'REFERRAL_ID_IN_USE', referralId: 'ref-1' },
      });
    });
  });

  describe("a referral's later steps need that referral, open", () => {
    it.each([
      preAssessmentStarted('ref-9', '2024-02-10'),
      informationReceived('ref-9', '2024-02-10'),
      triaged('ref-9', '2024-02-10'),
      initialAppointment('ref-9', '2024-02-10'),
      diagnosticOutcome('ref-9', '2024-02-10'),
      referralClosed('ref-9', '2024-02-10'),
    ])('refuses $type for an unknown referral', (event) => {
      expect(refusal(received, event)).toMatchObject({ code: 'REFERRAL_NOT_FOUND', details: { referralId: 'ref-9', step: event.type } });
    });

    it('refuses steps of a closed referral dated after it closed, and closing it twice', () => {
      const closed = then(received, referralClosed('ref-1', '2024-03-01'));
      expect(refusal(closed, preAssessmentStarted('ref-1', '2024-03-10'))).toMatchObject({
        code: 'REFERRAL_CLOSED',
        details: { closedOn: '2024-03-01' },
      });
      expect(refusal(closed, referralClosed('ref-1', '2024-03-02'))).toMatchObject({ code: 'REFERRAL_CLOSED' });
    });
  });

  describe('the ASD pathway', () => {
    it('accepts the whole pathway in order', () => {
      let history = received;
      for (const step of [
        preAssessmentStarted('ref-1', '2024-02-10'),
        informationReceived('ref-1', '2024-02-20', 'school'),
        informationReceived('ref-1', '2024-03-01', 'health'),
        triaged('ref-1', '2024-03-15', 'more-information-needed'),
        informationReceived('ref-1', '2024-04-01', 'parent'),
        triaged('ref-1', '2024-04-20', 'accepted'),
        initialAppointment('ref-1', '2025-01-15'),
        diagnosticOutcome('ref-1', '2025-03-01'),
        referralClosed('ref-1', '2025-03-02'),
      ]) {
        expect(accepts(history, step)).toBe(true);
        history = then(history, step);
      }
    });

    it.each([
      preAssessmentStarted('ref-c', '2024-02-10'),
      informationReceived('ref-c', '2024-02-10'),
      triaged('ref-c', '2024-02-10'),
      diagnosticOutcome('ref-c', '2024-02-10'),
    ])('refuses $type on a CAMHS referral', (event) => {
      const camhs = then(received, referralReceived('ref-c', '2024-02-01', 'camhs'));
      expect(refusal(camhs, event)).toMatchObject({ code: 'NOT_AN_AUTISM_REFERRAL', details: { referralId: 'ref-c', service: 'camhs' } });
    });

    it('accepts InitialAppointmentHeld for any service', () => {
      const therapy = then(received, referralReceived('ref-ot', '2024-02-01', 'occupational-therapy'));
      expect(accepts(therapy, initialAppointment('ref-ot', '2024-06-01'))).toBe(true);
    });

    it.each([
      [preAssessmentStarted('ref-1', '2024-02-20'), 'PreAssessmentStarted'],
      [initialAppointment('ref-1', '2024-05-20'), 'InitialAppointmentHeld'],
      [diagnosticOutcome('ref-1', '2024-06-20'), 'DiagnosticOutcomeRecorded'],
    ])('refuses a second %s and says how to correct it', (event, step) => {
      const history = then(
        received,
        preAssessmentStarted('ref-1', '2024-02-10'),
        triaged('ref-1', '2024-03-01'),
        initialAppointment('ref-1', '2024-05-01'),
        diagnosticOutcome('ref-1', '2024-06-01'),
      );
      const error = refusal(history, event);
      expect(error).toMatchObject({ code: 'STEP_ALREADY_RECORDED', details: { step } });
      expect(error.message).toContain('void');
    });
  });

  describe('dates: a step is not before the step it follows', () => {
    it('refuses a step dated before the referral was received, naming both dates', () => {
      const error = refusal(received, preAssessmentStarted('ref-1', '2024-01-31'));
      expect(error).toMatchObject({
        code: 'OCCURRED_BEFORE_PREVIOUS_STEP',
        details: {
          step: 'PreAssessmentStarted',
          occurredOn: '2024-01-31',
          previousStep: 'ReferralReceived',
          previousStepOn: '2024-02-01',
          referralId: 'ref-1',
        },
      });
      expect(error.message).toContain('2024-01-31');
      expect(error.message).toContain('2024-02-01');
    });

    it('accepts a step on the same day as the one it follows', () => {
      expect(accepts(received, preAssessmentStarted('ref-1', '2024-02-01'))).toBe(true);
    });

    it('refuses triage before pre-assessment started, and names the later of the earlier steps', () => {
      const started = then(received, preAssessmentStarted('ref-1', '2024-02-10'));
      expect(refusal(started, triaged('ref-1', '2024-02-05'))).toMatchObject({
        details: { previousStep: 'PreAssessmentStarted', previousStepOn: '2024-02-10' },
      });
      expect(refusal(started, informationReceived('ref-1', '2024-02-09'))).toMatchObject({ code: 'OCCURRED_BEFORE_PREVIOUS_STEP' });
    });

    it('refuses an initial appointment before the latest triage and an outcome before the appointment', () => {
      const seen = then(received, triaged('ref-1', '2024-03-01', 'more-information-needed'), triaged('ref-1', '2024-04-01'));
      expect(refusal(seen, initialAppointment('ref-1', '2024-03-15'))).toMatchObject({
        details: { previousStep: 'MdtTriageCompleted', previousStepOn: '2024-04-01' },
      });
      const appointment = then(seen, initialAppointment('ref-1', '2024-09-01'));
      expect(refusal(appointment, diagnosticOutcome('ref-1', '2024-08-31'))).toMatchObject({
        details: { previousStep: 'InitialAppointmentHeld', previousStepOn: '2024-09-01' },
      });
    });

    it('refuses closing a referral before its last recorded step', () => {
      const info = then(received, preAssessmentStarted('ref-1', '2024-02-10'), informationReceived('ref-1', '2024-03-10'));
      expect(refusal(info, referralClosed('ref-1', '2024-03-01'))).toMatchObject({
        details: { previousStep: 'PreAssessmentInformationReceived', previousStepOn: '2024-03-10' },
      });
    });

    it('accepts a back-dated step that fits between the recorded ones', () => {
      const triagedFirst = then(received, triaged('ref-1', '2024-04-01'));
      expect(accepts(triagedFirst, preAssessmentStarted('ref-1', '2024-03-01'))).toBe(true);
    });

    it('refuses a back-dated step dated after a step that follows it', () => {
      const triagedFirst = then(received, triaged('ref-1', '2024-04-01'));
      expect(refusal(triagedFirst, preAssessmentStarted('ref-1', '2024-04-02'))).toMatchObject({
        code: 'OCCURRED_AFTER_NEXT_STEP',
        details: { step: 'PreAssessmentStarted', occurredOn: '2024-04-02', nextStep: 'MdtTriageCompleted', nextStepOn: '2024-04-01' },
      });
      const seen = then(received, initialAppointment('ref-1', '2024-05-01'));
      expect(refusal(seen, triaged('ref-1', '2024-05-02'))).toMatchObject({ code: 'OCCURRED_AFTER_NEXT_STEP' });
    });
  });
});
