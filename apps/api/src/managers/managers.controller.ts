import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { Clock } from '@sj/config';
import type { ClockName, ClockStatus, ReferralService } from '@sj/domain';
import {
  CLOCK_CSV_COLUMNS,
  DEFAULT_PAGE_SIZE,
  MAX_CSV_ROWS,
  SUSPENSION_CSV_COLUMNS,
  TIMELINESS_CSV_COLUMNS,
  toCsv,
  WAITING_CSV_COLUMNS,
  type ChildFilters,
  type ClockItem,
  type CsvColumn,
  type Page,
  type PageRequest,
  type SuspensionsResult,
  type TimelinessResult,
  type WaitingTimesResult,
  type WaitingTrendResult,
} from '@sj/read-models';
import type { Response } from 'express';
import { AuditLog } from '../audit/audit-log';
import { auditRead } from '../audit/audited-read';
import { Roles } from '../auth/auth.decorators';
import { AccessDeniedError } from '../auth/auth.errors';
import { callerOf, mayAccessArea, type AuthenticatedRequest } from '../auth/caller';
import {
  ClocksQueryDto,
  SuspensionsQueryDto,
  TimelinessQueryDto,
  WaitingTimesQueryDto,
  WaitingTrendQueryDto,
  type ManagersFiltersDto,
  type PagedFiltersDto,
} from './dto/managers-query.dto';
import { QueryParamsPipe } from '../http/query-params.pipe';
import { GetClocksQuery } from './get-clocks.handler';
import { GetSuspensionsQuery } from './get-suspensions.handler';
import { GetTimelinessQuery } from './get-timeliness.handler';
import { GetWaitingTimesQuery, GetWaitingTrendQuery } from './get-waiting-times.handler';

/**
 * Managers' queries over the read models (README.md): JSON pages, or the whole filtered table as CSV.
 * Always limited to the caller's areas; every table naming children is written to the read audit log.
 */
@Controller()
@Roles('manager')
export class ManagersController {
  constructor(
    private readonly queryBus: QueryBus,
    private readonly clock: Clock,
    private readonly audit: AuditLog,
  ) {}

  @Get('clocks')
  async clocks(
    @Query(new QueryParamsPipe(ClocksQueryDto)) q: ClocksQueryDto,
    @Req() req: AuthenticatedRequest,
    @Res({ passthrough: true }) res: Response,
  ): Promise<Page<ClockItem> | string> {
    const result: Page<ClockItem> = await this.queryBus.execute(
      new GetClocksQuery({
        ...this.common(q, req),
        ...this.paging(q),
        ...(q.status !== undefined ? { statuses: q.status.split(',') as ClockStatus[] } : {}),
        ...(q.clock !== undefined ? { clock: q.clock as ClockName } : {}),
        ...(q.overdue !== undefined ? { overdue: q.overdue === 'true' } : {}),
      }),
    );
    await auditRead(
      this.audit,
      req,
      result.items.map((item) => item.childId),
    );
    return q.format === 'csv' ? this.csv(res, `clocks-${result.asOf}.csv`, result.items, CLOCK_CSV_COLUMNS, result.total) : result;
  }

  @Get('waiting-times')
  async waitingTimes(
    @Query(new QueryParamsPipe(WaitingTimesQueryDto)) q: WaitingTimesQueryDto,
    @Req() req: AuthenticatedRequest,
    @Res({ passthrough: true }) res: Response,
  ): Promise<WaitingTimesResult | string> {
    const result: WaitingTimesResult = await this.queryBus.execute(
      new GetWaitingTimesQuery({
        ...this.common(q, req),
        ...this.paging(q),
        ...(q.service !== undefined ? { service: q.service as ReferralService } : {}),
      }),
    );
    await auditRead(
      this.audit,
      req,
      result.items.map((item) => item.childId),
    );
    return q.format === 'csv'
      ? this.csv(res, `waiting-list-${q.service ?? 'all'}-${result.asOf}.csv`, result.items, WAITING_CSV_COLUMNS, result.total)
      : result;
  }

