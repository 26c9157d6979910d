import { Controller, Get, Headers, HttpCode, NotFoundException, Param, Post, Query } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { Clock } from '@sj/config';
import { acknowledgeAlert, listAlerts, type AlertPage, type StoredAlert } from '@sj/alerts';
import { RequestValidationError } from '../http/request-validation.error';
import { AlertsStore } from './alerts-store';
import { ListAlertsQuery } from './list-alerts.query';

const RECORDED_BY = /^[A-Za-z0-9 ._@:'-]{1,100}$/;

@Controller('alerts')
export class AlertsController {
  constructor(
    private readonly alerts: AlertsStore,
    private readonly clock: Clock,
  ) {}

  /** One recipient's alerts, newest first (default: open ones, 50 a page). */
  @Get()
  list(@Query() raw: Record<string, unknown>): AlertPage {
    const query = plainToInstance(ListAlertsQuery, raw);
    const errors = validateSync(query, { whitelist: true, forbidNonWhitelisted: true, validationError: { target: false, value: false } });
    if (errors.length > 0) {
      throw new RequestValidationError(
        errors.map((e) => ({
          field: e.property,
          message: e.constraints?.whitelistValidation !== undefined ? `${e.property} is not an accepted query parameter` : (Object.values(e.constraints ?? {})[0] ?? `${e.property} is invalid`),
        })),
      );
    }
    return listAlerts(this.alerts.db, { recipient: query.recipient, status: query.status ?? 'open', page: query.page ?? 1, pageSize: query.pageSize ?? 50 });
  }

  /** Idempotent: acknowledging again keeps the first acknowledgement. */
  @Post(':alertId/acknowledge')
  @HttpCode(200)
  acknowledge(@Param('alertId') alertId: string, @Headers('x-recorded-by') recordedBy: string | undefined): StoredAlert {
    const by = recordedBy === undefined || recordedBy === '' ? 'unknown' : recordedBy;
    if (!RECORDED_BY.test(by)) {
      throw new RequestValidationError([{ field: 'X-Recorded-By', message: "the X-Recorded-By header must be 1 to 100 letters, digits, spaces or . _ @ : ' -" }]);
    }
    const alert = acknowledgeAlert(this.alerts.db, alertId, by, this.clock.now().toISOString());
    if (!alert) throw new NotFoundException(`No alert ${alertId}`);
    return alert;
  }
}
