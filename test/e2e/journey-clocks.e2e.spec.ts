import { expect } from '@jest/globals';
import { getJourney, recordEvent, registerChild, type JourneyResponse } from '../support/http';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * Read your own writes: a caseworker who records an event and opens the journey sees every clock
 * recomputed at once, as of the date asked for, with no projection in between.
 */
describe('A journey shows its clocks and waits as of a date', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({ clockToday: '2025-07-01' });
    await registerChild(app.baseUrl, 'clock-child', '2024-12-01');
    // Request received Monday 6 January 2025: 20 weeks later is Monday 26 May 2025 (reg 13(2)).
    await recordEvent(app.baseUrl, 'clock-child', {
      type: 'EhcNeedsAssessmentRequested',
      occurredOn: '2025-01-06',
      data: { requestId: 'q-1', requestedBy: 'parent' },
    });
    await recordEvent(app.baseUrl, 'clock-child', {
      type: 'DecisionToAssessMade',
      occurredOn: '2025-02-10',
      data: { requestId: 'q-1', decision: 'assess' },
    });
    // Autism referral on 15 January 2025: NICE QS51 asks for the assessment to start within 3 months (15 April).
    await recordEvent(app.baseUrl, 'clock-child', {
      type: 'ReferralReceived',
      occurredOn: '2025-01-15',
      data: { referralId: 'r-1', service: 'autism-assessment', source: 'school' },
    });
  });

  afterAll(async () => {
    await app.close();
  });

  const clock = (body: JourneyResponse, name: string) => body.clocks.find((c) => c.clock === name);

  it('is due soon two weeks before the 20-week limit and breached the day after it', async () => {
    const dueSoon = await getJourney(app.baseUrl, 'clock-child', '2025-05-12');
    expect(clock(dueSoon.body, 'final-plan')).toMatchObject({
      key: 'q-1',
      startedOn: '2025-01-06',
      dueOn: '2025-05-26',
      status: 'due-soon',
      daysOverdue: 0,
    });

    const breached = await getJourney(app.baseUrl, 'clock-child', '2025-06-01');
    expect(clock(breached.body, 'final-plan')).toMatchObject({ status: 'breached', daysOverdue: 6 });
    expect(clock(breached.body, 'decision-to-assess')).toMatchObject({ dueOn: '2025-02-17', stoppedOn: '2025-02-10', status: 'met' });
  });

  it('shows how long the autism referral has waited', async () => {
    const { body } = await getJourney(app.baseUrl, 'clock-child', '2025-06-01');
    expect(body.waitingTimes).toEqual([expect.objectContaining({ referralId: 'r-1', status: 'waiting', daysWaited: 137 })]);
    expect(clock(body, 'autism-assessment-start')).toMatchObject({ dueOn: '2025-04-15', status: 'breached', daysOverdue: 47 });
  });

  it('turns a breach into met-late the moment a back-dated final plan is recorded', async () => {
    await recordEvent(app.baseUrl, 'clock-child', { type: 'DraftPlanIssued', occurredOn: '2025-05-01', data: { requestId: 'q-1' } });
    const recorded = await recordEvent(app.baseUrl, 'clock-child', {
      type: 'FinalPlanIssued',
      occurredOn: '2025-06-03',
      data: { requestId: 'q-1', placement: 'Oakfield Primary' },
    });
    expect(recorded.status).toBe(201);

    const { body } = await getJourney(app.baseUrl, 'clock-child', '2025-06-30');
    expect(clock(body, 'final-plan')).toMatchObject({ stoppedOn: '2025-06-03', status: 'met-late', daysOverdue: 8 });
    expect(clock(body, 'annual-review')).toMatchObject({ startedOn: '2025-06-03', dueOn: '2026-06-02', status: 'running' });
  });
});
