import { expect } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NestFactory } from '@nestjs/core';
import { Module } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { loadConfig } from '@sj/config';
import { FileSigningSecretStore } from '@sj/identity';
import { alertsDatabaseFile, SqliteAlertStore, type AlertDecision, type AlertPage, type StoredAlert } from '@sj/alerts';
import { CoreModule } from '../../apps/shared/src/core.module';
import { JsonLogger } from '../../apps/shared/src/json-logger';
import { AlertsModule } from '../../apps/api/src/alerts/alerts.module';
import { AlertsQueueDepth } from '../../apps/api/src/alerts/alerts-queue-depth';
import { AuditModule } from '../../apps/api/src/audit/audit.module';
import { AuthModule } from '../../apps/api/src/auth/auth.module';
import { mintLocalToken } from '../../apps/api/src/auth/mint-token';
import { ApiExceptionFilter } from '../../apps/api/src/http/api-exception.filter';
import { request, setDefaultToken } from '../support/http';

interface Refusal {
  readonly statusCode: number;
  readonly details: { field: string; message: string }[];
}

describe('alerts over HTTP', () => {
  let dir: string;
  let app: NestExpressApplication;
  let baseUrl: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sj-alerts-api-'));
    const alerts = SqliteAlertStore.open(alertsDatabaseFile(dir));
    const raise = (decision: AlertDecision) => ({ kind: 'raised' as const, causedBy: 'sweep', decision });
    const sweptIn: AlertDecision[] = [
      {
        alertId: 'aid:c1:2024',
        rule: 'area-inclusion-discussion',
        childId: 'c1',
        area: 'north',
        recipients: ['panel:north'],
        period: '2024',
        facts: { schoolYear: 2024 },
      },
      {
        alertId: 'pex:c2:x1',
        rule: 'permanent-exclusion',
        childId: 'c2',
        area: 'south',
        recipients: ['panel:south'],
        period: '2025-01-15',
        facts: { exclusionId: 'x1' },
      },
      {
        alertId: 'pex:c3:x7',
        rule: 'permanent-exclusion',
        childId: 'c3',
        area: 'north',
        recipients: ['panel:north'],
        period: '2025-01-06',
        facts: { exclusionId: 'x7' },
      },
    ];
    await alerts.applyChanges(sweptIn.map(raise), '2025-01-20T10:00:00.000Z');
    await alerts.applyChanges(
      [
        {
          kind: 'raised',
          causedBy: 'e1',
          decision: {
            alertId: 'pex:c3:x7',
            rule: 'permanent-exclusion',
            childId: 'c3',
            area: 'north',
            recipients: ['panel:north'],
            period: '2025-01-06',
            facts: { exclusionId: 'x7' },
          },
        },
        { kind: 'withdrawn', causedBy: 'e2', alertId: 'pex:c3:x7', reason: 'permanent exclusion x7 overturned: the exclusion no longer stands' },
      ],
      '2025-01-21T09:00:00.000Z',
    );
    await alerts.close();
    const config = loadConfig({ PORT: '0', DATA_DIR: dir, REDIS_URL: process.env.TEST_REDIS_URL, LOG_LEVEL: 'error', CLOCK_TODAY: '2025-01-21' });
    const logger = new JsonLogger('error');
    @Module({ imports: [CoreModule.forRoot(config), AuthModule, AuditModule, AlertsModule] })
    class AlertsApiTestModule {}
    app = await NestFactory.create<NestExpressApplication>(AlertsApiTestModule, { logger });
    app.useGlobalFilters(new ApiExceptionFilter(logger));
    await app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    setDefaultToken(baseUrl, await mintLocalToken(new FileSigningSecretStore(dir), { sub: 'test-admin', role: 'admin', areas: '*' }));
  });
  const inbox = (query: string) => request<AlertPage>(baseUrl, 'GET', `/alerts?${query}`);
  const panelChair = async (sub: string) => ({
    Authorization: `Bearer ${await mintLocalToken(new FileSigningSecretStore(dir), { sub, role: 'panel', areas: ['north'] })}`,
  });
  afterAll(async () => {
    setDefaultToken(baseUrl, undefined);
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("lists a panel's open alerts with the journey link, and no one else's", async () => {
    const res = await inbox('recipient=panel:north&status=open');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      total: 1,
      page: 1,
      pageSize: 50,
      items: [{ alertId: 'aid:c1:2024', link: '/children/c1/journey', status: 'open', acknowledgedAt: null, withdrawnReason: null }],
    });
  });

  it('a withdrawn alert leaves the open inbox and is listed with status=withdrawn, saying why and when', async () => {
    expect((await inbox('recipient=panel:north')).body.items.map((a) => a.alertId)).not.toContain('pex:c3:x7');
    const withdrawn = await inbox('recipient=panel:north&status=withdrawn');
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body).toMatchObject({
      total: 1,
      items: [
        {
          alertId: 'pex:c3:x7',
          status: 'withdrawn',
          withdrawnReason: 'permanent exclusion x7 overturned: the exclusion no longer stands',
          withdrawnAt: '2025-01-21T09:00:00.000Z',
        },
      ],
    });
    const all = await inbox('recipient=panel:north&status=all');
    expect(all.body.items.map((a) => [a.alertId, a.status]).sort()).toEqual([
      ['aid:c1:2024', 'open'],
      ['pex:c3:x7', 'withdrawn'],
    ]);
  });

  it('refuses an unknown status with 400 naming status and the accepted values', async () => {
    const res = await request<Refusal>(baseUrl, 'GET', '/alerts?recipient=panel:north&status=closed');
    expect(res.status).toBe(400);
    expect(res.body.details).toEqual([{ field: 'status', message: 'status must be open, acknowledged, withdrawn or all' }]);
  });

  it('acknowledges idempotently, keeping the first acknowledgement; 404 for an unknown alert', async () => {
    const first = await request<StoredAlert>(baseUrl, 'POST', '/alerts/aid:c1:2024/acknowledge', { headers: await panelChair('panel-chair') });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ alertId: 'aid:c1:2024', acknowledgedBy: 'panel-chair', acknowledgedAt: expect.any(String) });
    const again = await request<StoredAlert>(baseUrl, 'POST', '/alerts/aid:c1:2024/acknowledge', { headers: await panelChair('someone-else') });
    expect(again.body).toMatchObject({ acknowledgedBy: 'panel-chair', acknowledgedAt: first.body.acknowledgedAt });
    expect((await inbox('recipient=panel:north')).body.total).toBe(0);
    const acknowledged = await inbox('recipient=panel:north&status=acknowledged');
    expect(acknowledged.body).toMatchObject({ total: 1, items: [{ alertId: 'aid:c1:2024', status: 'acknowledged' }] });
    expect((await request(baseUrl, 'POST', '/alerts/nope/acknowledge')).status).toBe(404);
  });

  it('refuses a malformed recipient with 400 naming recipient', async () => {
    const res = await request<Refusal>(baseUrl, 'GET', '/alerts?recipient=everyone');
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ statusCode: 400, details: [{ field: 'recipient' }] });
    expect((await request<Refusal>(baseUrl, 'GET', '/alerts?recipient=panel:north&pageSize=0')).body.details.map((d) => d.field)).toEqual([
      'pageSize',
    ]);
  });

  it('reports the delivery queue depth for /health', async () => {
    expect(await app.get(AlertsQueueDepth).depth()).toEqual({
      waiting: expect.any(Number),
      active: expect.any(Number),
      delayed: expect.any(Number),
      failed: expect.any(Number),
    });
  });
});