  @Get('waiting-times/trend')
  async waitingTrend(
    @Query(new QueryParamsPipe(WaitingTrendQueryDto)) q: WaitingTrendQueryDto,
    @Req() req: AuthenticatedRequest,
  ): Promise<WaitingTrendResult> {
    return this.queryBus.execute(
      new GetWaitingTrendQuery({ ...this.common(q, req), ...(q.service !== undefined ? { service: q.service as ReferralService } : {}) }),
    );
  }

  @Get('suspensions')
  async suspensions(
    @Query(new QueryParamsPipe(SuspensionsQueryDto)) q: SuspensionsQueryDto,
    @Req() req: AuthenticatedRequest,
    @Res({ passthrough: true }) res: Response,
  ): Promise<SuspensionsResult | string> {
    const result: SuspensionsResult = await this.queryBus.execute(
      new GetSuspensionsQuery({
        ...this.common(q, req),
        ...this.paging(q),
        ...(q.schoolYear !== undefined ? { schoolYear: Number(q.schoolYear) } : {}),
        ...(q.triggered !== undefined ? { triggered: q.triggered === 'true' } : {}),
      }),
    );
    await auditRead(
      this.audit,
      req,
      result.items.map((item) => item.childId),
    );
    return q.format === 'csv' ? this.csv(res, `suspensions-${result.schoolYear}.csv`, result.items, SUSPENSION_CSV_COLUMNS, result.total) : result;
  }

  @Get('reports/timeliness')
  async timeliness(
    @Query(new QueryParamsPipe(TimelinessQueryDto)) q: TimelinessQueryDto,
    @Req() req: AuthenticatedRequest,
    @Res({ passthrough: true }) res: Response,
  ): Promise<TimelinessResult | string> {
    const result: TimelinessResult = await this.queryBus.execute(
      new GetTimelinessQuery({ ...this.common(q, req), ...(q.year !== undefined ? { year: Number(q.year) } : {}) }),
    );
    return q.format === 'csv' ? this.csv(res, `timeliness-${result.year}.csv`, result.months, TIMELINESS_CSV_COLUMNS, result.months.length) : result;
  }

  /**
   * The filters, narrowed to the caller's areas: an explicit `area` outside them is refused (403), and
   * without one the query covers only their areas (admins: every area).
   */
  private common(q: ManagersFiltersDto, req: AuthenticatedRequest): ChildFilters & { asOf: string } {
    const caller = callerOf(req);
    if (q.area !== undefined && !mayAccessArea(caller, q.area)) {
      throw new AccessDeniedError(
        'AREA_NOT_ALLOWED',
        `area ${q.area} is not one of your areas (${caller.areas === 'all' ? 'all' : caller.areas.join(', ')}).`,
      );
    }
    return {
      asOf: q.asOf ?? this.clock.today(),
      ...(caller.areas !== 'all' ? { areas: caller.areas } : {}),
      ...(q.area !== undefined ? { area: q.area } : {}),
      ...(q.school !== undefined ? { school: q.school } : {}),
      ...(q.caseworker !== undefined ? { caseworker: q.caseworker } : {}),
    };
  }

  /** A CSV export is the whole filtered table (up to MAX_CSV_ROWS), not one page. */
  private paging(q: PagedFiltersDto): PageRequest {
    if (q.format === 'csv') return { page: 1, pageSize: MAX_CSV_ROWS };
    return { page: q.page !== undefined ? Number(q.page) : 1, pageSize: q.pageSize !== undefined ? Number(q.pageSize) : DEFAULT_PAGE_SIZE };
  }

  /** `X-Total-Rows` says how many rows matched, so an export cut at MAX_CSV_ROWS is never mistaken for the whole table. */
  private csv<T>(res: Response, filename: string, rows: readonly T[], columns: readonly CsvColumn<T>[], total: number): string {
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="${filename}"`);
    res.setHeader('X-Total-Rows', String(total));
    res.setHeader('X-Exported-Rows', String(rows.length));
    return toCsv(rows, columns);
  }
}
