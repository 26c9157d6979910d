import { authAs } from './auth';
import { recordEvent, request } from './http';
import type { TestApp } from './test-app';

/** Polls until `probe` answers something (real processes take a moment: the worker projects and alerts). */
export async function until<T>(what: string, probe: () => Promise<T | undefined>, ms = 20_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export interface AreaChild {
  readonly childId: string;
  readonly area: string;
  readonly familyName: string;
  readonly nhsNumber: string;
  readonly caseworker: string;
}

export const NORTH_CHILD: AreaChild = {
  childId: 'north-child',
  area: 'north',
  familyName: 'Northwoodsworth',
  nhsNumber: '9434765919',
  caseworker: 'cw-north',
};
export const SOUTH_CHILD: AreaChild = {
  childId: 'south-child',
  area: 'south',
  familyName: 'Southgateley',
  nhsNumber: '9434765838',
  caseworker: 'cw-south',
};

/**
 * One child per area, recorded through the API by that area's caseworker: an EHC request assessed and a
 * final plan issued in January 2025 (a clock and a timeliness figure), and three suspensions in school year
 * 2024 (an Area Inclusion Discussion alert to `panel:<area>`). Waits until the worker has projected both
 * and raised both alerts.
 */
export async function recordTwoAreas(app: TestApp): Promise<void> {
  for (const child of [NORTH_CHILD, SOUTH_CHILD]) {
    const auth = await authAs(app, 'caseworker', [child.area], child.caseworker);
    const school = `${child.area} Primary`;
    const events = [
      {
        type: 'ChildRegistered',
        occurredOn: '2024-09-02',
        data: {
          givenName: 'Robin',
          familyName: child.familyName,
          dateOfBirth: '2016-03-14',
          area: child.area,
          nhsNumber: child.nhsNumber,
          upn: 'A123456789012',
          school,
          caseworker: child.caseworker,
        },
      },
      { type: 'EhcNeedsAssessmentRequested', occurredOn: '2024-09-02', data: { requestId: 'q1', requestedBy: 'school' } },
      { type: 'DecisionToAssessMade', occurredOn: '2024-10-01', data: { requestId: 'q1', decision: 'assess' } },
      { type: 'FinalPlanIssued', occurredOn: '2025-01-10', data: { requestId: 'q1', placement: school } },
      ...['2024-10-07', '2024-11-11', '2025-01-13'].map((occurredOn, i) => ({
        type: 'SuspensionRecorded',
        occurredOn,
        data: { suspensionId: `s${i + 1}`, school, schoolDays: 1, reason: 'persistent-disruptive-behaviour' },
      })),
      { type: 'ReferralReceived', occurredOn: '2025-02-03', data: { referralId: 'asd-1', service: 'autism-assessment', source: 'school' } },
    ];
    for (const event of events) {
      const res = await recordEvent(app.baseUrl, child.childId, event, auth);
      if (res.status !== 201) throw new Error(`recording ${event.type} for ${child.childId}: ${res.status} ${JSON.stringify(res.body)}`);
    }
  }
  for (const child of [NORTH_CHILD, SOUTH_CHILD]) {
    await until(`${child.childId} projected`, async () => {
      const res = await request<{ items?: { childId: string }[] } | undefined>(app.baseUrl, 'GET', `/suspensions?schoolYear=2024&area=${child.area}`);
      return res.body?.items?.some((i) => i.childId === child.childId) ? true : undefined;
    });
    await until(`${child.childId} alerted`, async () => {
      const res = await request<{ total?: number } | undefined>(app.baseUrl, 'GET', `/alerts?recipient=panel:${child.area}`);
      return (res.body?.total ?? 0) > 0 ? true : undefined;
    });
  }
}
