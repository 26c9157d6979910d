import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { Clock } from '@sj/config';
import {
  sen2CensusDate,
  sen2Figures,
  sen2HeaderProblems,
  sen2ModuleCounts,
  sen2Problems,
  sen2WithinAreas,
  yearOf,
  type Sen2Areas,
  type Sen2ChildProblems,
  type Sen2Figures,
  type Sen2ModuleCounts,
  type Sen2Problem,
  type Sen2Return,
} from '@sj/domain';
import { DEFAULT_PAGE_SIZE } from '@sj/read-models';
import type { Response } from 'express';
import { AuditLog } from '../audit/audit-log';
import { auditRead } from '../audit/audited-read';
import { Roles } from '../auth/auth.decorators';
import { callerOf, type AuthenticatedRequest } from '../auth/caller';
import { QueryParamsPipe } from '../http/query-params.pipe';
import { RequestValidationError } from '../http/request-validation.error';
import { Sen2ReturnBuilder, type Sen2BuildProgress } from './sen2-return.builder';
import { sen2CsvZip } from './sen2-files/sen2-csv.writer';
import { sen2Xml } from './sen2-files/sen2-xml.writer';
import { Sen2ProblemsQueryDto, Sen2ReturnQueryDto, Sen2YearQueryDto } from './sen2-query.dto';

/** EHC plans began in September 2014: the first calendar year with a return of them. */
const FIRST_YEAR = 2014;

export interface Sen2ProblemsPage {
  readonly year: number;
  readonly censusDate: string;
  /** Problems with the return as a whole (its header). */
  readonly returnProblems: readonly Sen2Problem[];
  /** Children with at least one problem. */
  readonly total: number;
  readonly page: number;
  readonly pageSize: number;
  readonly children: readonly (Sen2ChildProblems & { readonly journey: string; readonly errors: number; readonly queries: number })[];
}

export interface Sen2Summary {
  readonly year: number;
  readonly censusDate: string;
  readonly status: 'ready' | 'building';
  readonly progress: Sen2BuildProgress;
  readonly modules: Sen2ModuleCounts | null;
  readonly figures: Sen2Figures | null;
  readonly problems: { readonly children: number; readonly errors: number; readonly queries: number } | null;
  readonly returnProblems: readonly Sen2Problem[];
  readonly lastYear: {
    readonly year: number;
    readonly status: 'ready' | 'building';
    readonly progress: Sen2BuildProgress;
    readonly modules: Sen2ModuleCounts | null;
  };
}

/**
 * The DfE SEN2 person-level return (docs/domain-rules.md §7): the file itself, the problems DfE would find, and a
 * summary for the managers' page. Managers see the part of the return that belongs to their areas (each row in
 * the area of its date); admins the whole return. Every answer naming children is written to the read audit log.
 */
@Controller('returns/sen2')
@Roles('manager')
export class ReturnsController {
  constructor(
    private readonly builder: Sen2ReturnBuilder,
    private readonly clock: Clock,
    private readonly audit: AuditLog,
  ) {}

  @Get()
  async file(
    @Query(new QueryParamsPipe(Sen2ReturnQueryDto)) q: Sen2ReturnQueryDto,
    @Req() req: AuthenticatedRequest,
    @Res() res: Response,
  ): Promise<void> {
    const year = this.yearOf(q);
    const ret = await this.scoped(year, req);
    await auditRead(
      this.audit,
      req,
      ret.persons.map((p) => p.childId),
    );
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('X-Sen2-Persons', String(ret.persons.length));
    if (q.format === 'csv') {
      res.setHeader('Content-Type', 'application/zip');
      res.setHeader('Content-Disposition', `attachment; filename="sen2-${year}-csv.zip"`);
      res.send(Buffer.from(sen2CsvZip(ret)));
      return;
    }
    res.setHeader('Content-Type', 'application/xml; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="sen2-${year}.xml"`);
    res.send(sen2Xml(ret));
  }

  @Get('problems')
  async problems(
    @Query(new QueryParamsPipe(Sen2ProblemsQueryDto)) q: Sen2ProblemsQueryDto,
    @Req() req: AuthenticatedRequest,
  ): Promise<Sen2ProblemsPage> {
    const year = this.yearOf(q);
    const ret = await this.scoped(year, req);
    const all = sen2Problems(ret);
    const page = q.page !== undefined ? Number(q.page) : 1;
    const pageSize = q.pageSize !== undefined ? Number(q.pageSize) : DEFAULT_PAGE_SIZE;
    const children = all.slice((page - 1) * pageSize, page * pageSize).map((child) => ({
      ...child,
      journey: `/dashboard/children/${encodeURIComponent(child.childId)}?asOf=${sen2CensusDate(year)}`,
      errors: child.problems.filter((p) => p.severity === 'error').length,
      queries: child.problems.filter((p) => p.severity === 'query').length,
    }));
    await auditRead(
      this.audit,
      req,
      children.map((c) => c.childId),
    );
    return { year, censusDate: sen2CensusDate(year), returnProblems: sen2HeaderProblems(ret.header), total: all.length, page, pageSize, children };
  }

  /**
   * Counts for the managers' page, this year's beside last year's. Building a large return takes a while: until
   * it is ready this answers 202 with how far it has got, and the page asks again.
   */
  @Get('summary')
  async summary(
    @Query(new QueryParamsPipe(Sen2YearQueryDto)) q: Sen2YearQueryDto,
    @Req() req: AuthenticatedRequest,
    @Res({ passthrough: true }) res: Response,
  ): Promise<Sen2Summary> {
    const year = this.yearOf(q);
    const areas = this.areasOf(req);
    const build = await this.builder.current(year);
    const lastBuild = await this.builder.current(year - 1);
    const ret = build.isDone() ? sen2WithinAreas(await build.result, areas) : null;
    const last = lastBuild.isDone() ? sen2WithinAreas(await lastBuild.result, areas) : null;
    const children = ret === null ? null : sen2Problems(ret);
    const problems = children?.flatMap((c) => c.problems) ?? [];
    res.status(ret === null ? 202 : 200);
    return {
      year,
      censusDate: sen2CensusDate(year),
      status: ret === null ? 'building' : 'ready',
      progress: build.progress(),
      modules: ret === null ? null : sen2ModuleCounts(ret),
      figures: ret === null ? null : sen2Figures(ret, year, areas),
      problems:
        children === null
          ? null
          : {
              children: children.length,
              errors: problems.filter((p) => p.severity === 'error').length,
              queries: problems.filter((p) => p.severity === 'query').length,
            },
      returnProblems: ret === null ? [] : sen2HeaderProblems(ret.header),
      lastYear: {
        year: year - 1,
        status: last === null ? 'building' : 'ready',
        progress: lastBuild.progress(),
        modules: last === null ? null : sen2ModuleCounts(last),
      },
    };
  }

  private yearOf(q: Sen2YearQueryDto): number {
    const thisYear = yearOf(this.clock.today());
    if (q.year === undefined) return thisYear - 1;
    const year = Number(q.year);
    if (year < FIRST_YEAR || year > thisYear) {
      throw new RequestValidationError([
        { field: 'year', message: `year must be from ${FIRST_YEAR} (the first EHC plans) to ${thisYear}, got ${year}` },
      ]);
    }
    return year;
  }

  private areasOf(req: AuthenticatedRequest): Sen2Areas {
    const { areas } = callerOf(req);
    return areas === 'all' ? 'all' : areas;
  }

  private async scoped(year: number, req: AuthenticatedRequest): Promise<Sen2Return> {
    return sen2WithinAreas(await this.builder.returnFor(year), this.areasOf(req));
  }
}
