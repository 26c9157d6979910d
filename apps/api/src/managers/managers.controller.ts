import { Controller, Get, Query, Res } from '@nestjs/common';
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
import { ClocksQueryDto, SuspensionsQueryDto, TimelinessQueryDto, WaitingTimesQueryDto, WaitingTrendQueryDto, type ManagersFiltersDto, type PagedFiltersDto } from './dto/managers-query.dto';
import { ManagersQueryPipe } from './dto/managers-query.pipe';
import { GetClocksQuery } from './get-clocks.handler';
import { GetSuspensionsQuery } from './get-suspensions.handler';
import { GetTimelinessQuery } from './get-timeliness.handler';
import { GetWaitingTimesQuery, GetWaitingTrendQuery } from './get-waiting-times.handler';

/** Managers' queries over the read models (CONTRACT.md): JSON pages, or the whole filtered table as CSV. */
@Controller()
export class ManagersController {
  constructor(
    private readonly queryBus: QueryBus,
    private readonly clock: Clock,
  ) {}

  @Get('clocks')
  async clocks(@Query(new ManagersQueryPipe(ClocksQueryDto)) q: ClocksQueryDto, @Res({ passthrough: true }) res: Response): Promise<Page<ClockItem> | string> {
    const result: Page<ClockItem> = await this.queryBus.execute(
      new GetClocksQuery({
        ...this.common(q),
        ...this.paging(q),
        ...(q.status !== undefined ? { statuses: q.status.split(',') as ClockStatus[] } : {}),
        ...(q.clock !== undefined ? { clock: q.clock as ClockName } : {}),
      }),
    );
    return q.format === 'csv' ? this.csv(res, `clocks-${result.asOf}.csv`, result.items, CLOCK_CSV_COLUMNS) : result;
  }

  @Get('waiting-times')
  async waitingTimes(@Query(new ManagersQueryPipe(WaitingTimesQueryDto)) q: WaitingTimesQueryDto, @Res({ passthrough: true }) res: Response): Promise<WaitingTimesResult | string> {
    const result: WaitingTimesResult = await this.queryBus.execute(
      new GetWaitingTimesQuery({ ...this.common(q), ...this.paging(q), ...(q.service !== undefined ? { service: q.service as ReferralService } : {}) }),
    );
    return q.format === 'csv' ? this.csv(res, `waiting-list-${q.service ?? 'all'}-${result.asOf}.csv`, result.items, WAITING_CSV_COLUMNS) : result;
  }

  @Get('waiting-times/trend')
  async waitingTrend(@Query(new ManagersQueryPipe(WaitingTrendQueryDto)) q: WaitingTrendQueryDto): Promise<WaitingTrendResult> {
    return this.queryBus.execute(new GetWaitingTrendQuery({ ...this.common(q), ...(q.service !== undefined ? { service: q.service as ReferralService } : {}) }));
  }

  @Get('suspensions')
  async suspensions(@Query(new ManagersQueryPipe(SuspensionsQueryDto)) q: SuspensionsQueryDto, @Res({ passthrough: true }) res: Response): Promise<SuspensionsResult | string> {
    const result: SuspensionsResult = await this.queryBus.execute(
      new GetSuspensionsQuery({
        ...this.common(q),
        ...this.paging(q),
        ...(q.schoolYear !== undefined ? { schoolYear: Number(q.schoolYear) } : {}),
        ...(q.triggered !== undefined ? { triggered: q.triggered === 'true' } : {}),
      }),
    );
    return q.format === 'csv' ? this.csv(res, `suspensions-${result.schoolYear}.csv`, result.items, SUSPENSION_CSV_COLUMNS) : result;
  }

  @Get('reports/timeliness')
  async timeliness(@Query(new ManagersQueryPipe(TimelinessQueryDto)) q: TimelinessQueryDto, @Res({ passthrough: true }) res: Response): Promise<TimelinessResult | string> {
    const result: TimelinessResult = await this.queryBus.execute(new GetTimelinessQuery({ ...this.common(q), ...(q.year !== undefined ? { year: Number(q.year) } : {}) }));
    return q.format === 'csv' ? this.csv(res, `timeliness-${result.year}.csv`, result.months, TIMELINESS_CSV_COLUMNS) : result;
  }

  private common(q: ManagersFiltersDto): ChildFilters & { asOf: string } {
    return {
      asOf: q.asOf ?? this.clock.today(),
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

  private csv<T>(res: Response, filename: string, rows: readonly T[], columns: ReadonlyArray<CsvColumn<T>>): string {
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="${filename}"`);
    return toCsv(rows, columns);
  }
}
