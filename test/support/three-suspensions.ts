/**
 * A pupil in the south area suspended three times in one school year: the third suspension raises the Area Inclusion
 * Discussion alert for `panel:south` (docs/domain-rules.md §6). Recorded in this order, with "today" on or after
 * 2025-01-13; fault tests stop something between the second and the third.
 */
export const THREE_SUSPENSIONS_CHILD = 'pupil-7';

export const registration = {
  type: 'ChildRegistered',
  occurredOn: '2024-09-02',
  data: { givenName: 'Jo', familyName: 'Sample', dateOfBirth: '2012-04-01', area: 'south', school: 'Hillside Academy', caseworker: 'cw-3' },
};

const suspension = (suspensionId: string, occurredOn: string): object => ({
  type: 'SuspensionRecorded',
  occurredOn,
  data: { suspensionId, school: 'Hillside Academy', schoolDays: 2, reason: 'verbal-abuse-against-adult' },
});

/** Registration and the first two suspensions: nothing alerts yet. */
export const BEFORE_THE_THIRD_SUSPENSION: readonly object[] = [registration, suspension('s-1', '2024-10-07'), suspension('s-2', '2024-11-18')];

export const THIRD_SUSPENSION = suspension('s-3', '2025-01-13');
