import { Controller, Get, Param, Req, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiExcludeController } from '@nestjs/swagger';
import { Clock } from '@sj/config';
import type { Role, Session } from '@sj/identity';
import type { ClockItem, Page } from '@sj/read-models';
import type { Request, Response } from 'express';
import { AuditLog } from '../audit/audit-log';
import { Public } from '../auth/auth.decorators';
import { PAGE_CSP } from './web-assets';
import { GetClocksQuery } from '../managers/get-clocks.handler';
import type { RequestWithCorrelation } from '../http/correlation';
import { trusted } from './html';
import { renderPage } from './layout';
import { caseloadRows, renderCaseload } from './caseload.page';
import { PageSession } from './page-session';
import { homeOf, mayOpen, personOf } from './person';
import { renderForbidden } from './sign-in.page';
import { WebAssets } from './web-assets';

interface PageDefinition {
  readonly title: string;
  readonly fragment: string;
  readonly path: string;
  readonly roles: readonly Role[];
  /** What the page is, for someone whose role may not open it. */
  readonly refusal: string;
  readonly scripts: readonly string[];
  readonly vendorScripts?: readonly string[];
}

const DASHBOARD: PageDefinition = {
  title: "Managers' dashboard",
  fragment: 'dashboard.html',
  path: '/dashboard',
  roles: ['manager', 'admin'],
  refusal: "The managers' dashboard is for managers and administrators: it shows waiting times, clocks and suspensions across whole areas.",
  scripts: ['/assets/js/dashboard.js'],
  vendorScripts: ['/assets/vendor/chart.umd.min.js'],
};
const JOURNEY: PageDefinition = {
  title: 'Journey',
  fragment: 'journey.html',
  path: '/dashboard/children',
  roles: ['caseworker', 'panel', 'manager', 'admin'],
  refusal: "A child's journey is for the people working with the child.",
  scripts: ['/assets/js/journey.js'],
};
const INBOX: PageDefinition = {
  title: 'Inbox',
  fragment: 'inbox.html',
  path: '/inbox',
  roles: ['caseworker', 'panel', 'manager', 'admin'],
  refusal: 'The inbox is for caseworkers, the inclusion panel and managers.',
  scripts: ['/assets/js/inbox.js'],
};
const SEN2: PageDefinition = {
  title: 'SEN2 return',
  fragment: 'sen2.html',
  path: '/dashboard/sen2',
  roles: ['manager', 'admin'],
  refusal: "The SEN2 return is for managers and administrators: it is DfE's person-level return about every child with a request or a plan.",
  scripts: ['/assets/js/sen2.js'],
};
const CASELOAD_ROLES: readonly Role[] = ['caseworker'];
const CASELOAD_REFUSAL = 'My caseload is for caseworkers: it lists the children they are the caseworker for.';

const OPEN_STATUSES = ['running', 'due-soon', 'breached'] as const;

/**
 * The pages, rendered on the server in the GOV.UK layout for the signed-in person: `/` sends each role to
 * its home; a page the role may not open answers 403 with the way back (the person stays signed in); without
 * a session, the page sends the browser to sign in and then back. The data comes from the API, fetched by
 * the pages' scripts with the session cookie, except the caseload, rendered here from the read models.
 */
@ApiExcludeController()
@Public() // each page checks the session itself, to answer with a page rather than JSON
@Controller()
export class WebController {
  constructor(
    private readonly assets: WebAssets,
    private readonly sessions: PageSession,
    private readonly queryBus: QueryBus,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  @Get()
  async home(@Req() req: Request, @Res() res: Response): Promise<void> {
    const current = await this.sessions.current(req);
    res.redirect(302, 'session' in current ? homeOf(personOf(current.session)) : '/sign-in');
  }

  @Get('dashboard')
  dashboard(@Req() req: Request, @Res() res: Response): Promise<void> {
    return this.page(DASHBOARD, req, res);
  }

  // the child id is read by the page's script from the URL; the API validates it and decides who may see it
  @Get('dashboard/children/:childId')
  journey(@Req() req: Request, @Res() res: Response): Promise<void> {
    return this.page(JOURNEY, req, res);
  }

  @Get('dashboard/sen2')
  sen2(@Req() req: Request, @Res() res: Response): Promise<void> {
    return this.page(SEN2, req, res);
  }

  @Get('inbox')
  inbox(@Req() req: Request, @Res() res: Response): Promise<void> {
    return this.page(INBOX, req, res);
  }

  @Get('caseload')
  async caseload(@Req() req: RequestWithCorrelation, @Res() res: Response): Promise<void> {
    const session = await this.signedIn(req, res, CASELOAD_ROLES, CASELOAD_REFUSAL);
    if (session === undefined) return;
    const asOf = this.clock.today();
    const clocks: Page<ClockItem> = await this.queryBus.execute(
      new GetClocksQuery({
        asOf,
        caseworker: session.sub,
        ...(session.areas !== 'all' ? { areas: session.areas } : {}),
        statuses: [...OPEN_STATUSES],
        page: 1,
        pageSize: 5000,
      }),
    );
    const rows = caseloadRows(clocks.items);
    await this.audit.record(
      session,
      'read',
      `${req.method} ${req.originalUrl}`,
      req.correlationId,
      rows.map((row) => row.childId),
      this.clock.now(),
    );
    this.send(res, 200, renderCaseload(personOf(session), session.csrfToken, rows, asOf));
  }

  @Get('assets/*path')
  asset(@Param('path') path: string | string[], @Res() res: Response): void {
    this.assets.send(res, Array.isArray(path) ? path.join('/') : path);
  }

  private async page(definition: PageDefinition, req: Request, res: Response): Promise<void> {
    const session = await this.signedIn(req, res, definition.roles, definition.refusal);
    if (session === undefined) return;
    this.send(
      res,
      200,
      renderPage({
        title: definition.title,
        path: definition.path,
        person: personOf(session),
        csrfToken: session.csrfToken,
        main: trusted(this.assets.fragment(definition.fragment)),
        scripts: definition.scripts,
        ...(definition.vendorScripts !== undefined ? { vendorScripts: definition.vendorScripts } : {}),
      }),
    );
  }

  /** The session if its person may open the page; otherwise the answer is sent (sign in, or 403) and undefined returned. */
  private async signedIn(req: Request, res: Response, roles: readonly Role[], refusal: string): Promise<Session | undefined> {
    const current = await this.sessions.current(req);
    if (!('session' in current)) {
      const ended = current.ended === 'unknown' ? '' : `ended=${current.ended}&`;
      res.redirect(303, `/sign-in?${ended}returnTo=${encodeURIComponent(req.originalUrl)}`);
      return undefined;
    }
    const { session } = current;
    const person = personOf(session);
    if (!mayOpen(person, roles)) {
      this.send(res, 403, renderForbidden(person, session.csrfToken, refusal));
      return undefined;
    }
    return session;
  }

  private send(res: Response, status: number, page: string): void {
    res.status(status).set({ 'Cache-Control': 'no-store', 'Content-Security-Policy': PAGE_CSP }).type('html').send(page);
  }
}
