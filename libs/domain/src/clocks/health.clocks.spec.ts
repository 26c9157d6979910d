import type { JourneyEvent, ReferralService } from '../events';
import { computeClocks, DEFAULT_CLOCK_CONFIG, type ClockView } from '.';
import { child, stream } from './testing/journey-fixture';

const referral = (referralId: string, service: ReferralService, on: string): JourneyEvent => ({
  type: 'ReferralReceived',
  occurredOn: on,
  data: { referralId, service, source: 'gp' },
});
const seen = (referralId: string, on: string): JourneyEvent => ({ type: 'InitialAppointmentHeld', occurredOn: on, data: { referralId } });
const triage = (referralId: string, on: string, outcome: 'accepted' | 'not-accepted' | 'more-information-needed'): JourneyEvent => ({
  type: 'MdtTriageCompleted',
  occurredOn: on,
  data: { referralId, outcome },
});
const closed = (referralId: string, on: string): JourneyEvent => ({
  type: 'ReferralClosed',
  occurredOn: on,
  data: { referralId, reason: 'family moved' },
});
const byKey = (views: ClockView[], key: string) => views.find((v) => v.key === key);

describe('health and autism waiting standards (docs/domain-rules.md §4.4)', () => {
  it('autism assessment should start within 3 months (NICE QS51): 30 Nov + 3 months = 28 Feb (clamped)', () => {
    const events = stream(child(), referral('asd-1', 'autism-assessment', '2024-11-30'), triage('asd-1', '2025-01-10', 'accepted'));
    expect(byKey(computeClocks(events, '2025-02-13'), 'asd-1')).toMatchObject({
      clock: 'autism-assessment-start',
      referralId: 'asd-1',
      startedOn: '2024-11-30',
      dueOn: '2025-02-28',
      status: 'running', // 28 Feb − 14 = 14 Feb
      source: 'NICE QS51 statement 1',
    });
    expect(byKey(computeClocks(events, '2025-02-14'), 'asd-1')).toMatchObject({ status: 'due-soon' });
    // Somerset's 16-month wait (seed 000): as of 30 Mar 2026 it is 395 days overdue (28 Feb 2025 → 28 Feb 2026 = 365, + 30)
    expect(byKey(computeClocks(events, '2026-03-30'), 'asd-1')).toMatchObject({ status: 'breached', daysOverdue: 395 });
    const withAppointment = stream(child(), referral('asd-1', 'autism-assessment', '2024-11-30'), seen('asd-1', '2025-02-28'));
    expect(byKey(computeClocks(withAppointment, '2025-06-01'), 'asd-1')).toMatchObject({ status: 'met', stoppedOn: '2025-02-28' });
  });

  it('MDT triage not-accepted closes the autism clock; more-information-needed does not', () => {
    const notAccepted = stream(child(), referral('asd-1', 'autism-assessment', '2024-11-30'), triage('asd-1', '2025-01-10', 'not-accepted'));
    expect(byKey(computeClocks(notAccepted, '2025-06-01'), 'asd-1')).toMatchObject({ status: 'closed', closedOn: '2025-01-10' });
    const moreInfo = stream(child(), referral('asd-1', 'autism-assessment', '2024-11-30'), triage('asd-1', '2025-01-10', 'more-information-needed'));
    expect(byKey(computeClocks(moreInfo, '2025-06-01'), 'asd-1')).toMatchObject({ status: 'breached' });
  });

  it('CAMHS first seen within 4 weeks; therapies within 18 weeks; ReferralClosed before the stop closes the clock', () => {
    const events = stream(
      child(),
      referral('camhs-1', 'camhs', '2024-02-05'),
      referral('ot-1', 'occupational-therapy', '2024-02-05'),
      referral('salt-1', 'speech-and-language', '2024-02-05'),
      referral('physio-1', 'physiotherapy', '2024-02-05'),
      seen('camhs-1', '2024-03-05'),
      closed('salt-1', '2024-04-01'),
      seen('salt-1', '2024-04-01'), // seen the day it closed: the stop counts
      closed('physio-1', '2024-03-01'),
    );
    const views = computeClocks(events, '2024-07-01');
    // 5 Feb 2024 + 28 days = 4 Mar 2024; seen 5 Mar → 1 day late
    expect(byKey(views, 'camhs-1')).toMatchObject({ clock: 'camhs-first-seen', dueOn: '2024-03-04', status: 'met-late', daysOverdue: 1 });
    // 5 Feb 2024 + 126 days = 10 Jun 2024; as of 1 Jul: 21 days overdue
    expect(byKey(views, 'ot-1')).toMatchObject({ clock: 'therapy-first-seen', dueOn: '2024-06-10', status: 'breached', daysOverdue: 21 });
    expect(byKey(views, 'salt-1')).toMatchObject({ clock: 'therapy-first-seen', status: 'met', stoppedOn: '2024-04-01' });
    expect(byKey(views, 'physio-1')).toMatchObject({ clock: 'therapy-first-seen', status: 'closed', closedOn: '2024-03-01', stoppedOn: null });
  });

  it('portage has no due date by default: running until seen, then met; a configured target makes it due', () => {
    const events = stream(child(), referral('portage-1', 'portage', '2024-02-05'));
    expect(byKey(computeClocks(events, '2026-01-01'), 'portage-1')).toMatchObject({
      clock: 'portage-first-seen',
      dueOn: null,
      status: 'running',
      daysOverdue: 0,
    });
    const seenLate = stream(child(), referral('portage-1', 'portage', '2024-02-05'), seen('portage-1', '2025-01-01'));
    expect(byKey(computeClocks(seenLate, '2026-01-01'), 'portage-1')).toMatchObject({ status: 'met', daysOverdue: 0 });
    const config = { ...DEFAULT_CLOCK_CONFIG, targets: { ...DEFAULT_CLOCK_CONFIG.targets, portageFirstSeenWeeks: 4 } };
    expect(byKey(computeClocks(events, '2024-03-05', config), 'portage-1')).toMatchObject({
      dueOn: '2024-03-04',
      status: 'breached',
      daysOverdue: 1,
    });
  });
});
