import { authAs } from './auth';
import { recordEvent, type EventBody } from './http';
import type { TestApp } from './test-app';

/**
 * Seven children whose 2025 SEN2 return was worked out by hand (census Thursday 15 January 2026), recorded through
 * the API by a caseworker of each child's area. Family names are distinctive so a test can look for them in logs.
 *
 * | child | 2025 | belongs to |
 * |---|---|---|
 * | refused | request from social care refused; mediation; Tribunal appeal | north |
 * | within | request 6 Jan, plan 26 May (140 days: within 20 weeks), school by URN, direct payments | north |
 * | excepted | request 13 Jan, exception, plan 14 Jul (182 days, Week20 = 1) | north |
 * | no-sex | request 3 Mar, plan 21 Jul (140 days); no sex recorded; a placement naming no establishment | north |
 * | moved | request 3 Mar in north, moved to south 1 Jun, plan 21 Jul (140 days) | request north, plan south |
 * | ceased | plan from 2019 ceased 15 May: "Moved on to paid employment" (cease reason 4) | north |
 * | reassessed | plan from 2022 replaced on 3 Jul by a re-assessment's plan (request 1 Apr, 93 days) | north |
 */
export const SEN2_FAMILY_NAMES = ['Quillfeather', 'Ambervale', 'Thistlewood', 'Marrowby', 'Fenwickham', 'Oldcastleton', 'Brackenridge'] as const;

interface Sen2Child {
  readonly childId: string;
  readonly area: 'north' | 'south';
  readonly events: readonly EventBody[];
}

const register = (familyName: string, area: string, dateOfBirth = '2016-03-14'): EventBody => ({
  type: 'ChildRegistered',
  occurredOn: '2019-01-07',
  data: { givenName: 'Robin', familyName, dateOfBirth, area, upn: 'A123456789012' },
});
const details = (withSex = true): EventBody => ({
  type: 'ChildDetailsChanged',
  occurredOn: '2019-01-14',
  data: { ...(withSex ? { sex: 'female' } : {}), ethnicity: 'WBRI', postcode: 'TA1 1AA', senNeeds: ['ASD', 'SLCN'] },
});
const requested = (requestId: string, occurredOn: string, requestedBy = 'parent'): EventBody => ({
  type: 'EhcNeedsAssessmentRequested',
  occurredOn,
  data: { requestId, requestedBy },
});
const assess = (requestId: string, occurredOn: string, decision = 'assess'): EventBody => ({
  type: 'DecisionToAssessMade',
  occurredOn,
  data: { requestId, decision },
});
const issued = (requestId: string, occurredOn: string): EventBody => ({
  type: 'FinalPlanIssued',
  occurredOn,
  data: { requestId, placement: 'Oak Primary' },
});
const placed = (requestId: string, placementId: string, occurredOn: string, where: Record<string, string>): EventBody => ({
  type: 'PlacementNamed',
  occurredOn,
  data: { placementId, requestId, ...where, startedOn: occurredOn, rank: 1 },
});

