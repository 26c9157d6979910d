import { DEFAULT_INCLUSION_CONFIG, type JourneyEvent, type RecordedJourneyEvent } from '@sj/domain';
import { inclusionAlerts } from './inclusion-alerts';

/** A child's stream where each event is recorded on a given day (`[event, recordedOn]`). */
function journey(...entries: Array<[JourneyEvent, string]>): { events: RecordedJourneyEvent[]; recordedOn: Record<string, string> } {
  const events = entries.map(([event, day], i) => ({
    event,
    metadata: { eventId: `ev-${i}`, recordedAt: `${day}T10:00:00.000Z`, recordedBy: 'test', correlationId: `c-${i}`, schemaVersion: 1 },
    streamRevision: i,
  }));
  return { events, recordedOn: Object.fromEntries(entries.map(([, day], i) => [`ev-${i}`, day])) };
}

const child = { childId: 'c1', area: 'north', caseworker: 'cw-7' };
const registered: JourneyEvent = {
  type: 'ChildRegistered',
  occurredOn: '2020-01-06',
  data: { givenName: 'Alex', familyName: 'Example', dateOfBirth: '2015-10-15', area: 'north' },
};
const suspension = (suspensionId: string, occurredOn: string, schoolDays = 1): JourneyEvent => ({
  type: 'SuspensionRecorded',
  occurredOn,
  data: { suspensionId, school: 'Oakfield Primary', schoolDays, reason: 'persistent-disruptive-behaviour' },
});
const alertsFor = (entries: Array<[JourneyEvent, string]>) => inclusionAlerts({ child, ...journey(...entries) });

