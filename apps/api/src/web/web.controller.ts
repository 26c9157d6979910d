import { Controller, Get, Inject, Param, Req, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiExcludeController } from '@nestjs/swagger';
import { APP_CONFIG, Clock, inclusionConfigOf, type AppConfig } from '@sj/config';
import type { IdentityStores, Role, Session } from '@sj/identity';
import type { ClockItem, Page } from '@sj/read-models';
import type { Request, Response } from 'express';
import { AuditLog } from '../audit/audit-log';
import { Public } from '../auth/auth.decorators';
import { AccessDeniedError, AuthenticationError } from '../auth/auth.errors';
import { hasRole, type Caller } from '../auth/caller';
import { TOKEN_VERIFIER, type TokenVerifier } from '../auth/token-verifier';
import { RequestValidationError } from '../http/request-validation.error';
import { PAGE_CSP } from './web-assets';
import { GetClocksQuery } from '../managers/get-clocks.handler';
import type { RequestWithCorrelation } from '../http/correlation';
import { html, trusted } from './html';
import { renderPage } from './layout';
import { caseloadOf, caseloadParamsOf, OPEN_STATUSES, type Caseload, type CaseloadParams } from './caseload';
import { renderCaseload, type CaseloadNames } from './caseload.page';
import { renderChild } from './child.page';
import { recordedBanner, renderRecordNextStep, voidLink } from './forms/next-step-links';
import { ChildIdPipe } from '../journey/dto/path-params.pipe';
import { GetJourneyQuery } from '../journey/get-journey.query';
import type { JourneyEventView, JourneyResponse } from '../journey/journey-response';
import { GetNextStepsQuery, type NextStepsResponse } from '../journey/get-next-steps.query';
import { ChildNotRegistered, type InclusionConfig } from '@sj/domain';
import { ChildAccessPolicy } from '../auth/child-access.policy';
import { IDENTITY_STORES } from '../identity/identity.module';
import { PageSession } from './page-session';
import { homeOf, mayOpen, personOf } from './person';
import { ALERT_RULE_WORDS, CLOCK_WORDS, EVENT_WORDS } from './words';
import { renderForbidden } from './sign-in.page';
import { WebAssets } from './web-assets';
import { ChildrenSearch, findChildParamsOf, type FindChildParams } from '../children-search/children-search.service';
import { FIND_CHILD_PAGE_SIZE } from '../children-search/find-child-query.dto';
import { renderFindChild } from './find-child.page';

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
const CASELOAD_ROLES: readonly Role[] = ['caseworker', 'manager', 'admin'];
const CASELOAD_REFUSAL = 'My caseload is for caseworkers and their managers: it lists the children a caseworker is responsible for.';
const CHILD_ROLES: readonly Role[] = ['caseworker', 'panel', 'manager', 'admin'];
const CHILD_REFUSAL = "A child's page is for the caseworkers and managers of the child's area, and the panel discussing the child.";
const FIND_CHILD_ROLES: readonly Role[] = ['caseworker', 'manager', 'admin'];
const FIND_CHILD_REFUSAL = 'Finding a child is for caseworkers and managers: it searches the children of their areas.';
const BEARER = /^Bearer (\S+)$/;

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
  private readonly inclusion: InclusionConfig;

  constructor(
    private readonly assets: WebAssets,
    private readonly sessions: PageSession,
    private readonly queryBus: QueryBus,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    @Inject(TOKEN_VERIFIER) private readonly tokens: TokenVerifier,
    private readonly childrenSearch: ChildrenSearch,
    private readonly access: ChildAccessPolicy,
    @Inject(IDENTITY_STORES) private readonly identity: IdentityStores,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.inclusion = inclusionConfigOf(config);
  }

  @Get()
  async home(@Req() req: Request, @Res() res: Response): Promise<void> {
    const current = await this.sessions.current(req);
    res.redirect(302, 'session' in current ? homeOf(personOf(current.session)) : '/sign-in');
  }

  @Get('dashboard')
  dashboard(@Req() req: Request, @Res() res: Response): Promise<void> {
    return this.page(DASHBOARD, req, res, { clocks: CLOCK_WORDS });
  }

  // the child id is read by the page's script from the URL; the API validates it and decides who may see it
  @Get('dashboard/children/:childId')
  journey(@Req() req: Request, @Res() res: Response): Promise<void> {
    return this.page(JOURNEY, req, res, { clocks: CLOCK_WORDS, events: EVENT_WORDS });
  }

  @Get('dashboard/sen2')
  sen2(@Req() req: Request, @Res() res: Response): Promise<void> {
    return this.page(SEN2, req, res);
  }

  @Get('inbox')
  inbox(@Req() req: Request, @Res() res: Response): Promise<void> {
    return this.page(INBOX, req, res, { rules: ALERT_RULE_WORDS, clocks: CLOCK_WORDS, triggerThreshold: this.inclusion.triggerThreshold });
  }

  /**
   * The same path answers scripts (a bearer token, or Accept: application/json) with JSON and people with the
   * page; either way a caseworker sees their own children and a manager any caseworker's in the manager's areas.
   */
  @Get('caseload')
  async caseload(@Req() req: RequestWithCorrelation, @Res() res: Response): Promise<void> {
    if (wantsJson(req)) {
      const caller = await this.bearerOrSession(req);
      const parsed = caseloadParamsOf(req.query);
      if ('problems' in parsed) throw new RequestValidationError(parsed.problems);
      const caseload = await this.caseloadFor(caller, parsed.params, req);
      res.status(200).set('Cache-Control', 'no-store').json(caseload);
      return;
    }
    const session = await this.signedIn(req, res, CASELOAD_ROLES, CASELOAD_REFUSAL);
    if (session === undefined) return;
    const parsed = caseloadParamsOf(req.query);
    const params = 'params' in parsed ? parsed.params : { caseworker: 'me', page: 1, pageSize: 25 };
    let caseload: Caseload;
    try {
      caseload = await this.caseloadFor(session, params, req);
    } catch (error) {
      if (!(error instanceof AccessDeniedError)) throw error;
      this.send(res, 403, renderForbidden(personOf(session), session.csrfToken, error.message));
      return;
    }
    const names = await this.caseloadNames(session, caseload);
    this.send(res, 200, renderCaseload(personOf(session), session.csrfToken, caseload, params, 'problems' in parsed ? parsed.problems : [], names));
  }

  /**
   * The names a caseload page shows: the children on this page (for the roles given children's names, read from
   * their journeys) and, for a manager, the caseworkers with open clocks in the manager's areas to choose from.
   */
  private async caseloadNames(session: Session, caseload: Caseload): Promise<CaseloadNames> {
    const asOf = this.clock.today();
    const children = new Map<string, string>();
    if (hasRole(session, 'caseworker', 'admin')) {
      for (const row of caseload.items) {
        const child = await this.queryBus
          .execute<GetJourneyQuery, JourneyResponse>(
            new GetJourneyQuery(row.childId, asOf, (area) => this.access.mayRead(session, row.childId, area)),
          )
          .then((journey) => journey.child)
          // a child the person may not read by name stays a row by id
          .catch((error: unknown) => {
            if (error instanceof ChildNotRegistered) return null;
            throw error;
          });
        if (child === null) continue;
        children.set(
          row.childId,
          child.erased || child.givenName === null ? `Child ${row.childId} (erased)` : `${child.givenName} ${child.familyName ?? ''}`.trim(),
        );
      }
    }
    let caseworkers: string[] = [];
    if (hasRole(session, 'manager', 'admin')) {
      const open: Page<ClockItem> = await this.queryBus.execute(
        new GetClocksQuery({
          asOf,
          ...(session.areas !== 'all' ? { areas: session.areas } : {}),
          statuses: [...OPEN_STATUSES],
          page: 1,
          pageSize: 100_000,
        }),
      );
      caseworkers = [...new Set(open.items.flatMap((c) => (c.caseworker === null ? [] : [c.caseworker])))];
    }
    const people = await this.namesOf([...caseworkers, caseload.caseworker]);
    return { children, people, caseworkers };
  }

  /**
   * The child's page; a child the person may not read (outside their areas; for the panel, a child no alert to
   * their panel names) reads as not found, as the API answers.
   */
  @Get('children/:childId')
  async child(@Param('childId', ChildIdPipe) childId: string, @Req() req: RequestWithCorrelation, @Res() res: Response): Promise<void> {
    const session = await this.signedIn(req, res, CHILD_ROLES, CHILD_REFUSAL);
    if (session === undefined) return;
    const asOf = this.clock.today();
    const mayRead = (area: string) => this.access.mayRead(session, childId, area);
    let journey: JourneyResponse;
    let steps: NextStepsResponse['steps'] = [];
    try {
      journey = await this.queryBus.execute(new GetJourneyQuery(childId, asOf, mayRead));
      // what can be recorded next is for the people who record, and the managers who oversee them
      if (hasRole(session, 'caseworker', 'manager', 'admin'))
        steps = (await this.queryBus.execute<GetNextStepsQuery, NextStepsResponse>(new GetNextStepsQuery(childId, asOf, mayRead))).steps;
    } catch (error) {
      if (!(error instanceof ChildNotRegistered)) throw error;
      this.send(
        res,
        404,
        renderPage({
          title: 'Child not found',
          person: personOf(session),
          csrfToken: session.csrfToken,
          main: html`<h1 class="govuk-heading-l">Child not found</h1>
            <p class="govuk-body" id="not-found">No child ${childId} is registered in your areas.</p>`,
        }),
      );
      return;
    }
    await this.audit.record(session, 'read', `${req.method} ${req.originalUrl}`, req.correlationId, [childId], this.clock.now());
    // names and dates of birth are for the people who work with the child, not for managers' oversight
    const showPersonal = hasRole(session, 'caseworker', 'admin');
    // who recorded each entry, and the caseworkers the entries name
    const named = journey.events.flatMap((e) => {
      const caseworker = (e.data as { caseworker?: unknown } | null)?.caseworker;
      return typeof caseworker === 'string' ? [e.recordedBy, caseworker] : [e.recordedBy];
    });
    const names = await this.namesOf(named);
    // the recording forms' part of the page: the steps as links to their forms, the banner after recording, "Void" per entry
    const mayRecord = hasRole(session, 'caseworker', 'admin');
    const forms = {
      recordNextStep: renderRecordNextStep(childId, steps, mayRecord),
      notice: recordedBanner(req.query.recorded),
      entryAction: (entry: JourneyEventView) => voidLink(childId, entry, mayRecord),
    };
    this.send(
      res,
      200,
      renderChild(personOf(session), session.csrfToken, {
        journey,
        steps,
        showPersonal,
        inclusion: this.inclusion,
        names,
        ...(mayRecord ? forms : { notice: forms.notice }),
      }),
    );
  }

  /** People's names by user id, from their accounts; an id without an account (signed in elsewhere) is left out. */
  private async namesOf(subs: readonly string[]): Promise<Map<string, string>> {
    const names = new Map<string, string>();
    for (const sub of new Set(subs)) {
      const account = await this.identity.accounts.find(sub);
      if (account !== undefined) names.set(sub, account.name);
    }
    return names;
  }

  /** Find a child (`GET /children?search=`): JSON for scripts; for people, the search form and the children found. */
  @Get('children')
  async findChild(@Req() req: RequestWithCorrelation, @Res() res: Response): Promise<void> {
    if (wantsJson(req)) {
      const found = await this.childrenSearch.find(await this.bearerOrSession(req), findChildParamsOf(req.query), req);
      res.status(200).set('Cache-Control', 'no-store').json(found);
      return;
    }
    const session = await this.signedIn(req, res, FIND_CHILD_ROLES, FIND_CHILD_REFUSAL);
    if (session === undefined) return;
    const view = {
      search: typeof req.query.search === 'string' ? req.query.search : '',
      problems: [],
      showPersonal: hasRole(session, 'caseworker', 'admin'),
    };
    let params: FindChildParams | undefined;
    try {
      params = req.query.search === undefined ? undefined : findChildParamsOf(req.query);
    } catch (error) {
      if (!(error instanceof RequestValidationError)) throw error;
      this.send(res, 400, renderFindChild(personOf(session), session.csrfToken, { ...view, problems: error.details }, FIND_CHILD_PAGE_SIZE));
      return;
    }
    const found = params === undefined ? undefined : await this.childrenSearch.find(session, params, req);
    this.send(res, 200, renderFindChild(personOf(session), session.csrfToken, { ...view, ...(found ? { found } : {}) }, FIND_CHILD_PAGE_SIZE));
  }

  private async caseloadFor(caller: Caller, params: CaseloadParams, req: RequestWithCorrelation): Promise<Caseload> {
    if (!hasRole(caller, 'caseworker', 'manager', 'admin')) {
      throw new AccessDeniedError('ROLE_NOT_ALLOWED', 'A caseload is for caseworkers and their managers.');
    }
    const caseworker = params.caseworker === 'me' ? caller.sub : params.caseworker;
    if (caseworker !== caller.sub && !hasRole(caller, 'manager', 'admin')) {
      throw new AccessDeniedError(
        'ROLE_NOT_ALLOWED',
        "A caseworker may open only their own caseload; a manager may open any caseworker's in their areas.",
      );
    }
    const asOf = this.clock.today();
    const clocks: Page<ClockItem> = await this.queryBus.execute(
      new GetClocksQuery({
        asOf,
        caseworker,
        ...(caller.areas !== 'all' ? { areas: caller.areas } : {}),
        ...(params.clock !== undefined ? { clock: params.clock } : {}),
        ...(params.school !== undefined ? { school: params.school } : {}),
        statuses: [...OPEN_STATUSES],
        page: 1,
        pageSize: 100_000,
      }),
    );
    const caseload = caseloadOf(clocks.items, params, caseworker, asOf);
    await this.audit.record(
      caller,
      'read',
      `${req.method} ${req.originalUrl}`,
      req.correlationId,
      caseload.items.map((row) => row.childId),
      this.clock.now(),
    );
    return caseload;
  }

  /** A script's bearer token, else the signed-in person's session (a GET, so no CSRF token is needed). */
  private async bearerOrSession(req: Request): Promise<Caller> {
    const header = req.headers.authorization;
    if (header !== undefined && header !== '') {
      const token = BEARER.exec(header)?.[1];
      if (token === undefined)
        throw new AuthenticationError('TOKEN_INVALID', 'The Authorization header must be "Bearer <token>" with a JSON Web Token.');
      return this.tokens.verify(token);
    }
    const current = await this.sessions.current(req);
    if (!('session' in current))
      throw new AuthenticationError('TOKEN_MISSING', 'Sign in first: at /sign-in in a browser, or send Authorization: Bearer <token> from a script.');
    return current.session;
  }

  @Get('assets/*path')
  asset(@Param('path') path: string | string[], @Res() res: Response): void {
    this.assets.send(res, Array.isArray(path) ? path.join('/') : path);
  }

  private async page(definition: PageDefinition, req: Request, res: Response, pageData?: unknown): Promise<void> {
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
        ...(pageData !== undefined ? { pageData } : {}),
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

/** A bearer token or an Accept header that prefers JSON to HTML means a script is asking. */
function wantsJson(req: Request): boolean {
  if (req.headers.authorization !== undefined && req.headers.authorization !== '') return true;
  return req.accepts(['html', 'json']) === 'json';
}
