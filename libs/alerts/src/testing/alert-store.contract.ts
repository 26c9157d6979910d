import type { AlertChange, AlertDecision, AlertRule } from '../rules/alert-decision';
import { AlertStoreUnavailableError, type AlertStore } from '../store/alert-store.port';

export interface AlertStoreFixture {
  readonly store: AlertStore;
  /** Another process's store on the same storage (the API beside the worker; a second worker). */
  readonly openAnother: () => Promise<AlertStore>;
  /** Takes the storage away (closes the file, ends the pool), as an outage would. */
  readonly disconnect: () => Promise<void>;
  readonly cleanup: () => Promise<void>;
}

const decision = (overrides: Partial<AlertDecision> = {}): AlertDecision => ({
  alertId: 'aid:c1:2024',
  rule: 'area-inclusion-discussion',
  childId: 'c1',
  area: 'north',
  recipients: ['panel:north'],
  period: '2024',
  facts: { schoolYear: 2024, suspensionIds: ['s1', 's2', 's3'] },
  ...overrides,
});
const raised = (d: AlertDecision = decision(), causedBy = 'e3'): AlertChange => ({ kind: 'raised', causedBy, decision: d });
const withdrawn = (reason: string, alertId = 'aid:c1:2024', causedBy = 'e4'): AlertChange => ({ kind: 'withdrawn', causedBy, alertId, reason });

const T1 = '2025-01-14T10:00:00.000Z';
const T2 = '2025-01-15T10:00:00.000Z';
const T3 = '2025-01-16T10:00:00.000Z';

