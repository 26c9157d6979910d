import { JOURNEY_EVENT_TYPES } from '../events';
import { foldJourney } from './journey.evolve';
import { given, registered, CHILD_ID } from './journey.fixture';
import { NEXT_STEP_TYPES, nextSteps } from './next-steps';

const TODAY = '2025-06-30';
const stepsOf = (...events: Parameters<typeof given>) => nextSteps(foldJourney(given(...events)), CHILD_ID, TODAY);

describe('next steps the order rules allow now', () => {
  it('offers only registration for a child not yet registered', () => {
    expect(nextSteps(foldJourney([]), CHILD_ID, TODAY)).toEqual([{ type: 'ChildRegistered' }]);
  });

  it('offers a new referral or request for a registered child, but no step of a referral, request or plan they do not have', () => {
    const types = stepsOf(registered()).map((s) => s.type);
    expect(types).toEqual(expect.arrayContaining(['ReferralReceived', 'EhcNeedsAssessmentRequested', 'SuspensionRecorded', 'CaseClosed']));
    expect(types).not.toContain('PreAssessmentStarted');
    expect(types).not.toContain('AnnualReviewMeetingHeld');
    expect(types).not.toContain('ReassessmentRequested');
  });

  it('names the referral a pre-assessment may follow: the open autism referral, not the CAMHS one', () => {
    const steps = stepsOf(
      registered(),
      { type: 'ReferralReceived', occurredOn: '2025-02-03', data: { referralId: 'asd-1', service: 'autism-assessment', source: 'school' } },
      { type: 'ReferralReceived', occurredOn: '2025-02-04', data: { referralId: 'camhs-1', service: 'camhs', source: 'gp' } },
    );
    expect(steps.find((s) => s.type === 'PreAssessmentStarted')).toEqual({
      type: 'PreAssessmentStarted',
      for: { field: 'referralId', ids: ['asd-1'] },
    });
    expect(steps.find((s) => s.type === 'InitialAppointmentHeld')?.for?.ids).toEqual(['asd-1', 'camhs-1']);
  });

  it('after a decision to assess, offers the draft and final plan for that request, and advice received once asked for', () => {
    const steps = stepsOf(
      registered(),
      { type: 'EhcNeedsAssessmentRequested', occurredOn: '2025-01-06', data: { requestId: 'req-1', requestedBy: 'parent' } },
      { type: 'DecisionToAssessMade', occurredOn: '2025-02-10', data: { requestId: 'req-1', decision: 'assess' } },
      { type: 'AdviceRequested', occurredOn: '2025-02-11', data: { requestId: 'req-1', adviceId: 'ep-1', adviceType: 'educational-psychology' } },
    );
    const types = steps.map((s) => s.type);
    expect(types).toEqual(expect.arrayContaining(['DraftPlanIssued', 'FinalPlanIssued', 'AdviceReceived']));
    expect(types).not.toContain('DecisionToAssessMade');
    expect(steps.find((s) => s.type === 'AdviceReceived')?.for).toEqual({ field: 'adviceId', ids: ['ep-1'] });
  });

  it('offers every event type but registration and voiding as a possible next step', () => {
    expect([...NEXT_STEP_TYPES, 'ChildRegistered', 'EventVoided'].sort()).toEqual([...JOURNEY_EVENT_TYPES].sort());
  });
});