export const SEN2_CHILDREN: readonly Sen2Child[] = [
  {
    childId: 'sen2-refused',
    area: 'north',
    events: [
      register('Quillfeather', 'north'),
      details(),
      requested('r-a', '2025-02-03', 'social-care'),
      assess('r-a', '2025-03-10', 'not-assess'),
      { type: 'MediationRecorded', occurredOn: '2025-04-01', data: { mediationId: 'm-1', about: 'request', requestId: 'r-a' } },
      { type: 'AppealLodged', occurredOn: '2025-05-01', data: { appealId: 'ap-1', against: 'refusal-to-assess', requestId: 'r-a' } },
    ],
  },
  {
    childId: 'sen2-within',
    area: 'north',
    events: [
      register('Ambervale', 'north'),
      details(),
      requested('r-b', '2025-01-06'),
      assess('r-b', '2025-02-10'),
      { type: 'DraftPlanIssued', occurredOn: '2025-04-28', data: { requestId: 'r-b' } },
      issued('r-b', '2025-05-26'),
      placed('r-b', 'p-b', '2025-05-26', { urn: '123456' }),
      { type: 'PersonalBudgetAgreed', occurredOn: '2025-07-01', data: { kind: 'direct-payments' } },
    ],
  },
  {
    childId: 'sen2-excepted',
    area: 'north',
    events: [
      register('Thistlewood', 'north'),
      details(),
      requested('r-c', '2025-01-13', 'school'),
      assess('r-c', '2025-02-20'),
      { type: 'TimescaleExceptionRecorded', occurredOn: '2025-03-01', data: { requestId: 'r-c', exception: 'exceptional-personal-circumstances' } },
      issued('r-c', '2025-07-14'),
      placed('r-c', 'p-c', '2025-07-14', { urn: '222222' }),
    ],
  },
  {
    childId: 'sen2-no-sex',
    area: 'north',
    events: [
      register('Marrowby', 'north'),
      details(false),
      requested('r-d', '2025-03-03'),
      assess('r-d', '2025-04-01'),
      issued('r-d', '2025-07-21'),
      placed('r-d', 'p-d', '2025-07-21', {}),
    ],
  },
  {
    childId: 'sen2-moved',
    area: 'south',
    events: [
      register('Fenwickham', 'north'),
      details(),
      requested('r-e', '2025-03-03'),
      assess('r-e', '2025-04-01'),
      { type: 'ChildDetailsChanged', occurredOn: '2025-06-01', data: { area: 'south' } },
      issued('r-e', '2025-07-21'),
      placed('r-e', 'p-e', '2025-07-21', { urn: '333333' }),
    ],
  },
  {
    childId: 'sen2-ceased',
    area: 'north',
    events: [
      register('Oldcastleton', 'north', '2006-02-01'),
      details(),
      requested('r-g', '2019-05-01', 'young-person'),
      assess('r-g', '2019-06-01'),
      issued('r-g', '2019-09-01'),
      placed('r-g', 'p-g', '2019-09-01', { ukprn: '10012345' }),
      { type: 'PersonalBudgetAgreed', occurredOn: '2020-01-10', data: { kind: 'organised-arrangements' } },
      { type: 'AnnualReviewDecisionMade', occurredOn: '2025-04-01', data: { decision: 'cease' } },
      { type: 'PlanCeased', occurredOn: '2025-05-15', data: { reason: 'Moved on to paid employment' } },
    ],
  },
  {
    childId: 'sen2-reassessed',
    area: 'north',
    events: [
      register('Brackenridge', 'north'),
      details(),
      requested('r-old', '2022-01-10'),
      assess('r-old', '2022-02-01'),
      issued('r-old', '2022-06-01'),
      placed('r-old', 'p-old', '2022-06-01', { urn: '444444' }),
      { type: 'AnnualReviewMeetingHeld', occurredOn: '2025-03-01', data: {} },
      { type: 'AnnualReviewDecisionMade', occurredOn: '2025-03-15', data: { decision: 'maintain' } },
      { type: 'ReassessmentRequested', occurredOn: '2025-04-01', data: { requestId: 'r-re', requestedBy: 'school' } },
      { type: 'ReassessmentDecisionMade', occurredOn: '2025-04-10', data: { requestId: 'r-re', decision: 'reassess' } },
      issued('r-re', '2025-07-03'),
      placed('r-re', 'p-re', '2025-07-03', { urn: '444444' }),
    ],
  },
];

/** Records every child through the API, each event by a caseworker of the area the child is in at the time. */
export async function recordSen2Children(app: TestApp): Promise<void> {
  for (const child of SEN2_CHILDREN) {
    // the registration names the area the child starts in
    let area = (child.events[0]?.data as { area: string }).area;
    for (const event of child.events) {
      const moveTo = event.type === 'ChildDetailsChanged' ? (event.data as { area?: string }).area : undefined;
      const auth = await authAs(app, 'caseworker', [area, ...(moveTo !== undefined ? [moveTo] : [])], `cw-${area}`);
      const res = await recordEvent(app.baseUrl, child.childId, event, auth);
      if (res.status !== 201) throw new Error(`${child.childId} ${event.type} ${event.occurredOn}: ${res.status} ${JSON.stringify(res.body)}`);
      if (moveTo !== undefined) area = moveTo;
    }
  }
}