/** What every alert store must do, wherever it keeps the inbox and outbox. */
export function describeAlertStoreContract(name: string, makeStore: () => Promise<AlertStoreFixture>): void {
  describe(`alert store contract: ${name}`, () => {
    let fixture: AlertStoreFixture;
    let store: AlertStore;
    const opened: AlertStore[] = [];

    beforeEach(async () => {
      fixture = await makeStore();
      store = fixture.store;
    });
    afterEach(async () => {
      await Promise.all(opened.splice(0).map((other) => other.close()));
      await store.close();
      await fixture.cleanup();
    });

    const another = async (): Promise<AlertStore> => {
      const other = await fixture.openAnother();
      opened.push(other);
      return other;
    };
    const inbox = async (recipient: string, status: 'open' | 'acknowledged' | 'withdrawn' | 'all' = 'all'): Promise<string[]> =>
      (await store.listAlerts({ recipient, status, page: 1, pageSize: 50 })).items.map((a) => `${a.alertId} ${a.status}`);

    it('raises an alert, open for its recipients, with its notice waiting in the outbox', async () => {
      expect(await store.applyChanges([raised()], T1)).toBe(1);

      expect(await store.findAlert('aid:c1:2024')).toEqual({
        alertId: 'aid:c1:2024',
        rule: 'area-inclusion-discussion',
        childId: 'c1',
        area: 'north',
        period: '2024',
        recipients: ['panel:north'],
        facts: { schoolYear: 2024, suspensionIds: ['s1', 's2', 's3'] },
        link: '/children/c1/journey',
        status: 'open',
        createdAt: T1,
        reopenedAt: null,
        queuedAt: null,
        acknowledgedAt: null,
        acknowledgedBy: null,
        withdrawnAt: null,
        withdrawnReason: null,
      });
      expect(await inbox('panel:north', 'open')).toEqual(['aid:c1:2024 open']);
      expect(await inbox('panel:south')).toEqual([]);
      expect(await store.unqueuedNotices(10)).toEqual([
        {
          alertId: 'aid:c1:2024',
          notice: 'raised',
          episode: 1,
          area: 'north',
          recipients: ['panel:north'],
          facts: { schoolYear: 2024, suspensionIds: ['s1', 's2', 's3'] },
          reason: null,
          createdAt: T1,
        },
      ]);
      expect(await store.findAlert('never-raised')).toBeUndefined();
    });

    it('applies nothing twice: the same life replayed adds no notice and changes no time', async () => {
      await store.applyChanges([raised()], T1);
      expect(await store.applyChanges([raised()], T2)).toBe(0);
      expect((await store.findAlert('aid:c1:2024'))?.createdAt).toBe(T1);
      expect(await store.unqueuedNotices(10)).toHaveLength(1);
    });

    it('withdraws an alert, telling who was told of it, and reopens it under the same id for whoever it is for now', async () => {
      await store.applyChanges([raised()], T1);
      await store.acknowledge('aid:c1:2024', 'panel-chair', T1);
      expect(await store.applyChanges([raised(), withdrawn('suspension s3 voided')], T2)).toBe(1);

      expect(await store.findAlert('aid:c1:2024')).toMatchObject({ status: 'withdrawn', withdrawnAt: T2, withdrawnReason: 'suspension s3 voided' });
      expect(await inbox('panel:north', 'withdrawn')).toEqual(['aid:c1:2024 withdrawn']);

      const moved = decision({ area: 'south', recipients: ['panel:south'] });
      expect(await store.applyChanges([raised(), withdrawn('suspension s3 voided'), raised(moved, 'e5')], T3)).toBe(1);

      expect(await store.findAlert('aid:c1:2024')).toMatchObject({
        status: 'open',
        area: 'south',
        recipients: ['panel:south'],
        createdAt: T1,
        reopenedAt: T3,
        acknowledgedAt: null,
        acknowledgedBy: null,
        withdrawnAt: null,
        withdrawnReason: null,
      });
      expect(await inbox('panel:north')).toEqual([]);
      expect(await inbox('panel:south', 'open')).toEqual(['aid:c1:2024 open']);
      expect((await store.unqueuedNotices(10)).map((n) => [n.notice, n.episode, n.recipients, n.reason])).toEqual([
        ['raised', 1, ['panel:north'], null],
        ['withdrawn', 1, ['panel:north'], 'suspension s3 voided'],
        ['raised', 2, ['panel:south'], null],
      ]);
    });

    it("moves the consumer's checkpoint with the batch, leaves it alone for the sweep, and forgets it on reset", async () => {
      expect(await store.checkpoint()).toBeUndefined();
      await store.applyChanges([raised()], T1, '17');
      expect(await store.checkpoint()).toBe('17');
      await store.applyChanges([], T2, '18');
      expect(await store.checkpoint()).toBe('18');
      await store.applyChanges([raised(decision({ alertId: 'clock-breached:c2:final-plan', rule: 'clock-breached', childId: 'c2' }), 'sweep')], T2);
      expect(await store.checkpoint()).toBe('18');
      await store.resetCheckpoint();
      expect(await store.checkpoint()).toBeUndefined();
      expect(await store.findAlert('aid:c1:2024')).toBeDefined();
    });

    it('stores a batch whole or not at all: when one change cannot be stored, neither the others nor the checkpoint are', async () => {
      await store.applyChanges([], T1, '10');
      const broken = decision({ alertId: 'pex:c2:x1', childId: 'c2', rule: null as unknown as AlertRule });

      await expect(store.applyChanges([raised(), raised(broken)], T2, '11')).rejects.toThrow();

      expect(await store.findAlert('aid:c1:2024')).toBeUndefined();
      expect(await store.unqueuedNotices(10)).toEqual([]);
      expect(await store.checkpoint()).toBe('10');
    });

    it('lists one recipient’s alerts a page at a time, most recently raised first, by status', async () => {
      for (const [i, at] of [T1, T2, T3].entries()) {
        await store.applyChanges([raised(decision({ alertId: `pex:c${i}:x`, childId: `c${i}`, rule: 'permanent-exclusion' }), `e${i}`)], at);
      }
      await store.acknowledge('pex:c1:x', 'panel-chair', T3);

      const first = await store.listAlerts({ recipient: 'panel:north', status: 'all', page: 1, pageSize: 2 });
      expect(first).toMatchObject({ total: 3, page: 1, pageSize: 2 });
      expect(first.items.map((a) => a.alertId)).toEqual(['pex:c2:x', 'pex:c1:x']);
      expect((await store.listAlerts({ recipient: 'panel:north', status: 'all', page: 2, pageSize: 2 })).items.map((a) => a.alertId)).toEqual([
        'pex:c0:x',
      ]);
      expect(await inbox('panel:north', 'open')).toEqual(['pex:c2:x open', 'pex:c0:x open']);
      expect(await inbox('panel:north', 'acknowledged')).toEqual(['pex:c1:x acknowledged']);
    });

    it('keeps the first acknowledgement, and knows no alert it never raised', async () => {
      await store.applyChanges([raised()], T1);
      expect(await store.acknowledge('aid:c1:2024', 'panel-chair', T2)).toMatchObject({
        status: 'acknowledged',
        acknowledgedAt: T2,
        acknowledgedBy: 'panel-chair',
      });
      expect(await store.acknowledge('aid:c1:2024', 'someone-else', T3)).toMatchObject({ acknowledgedAt: T2, acknowledgedBy: 'panel-chair' });
      expect(await store.acknowledge('no-such-alert', 'panel-chair', T3)).toBeUndefined();
    });

    it('says whether an alert to one of these recipients names the child', async () => {
      await store.applyChanges([raised()], T1);
      expect(await store.childNamedInAlertsFor('c1', ['panel:south', 'panel:north'])).toBe(true);
      expect(await store.childNamedInAlertsFor('c1', ['panel:south'])).toBe(false);
      expect(await store.childNamedInAlertsFor('c2', ['panel:north'])).toBe(false);
      expect(await store.childNamedInAlertsFor('c1', [])).toBe(false);
    });

    it('hands the outbox over oldest first, and marks the alert queued once none of its notices waits', async () => {
      await store.applyChanges([raised(decision({ alertId: 'pex:c2:x1', childId: 'c2', rule: 'permanent-exclusion' }))], T1);
      await store.applyChanges([raised(), withdrawn('voided')], T2);
      const waiting = await store.unqueuedNotices(10);
      expect(waiting.map((n) => `${n.alertId} ${n.notice}`)).toEqual(['pex:c2:x1 raised', 'aid:c1:2024 raised', 'aid:c1:2024 withdrawn']);
      expect(await store.unqueuedNotices(1)).toHaveLength(1);
      expect(await store.findNotice('aid:c1:2024', 'withdrawn', 1)).toEqual(waiting[2]);
      expect(await store.findNotice('aid:c1:2024', 'withdrawn', 2)).toBeUndefined();

      await store.markNoticeQueued(waiting[1], T3);
      expect((await store.findAlert('aid:c1:2024'))?.queuedAt).toBeNull();
      await store.markNoticeQueued(waiting[2], T3);
      expect((await store.findAlert('aid:c1:2024'))?.queuedAt).toBe(T3);
      expect((await store.unqueuedNotices(10)).map((n) => n.alertId)).toEqual(['pex:c2:x1']);
    });

    it('records each delivery once, per notice, channel and recipient', async () => {
      await store.applyChanges([raised()], T1);
      const key = { alertId: 'aid:c1:2024', notice: 'raised' as const, episode: 1, channel: 'webhook', recipient: 'panel:north' };
      expect(await store.isDelivered(key)).toBe(false);
      await store.recordDelivery(key, T2);
      await store.recordDelivery(key, T3);
      expect(await store.isDelivered(key)).toBe(true);
      expect(await store.isDelivered({ ...key, channel: 'email' })).toBe(false);
      expect(await store.isDelivered({ ...key, notice: 'withdrawn' })).toBe(false);
    });

    it('lets two processes apply the same life at once and stores it once', async () => {
      const other = await another();
      const life = [raised(), withdrawn('voided'), raised(decision(), 'e5')];
      const added = await Promise.all([store.applyChanges(life, T1), other.applyChanges(life, T1), store.applyChanges(life, T1)]);
      expect(added.reduce((a, b) => a + b, 0)).toBe(3);
      expect(await other.findAlert('aid:c1:2024')).toMatchObject({ status: 'open', reopenedAt: T1 });
      expect(await store.unqueuedNotices(10)).toHaveLength(3);
    });

    it('says the store is unavailable, in its own words, when its storage cannot be reached', async () => {
      await store.applyChanges([raised()], T1);
      await fixture.disconnect();
      await expect(store.listAlerts({ recipient: 'panel:north', status: 'all', page: 1, pageSize: 10 })).rejects.toBeInstanceOf(
        AlertStoreUnavailableError,
      );
      await expect(store.applyChanges([withdrawn('voided')], T2, '9')).rejects.toBeInstanceOf(AlertStoreUnavailableError);
      await expect(store.checkpoint()).rejects.toBeInstanceOf(AlertStoreUnavailableError);
    });
  });
}
