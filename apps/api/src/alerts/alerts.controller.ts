import { Controller, Get, HttpCode, Inject, NotFoundException, Param, Post, Query, Req } from '@nestjs/common';
import { Clock } from '@sj/config';
import type { AlertPage, AlertStore, StoredAlert } from '@sj/alerts';
import { AuditLog } from '../audit/audit-log';
import { auditRead } from '../audit/audited-read';
import { Roles } from '../auth/auth.decorators';
import { AccessDeniedError } from '../auth/auth.errors';
import { callerOf, hasRole, mayAccessArea, type AuthenticatedRequest, type Caller } from '../auth/caller';
import { QueryParamsPipe } from '../http/query-params.pipe';
import { ALERT_STORE } from './alert-store.provider';
import { ListAlertsQuery } from './list-alerts.query';

/**
 * Whose inbox a caller may open: the panel its areas' `panel:<area>`, managers their areas'
 * `managers:<area>`, a caseworker their own `caseworker:<sub>`; admins every inbox.
 */
function mayActFor(caller: Caller, recipient: string): boolean {
  if (hasRole(caller, 'admin')) return true;
  const [kind, name = ''] = recipient.split(/:(.*)/s);
  if (kind === 'panel') return hasRole(caller, 'panel') && mayAccessArea(caller, name);
  if (kind === 'managers') return hasRole(caller, 'manager') && mayAccessArea(caller, name);
  return kind === 'caseworker' && hasRole(caller, 'caseworker') && name === caller.sub;
}

@Controller('alerts')
@Roles('panel', 'manager', 'caseworker')
export class AlertsController {
  constructor(
    @Inject(ALERT_STORE) private readonly alerts: AlertStore,
    private readonly clock: Clock,
    private readonly audit: AuditLog,
  ) {}

  /** One recipient's alerts, newest first (default: open ones, 50 a page). */
  @Get()
  async list(@Query(new QueryParamsPipe(ListAlertsQuery)) query: ListAlertsQuery, @Req() req: AuthenticatedRequest): Promise<AlertPage> {
    if (!mayActFor(callerOf(req), query.recipient)) {
      throw new AccessDeniedError('RECIPIENT_NOT_ALLOWED', `You may not read the alerts of ${query.recipient}.`);
    }
    const page = await this.alerts.listAlerts({
      recipient: query.recipient,
      status: query.status ?? 'open',
      page: query.page ?? 1,
      pageSize: query.pageSize ?? 50,
    });
    await auditRead(
      this.audit,
      req,
      page.items.map((alert) => alert.childId),
    );
    return page;
  }

  /** Idempotent: acknowledging again keeps the first acknowledgement. */
  @Post(':alertId/acknowledge')
  @HttpCode(200)
  async acknowledge(@Param('alertId') alertId: string, @Req() req: AuthenticatedRequest): Promise<StoredAlert> {
    const caller = callerOf(req);
    // someone else's alert answers as missing, like an unknown one
    const existing = await this.alerts.findAlert(alertId);
    if (!existing?.recipients.some((recipient) => mayActFor(caller, recipient))) throw new NotFoundException(`No alert ${alertId}`);
    const alert = await this.alerts.acknowledge(alertId, caller.sub, this.clock.now().toISOString());
    if (!alert) throw new NotFoundException(`No alert ${alertId}`);
    return alert;
  }
}
