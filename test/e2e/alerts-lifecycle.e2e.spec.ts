import { expect } from '@jest/globals';
import { eventually, startWebhookReceiver, type WebhookReceiver } from '../../libs/alerts/src/testing/alert-peers';
import { authAs } from '../support/auth';
import { request } from '../support/http';
import { startTestApp, type TestApp } from '../support/test-app';

const SECRET = 'panel-north-webhook-secret';
/** "Today" is the second week of school year 2025/26: school year 2024/25 is the previous one. */
const TODAY = '2025-09-15';

const registered = (area = 'north', caseworker = 'cw-3') => ({
  type: 'ChildRegistered',
  occurredOn: '2024-09-02',
  data: { givenName: 'Jo', familyName: 'Sample', dateOfBirth: '2012-04-01', area, school: 'Hillside Academy', caseworker },
});
const suspension = (suspensionId: string, occurredOn: string, schoolDays = 1) => ({
  type: 'SuspensionRecorded',
  occurredOn,
  data: { suspensionId, school: 'Hillside Academy', schoolDays, reason: 'verbal-abuse-against-adult' },
});
const exclusion = (exclusionId: string, occurredOn: string) => ({
  type: 'PermanentExclusionRecorded',
  occurredOn,
  data: { exclusionId, school: 'Hillside Academy', reason: 'physical-assault-against-adult' },
});

interface AlertItem {
  alertId: string;
  status: string;
  withdrawnReason: string | null;
  withdrawnAt: string | null;
  reopenedAt: string | null;
  recipients: string[];
}

/**
 * The whole system in one process: events recorded over HTTP on 15 September 2025, the worker raising,
 * withdrawing and reopening alerts, a real Redis and a signed webhook for the north panel.
 */
describe('Inclusion alerts over HTTP: late entries, withdrawals, the sixth day and the area', () => {
  let webhook: WebhookReceiver;
  let app: TestApp;
  const savedEnv = { ...process.env };

  beforeAll(async () => {
    webhook = await startWebhookReceiver(SECRET);
    Object.assign(process.env, {
      ALERT_CHANNELS: JSON.stringify({ 'panel:north': { webhook: { url: webhook.url, secret: SECRET } } }),
      ALERT_DELIVERY_BACKOFF_MS: '50',
      ALERT_RELAY_POLL_MS: '50',
    });
    app = await startTestApp({ withWorker: true, clockToday: TODAY });
  });

  afterAll(async () => {
    await app.close();
    process.env = savedEnv;
    await webhook.close();
  });

  const inbox = async (recipient: string, status = 'open'): Promise<AlertItem[]> => {
    const res = await request<{ items: AlertItem[] }>(app.baseUrl, 'GET', `/alerts?recipient=${recipient}&status=${status}`);
    expect(res.status).toBe(200);
    return res.body.items;
  };
  const record = async (childId: string, event: unknown): Promise<string> => {
    const res = await request<{ eventId: string }>(app.baseUrl, 'POST', `/children/${childId}/events`, { json: event });
    expect(res.status).toBe(201);
    return res.body.eventId;
  };
  const noticesFor = (alertId: string) =>
    webhook.received.filter((r) => r.body.alertId === alertId).map((r) => `${String(r.body.notice)}-${String(r.body.episode)}`);

  it('a third suspension typed in September for last school year reaches the panel; voiding it withdraws the alert; a later third reopens it', async () => {
    await record('pupil-1', registered());
    await record('pupil-1', suspension('s-1', '2025-03-03'));
    await record('pupil-1', suspension('s-2', '2025-05-12'));
    const third = await record('pupil-1', suspension('s-3', '2025-07-01'));
    await eventually('the panel has the alert', async () => (await inbox('panel:north')).some((a) => a.alertId === 'aid:pupil-1:2024'));
    await eventually('the panel was told', () => noticesFor('aid:pupil-1:2024').length === 1);

    await record('pupil-1', { type: 'EventVoided', occurredOn: TODAY, data: { eventId: third, reason: 'entered against the wrong pupil' } });
    await eventually('the alert left the open inbox', async () => !(await inbox('panel:north')).some((a) => a.alertId === 'aid:pupil-1:2024'));
    const [withdrawn] = (await inbox('panel:north', 'withdrawn')).filter((a) => a.alertId === 'aid:pupil-1:2024');
    expect(withdrawn).toMatchObject({
      status: 'withdrawn',
      withdrawnReason: 'suspension s-3 voided: fewer than 3 counted suspensions in school year 2024/25',
      withdrawnAt: expect.any(String),
    });
    await eventually('the panel was told of the withdrawal', () => noticesFor('aid:pupil-1:2024').length === 2);

    await record('pupil-1', suspension('s-4', '2025-07-14'));
    await eventually('the alert is open again', async () => (await inbox('panel:north')).some((a) => a.alertId === 'aid:pupil-1:2024'));
    const all = (await inbox('panel:north', 'all')).filter((a) => a.alertId === 'aid:pupil-1:2024');
    expect(all).toEqual([expect.objectContaining({ status: 'open', withdrawnReason: null, withdrawnAt: null, reopenedAt: expect.any(String) })]);
    await eventually('the panel was told it is raised again', () => noticesFor('aid:pupil-1:2024').length === 3);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(noticesFor('aid:pupil-1:2024')).toEqual(['raised-1', 'withdrawn-1', 'raised-2']);
  });

  it('a suspension of more than 5 school days shows sixth-day provision on the journey and alerts the caseworker', async () => {
    await record('pupil-2', registered('north', 'cw-9'));
    await record('pupil-2', suspension('long', '2025-09-08', 6));
    const journey = await request<{ inclusion: { suspensions: unknown[] } }>(app.baseUrl, 'GET', '/children/pupil-2/journey');
    expect(journey.body.inclusion.suspensions).toEqual([expect.objectContaining({ suspensionId: 'long', sixthDayProvision: true })]);
    await eventually('the caseworker has the alert', async () =>
      (await inbox('caseworker:cw-9')).some((a) => a.alertId === 'sixth-day:pupil-2:suspension:long'),
    );
    const caseworker = await authAs(app, 'caseworker', ['north'], 'cw-9');
    const own = await request<{ items: AlertItem[] }>(app.baseUrl, 'GET', '/alerts?recipient=caseworker:cw-9', { headers: caseworker });
    expect(own.body.items).toEqual([
      expect.objectContaining({
        rule: 'sixth-day-provision',
        recipients: ['caseworker:cw-9'],
        facts: { suspensionId: 'long', suspendedOn: '2025-09-08', schoolDays: 6, schoolYear: 2025 },
      }),
    ]);
  });

  it('an exclusion goes to the panel of the area the child has moved to; one from two school years ago alerts no one', async () => {
    await record('pupil-3', registered('north'));
    await record('pupil-3', { type: 'ChildDetailsChanged', occurredOn: '2025-09-01', data: { area: 'south' } });
    await record('pupil-3', exclusion('x-old', '2023-10-02'));
    await record('pupil-3', exclusion('x-new', '2025-09-10'));
    await eventually('the south panel has the new exclusion', async () =>
      (await inbox('panel:south')).some((a) => a.alertId === 'pex:pupil-3:x-new'),
    );
    expect((await inbox('panel:south', 'all')).map((a) => a.alertId).filter((id) => id.startsWith('pex:pupil-3'))).toEqual(['pex:pupil-3:x-new']);
    expect((await inbox('panel:north', 'all')).some((a) => a.alertId.includes('pupil-3'))).toBe(false);
  });
});