describe('inclusion alerts', () => {
  it('the third counted suspension in a school year calls an Area Inclusion Discussion with the area panel', () => {
    const alerts = alertsFor([
      [registered, '2024-09-02'],
      [suspension('s1', '2024-10-01'), '2024-10-01'],
      [suspension('s2', '2024-11-05'), '2024-11-05'],
      [suspension('s3', '2025-01-14'), '2025-01-14'],
    ]);
    expect(alerts).toEqual([
      {
        alertId: 'aid:c1:2024',
        rule: 'area-inclusion-discussion',
        childId: 'c1',
        area: 'north',
        recipients: ['panel:north'],
        period: '2024',
        facts: { schoolYear: 2024, threshold: 3, window: 'school-year', thresholdReachedOn: '2025-01-14', suspensionIds: ['s1', 's2', 's3'] },
      },
    ]);
  });

  it('two suspensions raise nothing; nor do three across two school years', () => {
    expect(alertsFor([[registered, '2024-09-02'], [suspension('s1', '2024-10-01'), '2024-10-01'], [suspension('s2', '2024-11-05'), '2024-11-05']])).toEqual([]);
    expect(
      alertsFor([
        [registered, '2024-06-02'],
        [suspension('s1', '2024-06-10'), '2024-06-10'],
        [suspension('s2', '2024-07-01'), '2024-07-01'],
        [suspension('s3', '2024-09-20'), '2024-09-20'],
      ]),
    ).toEqual([]);
  });

  it('a 4th suspension and a re-recorded 3rd raise nothing new: the alert is the same id', () => {
    const three: Array<[JourneyEvent, string]> = [
      [registered, '2024-09-02'],
      [suspension('s1', '2024-10-01'), '2024-10-01'],
      [suspension('s2', '2024-11-05'), '2024-11-05'],
      [suspension('s3', '2025-01-14'), '2025-01-14'],
    ];
    const before = alertsFor(three).map((a) => a.alertId);
    const after = alertsFor([
      ...three,
      [suspension('s4', '2025-02-03'), '2025-02-03'],
      [{ type: 'EventVoided', occurredOn: '2025-02-04', data: { eventId: 'ev-3', reason: 'wrong date' } }, '2025-02-04'],
      [suspension('s3b', '2025-01-15'), '2025-02-04'],
    ]).map((a) => a.alertId);
    expect(before).toEqual(['aid:c1:2024']);
    expect(after).toEqual(before);
  });

  it("importing last year's history today raises nothing", () => {
    const today = '2025-10-06';
    expect(
      alertsFor([
        [registered, today],
        [suspension('s1', '2024-10-01', 10), today],
        [suspension('s2', '2024-11-05', 10), today],
        [suspension('s3', '2025-01-14', 30), today],
        [{ type: 'PermanentExclusionRecorded', occurredOn: '2025-03-03', data: { exclusionId: 'x1', school: 'Oakfield Primary', reason: 'damage' } }, today],
      ]),
    ).toEqual([]);
  });

  it('a third suspension back-dated into this school year still alerts: it is recorded in the year it is about', () => {
    const alerts = alertsFor([
      [registered, '2024-09-02'],
      [suspension('s1', '2024-10-01'), '2024-10-01'],
      [suspension('s2', '2024-11-05'), '2024-11-05'],
      [suspension('s0', '2024-09-10'), '2024-11-20'],
    ]);
    expect(alerts.map((a) => [a.alertId, a.facts.thresholdReachedOn])).toEqual([['aid:c1:2024', '2024-11-05']]);
  });

  it('a rescinded suspension does not count towards the trigger', () => {
    expect(
      alertsFor([
        [registered, '2024-09-02'],
        [suspension('s1', '2024-10-01'), '2024-10-01'],
        [{ type: 'SuspensionRescinded', occurredOn: '2024-10-03', data: { suspensionId: 's1' } }, '2024-10-03'],
        [suspension('s2', '2024-11-05'), '2024-11-05'],
        [suspension('s3', '2025-01-14'), '2025-01-14'],
      ]),
    ).toEqual([]);
  });

  it('a permanent exclusion goes to the panel at once; an overturned one does not', () => {
    const exclusion = (exclusionId: string): JourneyEvent => ({
      type: 'PermanentExclusionRecorded',
      occurredOn: '2025-03-03',
      data: { exclusionId, school: 'Oakfield Primary', reason: 'damage' },
    });
    expect(alertsFor([[registered, '2024-09-02'], [exclusion('x1'), '2025-03-04']])).toEqual([
      {
        alertId: 'pex:c1:x1',
        rule: 'permanent-exclusion',
        childId: 'c1',
        area: 'north',
        recipients: ['panel:north'],
        period: '2025-03-03',
        facts: { exclusionId: 'x1', excludedOn: '2025-03-03', schoolYear: 2024 },
      },
    ]);
    // Voided before the alert was judged (both in one stream read): the exclusion stood when it was recorded, so it alerts once;
    // the same id can never be raised twice.
    const recordedThenVoided = alertsFor([
      [registered, '2024-09-02'],
      [exclusion('x1'), '2025-03-04'],
      [{ type: 'EventVoided', occurredOn: '2025-03-05', data: { eventId: 'ev-1', reason: 'wrong child' } }, '2025-03-05'],
      [exclusion('x1b'), '2025-03-05'],
    ]);
    expect(recordedThenVoided.map((a) => a.alertId)).toEqual(['pex:c1:x1', 'pex:c1:x1b']);
  });

  it("a term's suspensions over 15 days go to the area's managers, once per term", () => {
    const alerts = alertsFor([
      [registered, '2024-09-02'],
      [suspension('s1', '2024-09-20', 10), '2024-09-20'],
      [suspension('s2', '2024-10-20', 5), '2024-10-20'],
      [suspension('s3', '2024-11-20', 0.5), '2024-11-20'],
      [suspension('s4', '2024-12-02', 3), '2024-12-02'],
    ]);
    const term = alerts.filter((a) => a.rule === 'term-suspension-days');
    expect(term).toEqual([
      {
        alertId: 'term-over-15:c1:2024:autumn',
        rule: 'term-suspension-days',
        childId: 'c1',
        area: 'north',
        recipients: ['managers:north'],
        period: '2024:autumn',
        facts: { schoolYear: 2024, term: 'autumn', suspensionCount: 3, suspensionDays: 15.5, limit: 15 },
      },
    ]);
  });

  it("exactly 15 days in a term is within the limit", () => {
    const alerts = alertsFor([[registered, '2024-09-02'], [suspension('s1', '2024-09-20', 10), '2024-09-20'], [suspension('s2', '2024-10-20', 5), '2024-10-20']]);
    expect(alerts).toEqual([]);
  });

  it("a year's suspensions over 45 days are unlawful: the area's managers are told", () => {
    const alerts = alertsFor([
      [registered, '2024-09-02'],
      [suspension('s1', '2024-11-01', 15), '2024-11-01'],
      [suspension('s2', '2025-02-01', 15), '2025-02-01'],
      [suspension('s3', '2025-05-01', 15), '2025-05-01'],
      [suspension('s4', '2025-06-01', 0.5), '2025-06-01'],
    ]);
    expect(alerts.map((a) => a.alertId)).toEqual(['aid:c1:2024', 'term-over-15:c1:2024:summer', 'year-over-45:c1:2024']);
    expect(alerts[2]).toMatchObject({ recipients: ['managers:north'], facts: { suspensionDays: 45.5, suspensionCount: 4, limit: 45 } });
  });

  it('threshold and window are configuration', () => {
    const alerts = inclusionAlerts(
      { child, ...journey([registered, '2024-09-02'], [suspension('s1', '2024-10-01'), '2024-10-01'], [suspension('s2', '2024-11-05'), '2024-11-05']) },
      { ...DEFAULT_INCLUSION_CONFIG, triggerThreshold: 2 },
    );
    expect(alerts.map((a) => a.alertId)).toEqual(['aid:c1:2024']);
  });

  it('alert facts carry ids, dates and counts only, never names or schools', () => {
    const alerts = alertsFor([
      [registered, '2024-09-02'],
      [suspension('s1', '2024-10-01', 20), '2024-10-01'],
      [suspension('s2', '2024-11-05', 20), '2024-11-05'],
      [suspension('s3', '2025-01-14', 20), '2025-01-14'],
    ]);
    const text = JSON.stringify(alerts);
    expect(text).not.toMatch(/Alex|Example|Oakfield|2015-10-15|disruptive/);
  });
});
