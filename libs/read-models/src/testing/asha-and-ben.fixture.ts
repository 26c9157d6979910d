import type { JourneyEvent } from '@sj/domain';

/*
 * Two children, dates chosen so every expected row can be worked out by hand (docs/domain-rules.md §2, 4, 6):
 * Asha: EHC request received 2024-01-10 → decision-to-assess due +6 weeks = 2024-02-21 (met 2024-02-01),
 *   plan-decision due +16 weeks = 2024-05-01 (draft 2024-05-01: met on the day), final-plan due +20 weeks
 *   = 2024-05-29 (issued 2024-05-20: met, 131 days); autism referral 2024-03-01, due +3 months 2024-06-01,
 *   pre-assessment 2024-03-20, still waiting.
 *   Suspensions in school year 2024 (2024-09-01..2025-08-31): 2 days 2024-09-10 and 3 days 2024-10-01
 *   (autumn: 2, 5 days), 1 day 2025-01-15 (spring: 1, 1 day) → 3 suspensions, 6 days, trigger 2025-01-15.
 * Ben: CAMHS referral 2024-06-03, first seen 2024-06-24 (21 days); registered without school or caseworker.
 * Day numbers count from 1970-01-01: 2024-01-01 is 19723, so 2024-03-01 is 19723 + 31 + 29 = 19783, 2024-06-03 is
 * 19723 + 152 + 2 = 19877 and 2024-06-24 is 19898; 9999-12-31 (still open) is 2932896.
 */
export const ASHA_JOURNEY: JourneyEvent[] = [
  {
    type: 'ChildRegistered',
    occurredOn: '2024-01-02',
    data: { givenName: 'Asha', familyName: 'Khan', dateOfBirth: '2019-03-01', area: 'north', school: 'Oak Primary', caseworker: 'cw-1' },
  },
  { type: 'EhcNeedsAssessmentRequested', occurredOn: '2024-01-10', data: { requestId: 'req-1', requestedBy: 'parent' } },
  { type: 'DecisionToAssessMade', occurredOn: '2024-02-01', data: { requestId: 'req-1', decision: 'assess' } },
  { type: 'ReferralReceived', occurredOn: '2024-03-01', data: { referralId: 'asd-1', service: 'autism-assessment', source: 'school' } },
  { type: 'PreAssessmentStarted', occurredOn: '2024-03-20', data: { referralId: 'asd-1' } },
  { type: 'DraftPlanIssued', occurredOn: '2024-05-01', data: { requestId: 'req-1' } },
  { type: 'FinalPlanIssued', occurredOn: '2024-05-20', data: { requestId: 'req-1', placement: 'Oak Primary with support' } },
];
export const ASHA_SUSPENSIONS: JourneyEvent[] = [
  {
    type: 'SuspensionRecorded',
    occurredOn: '2024-09-10',
    data: { suspensionId: 's1', school: 'Oak Primary', schoolDays: 2, reason: 'persistent-disruptive-behaviour' },
  },
  {
    type: 'SuspensionRecorded',
    occurredOn: '2024-10-01',
    data: { suspensionId: 's2', school: 'Oak Primary', schoolDays: 3, reason: 'verbal-abuse-against-adult' },
  },
  { type: 'SuspensionRecorded', occurredOn: '2025-01-15', data: { suspensionId: 's3', school: 'Oak Primary', schoolDays: 1, reason: 'damage' } },
];
export const BEN_JOURNEY: JourneyEvent[] = [
  { type: 'ChildRegistered', occurredOn: '2024-05-01', data: { givenName: 'Ben', familyName: 'Jones', dateOfBirth: '2012-10-10', area: 'south' } },
  { type: 'ReferralReceived', occurredOn: '2024-06-03', data: { referralId: 'camhs-1', service: 'camhs', source: 'gp' } },
  { type: 'InitialAppointmentHeld', occurredOn: '2024-06-24', data: { referralId: 'camhs-1' } },
];
