import { Body, Controller, Get, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Clock } from '@sj/config';
import { LocalSignIn, newCsrfToken, SessionManager, type LocalSignInResult, type SignedInPerson } from '@sj/identity';
import type { Request, Response } from 'express';
import { AuditLog, type AuditAction } from '../audit/audit-log';
import { Public } from '../auth/auth.decorators';
import { sameToken } from '../auth/auth.guard';
import { crossSiteReason } from '../auth/same-origin';
import { cookieOptions, OIDC_COOKIE, readCookie, SESSION_COOKIE, SIGN_IN_COOKIE } from '../auth/session-cookie';
import type { RequestWithCorrelation } from '../http/correlation';
import { OidcSignIn, OidcSignInError, type PendingSignIn } from '../identity/oidc-sign-in';
import { PageSession, safeReturnTo } from './page-session';
import { homeOf, personOf } from './person';
import { renderLeavingForProvider, renderSignedOut, renderSignIn, renderSignInFailed, type FieldError } from './sign-in.page';

interface SignInForm {
  readonly username?: unknown;
  readonly password?: unknown;
  readonly csrfToken?: unknown;
  readonly returnTo?: unknown;
}

const TEN_MINUTES_MS = 10 * 60_000;
const LONDON_TIME = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: '2-digit', minute: '2-digit', hour12: false });

/**
 * `/sign-in` (local accounts, or the council's identity provider), `/sign-in/callback`, `/sign-out`,
 * `/signed-out`. Every sign-in starts a new session with a new id (the one the browser came with is ended
 * first); every sign-in, sign-out, refused sign-in and lock-out is written to the audit log with who and when.
 */
@ApiExcludeController()
@Public()
@Controller()
export class SignInController {
  constructor(
    private readonly local: LocalSignIn,
    private readonly oidc: OidcSignIn,
    private readonly sessions: SessionManager,
    private readonly pages: PageSession,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  @Get('sign-in')
  async signInPage(@Req() req: Request, @Res() res: Response, @Query('returnTo') returnTo?: string, @Query('ended') ended?: string): Promise<void> {
    const current = await this.pages.current(req);
    if ('session' in current) {
      res.redirect(303, safeReturnTo(returnTo) ?? homeOf(personOf(current.session)));
      return;
    }
    const minutes = this.sessions.timeouts.idleMinutes;
    const notice =
      ended === 'idle'
        ? `You were signed out because you had done nothing for ${minutes} minutes. Sign in again to carry on.`
        : ended !== undefined
          ? 'Your session has ended. Sign in again to carry on.'
          : undefined;
    this.sendSignInPage(req, res, 200, { ...optional('returnTo', safeReturnTo(returnTo)), ...optional('notice', notice) });
  }

  @Post('sign-in')
  async signIn(@Body() form: SignInForm, @Req() req: RequestWithCorrelation, @Res() res: Response): Promise<void> {
    const returnTo = safeReturnTo(form.returnTo);
    const username = typeof form.username === 'string' ? form.username.trim() : '';
    const password = typeof form.password === 'string' ? form.password : '';
    if (this.oidc.enabled) {
      res.redirect(303, '/sign-in');
      return;
    }
    if (crossSiteReason(req) !== null || !sameToken(form.csrfToken, readCookie(req, SIGN_IN_COOKIE) ?? '')) {
      this.sendSignInPage(req, res, 403, {
        username,
        ...optional('returnTo', returnTo),
        errors: [{ field: 'sign-in', text: 'The sign-in page had expired. Enter your user name and password again.' }],
      });
      return;
    }
    const missing: FieldError[] = [
      ...(username === '' ? [{ field: 'username' as const, text: 'Enter your user name' }] : []),
      ...(password === '' ? [{ field: 'password' as const, text: 'Enter your password' }] : []),
    ];
    if (missing.length > 0) {
      this.sendSignInPage(req, res, 400, { username, ...optional('returnTo', returnTo), errors: missing });
      return;
    }
    const now = this.clock.now();
    const result = await this.local.attempt(username, password, now);
    if (result.kind !== 'signed-in') {
      await this.auditRefusal(result, req);
      this.sendSignInPage(req, res, 401, { username, ...optional('returnTo', returnTo), errors: [{ field: 'sign-in', text: refusalText(result) }] });
      return;
    }
    const { account } = result;
    await this.startSession(
      req,
      res,
      { sub: account.sub, name: account.name, roles: [account.role], areas: account.areas, method: 'local' },
      returnTo,
    );
  }

  @Get('sign-in/provider')
  async provider(@Req() req: Request, @Res() res: Response, @Query('returnTo') returnTo?: string): Promise<void> {
    if (!this.oidc.enabled) {
      res.redirect(303, '/sign-in');
      return;
    }
    try {
      const { url, pending } = await this.oidc.start(safeReturnTo(returnTo) ?? '');
      res.cookie(OIDC_COOKIE, JSON.stringify(pending), cookieOptions(req, { maxAge: TEN_MINUTES_MS, path: '/sign-in' }));
      res.redirect(303, url);
    } catch (err) {
      res
        .status(503)
        .type('html')
        .send(renderSignInFailed(err instanceof OidcSignInError ? err.message : 'The identity provider could not be reached.'));
    }
  }

  @Get('sign-in/callback')
  async callback(@Req() req: RequestWithCorrelation, @Res() res: Response): Promise<void> {
    const pending = pendingFrom(readCookie(req, OIDC_COOKIE));
    // the verifier, state and nonce are good for one answer only, whatever it is
    res.clearCookie(OIDC_COOKIE, cookieOptions(req, { path: '/sign-in' }));
    if (!this.oidc.enabled || pending === undefined) {
      await this.record('-', [], 'sign-in-failed', req);
      res
        .status(400)
        .type('html')
        .send(renderSignInFailed('No sign-in was under way in this browser, or it took longer than 10 minutes. Start again from the sign-in page.'));
      return;
    }
    const query = req.originalUrl.includes('?') ? req.originalUrl.slice(req.originalUrl.indexOf('?')) : '';
    let outcome: Awaited<ReturnType<OidcSignIn['finish']>>;
    try {
      outcome = await this.oidc.finish(query, pending);
    } catch (err) {
      await this.record('-', [], 'sign-in-failed', req);
      res
        .status(401)
        .type('html')
        .send(renderSignInFailed(err instanceof OidcSignInError ? err.message : 'The sign-in could not be completed.'));
      return;
    }
    const { person, idToken } = outcome;
    if (!person.ok) {
      await this.record(person.sub ?? '-', [], 'sign-in-failed', req);
      const why =
        person.reason === 'no-role'
          ? "Your council account has no role in send-journeys (caseworker, panel, manager or admin). Ask your service's administrator to add you to the right group."
          : "Your council account did not say who you are in a form this service can use. Ask your service's administrator.";
      res.status(403).type('html').send(renderSignInFailed(why));
      return;
    }
    await this.startSession(
      req,
      res,
      { sub: person.sub, name: person.name, roles: person.roles, areas: person.areas, method: 'oidc', idToken },
      safeReturnTo(pending.returnTo),
    );
  }

  @Post('sign-out')
  async signOut(@Body() form: SignInForm, @Req() req: RequestWithCorrelation, @Res() res: Response): Promise<void> {
    const sessionId = readCookie(req, SESSION_COOKIE) ?? '';
    const current = await this.pages.current(req);
    if (!('session' in current)) {
      res.clearCookie(SESSION_COOKIE, cookieOptions(req));
      res.redirect(303, '/signed-out');
      return;
    }
    const { session } = current;
    if (crossSiteReason(req) !== null || !sameToken(form.csrfToken, session.csrfToken)) {
      res
        .status(403)
        .type('html')
        .send(renderSignInFailed('The sign-out button had expired, so you are still signed in. Go back, reload the page and sign out again.'));
      return;
    }
    await this.sessions.end(sessionId);
    await this.record(session.sub, session.roles, 'sign-out', req);
    res.clearCookie(SESSION_COOKIE, cookieOptions(req));
    const provider = session.method === 'oidc' ? await this.oidc.endSessionUrl(session.idToken, this.signedOutUrl()) : null;
    // a page rather than a redirect: the pages' CSP (form-action 'self') stops a form's redirect to another site
    if (provider !== null) res.status(200).type('html').send(renderLeavingForProvider(provider));
    else res.redirect(303, '/signed-out');
  }

  @Get('signed-out')
  signedOut(@Res() res: Response): void {
    res.type('html').send(renderSignedOut());
  }

  private async startSession(req: RequestWithCorrelation, res: Response, person: SignedInPerson, returnTo: string | undefined): Promise<void> {
    const previous = readCookie(req, SESSION_COOKIE);
    if (previous !== undefined) await this.sessions.end(previous);
    const { sessionId, session } = await this.sessions.start(person, this.clock.now());
    await this.record(session.sub, session.roles, 'sign-in', req);
    res.cookie(SESSION_COOKIE, sessionId, cookieOptions(req));
    res.clearCookie(SIGN_IN_COOKIE, cookieOptions(req, { path: '/sign-in' }));
    res.redirect(303, returnTo ?? homeOf(personOf(session)));
  }

  private sendSignInPage(req: Request, res: Response, status: number, options: Omit<Parameters<typeof renderSignIn>[0], 'mode' | 'formToken'>): void {
    const formToken = newCsrfToken();
    res.cookie(SIGN_IN_COOKIE, formToken, cookieOptions(req, { path: '/sign-in' }));
    res
      .status(status)
      .type('html')
      .send(renderSignIn({ mode: this.oidc.enabled ? 'oidc' : 'local', formToken, ...options }));
  }

  private async auditRefusal(result: Exclude<LocalSignInResult, { kind: 'signed-in' }>, req: RequestWithCorrelation): Promise<void> {
    const sub = result.sub ?? '-';
    await this.record(sub, [], 'sign-in-failed', req);
    if (result.kind === 'locked' && result.lockedNow) await this.record(sub, [], 'locked-out', req);
  }

  private async record(sub: string, roles: SignedInPerson['roles'], action: AuditAction, req: RequestWithCorrelation): Promise<void> {
    await this.audit.record({ sub, roles }, action, `${req.method} ${req.path}`, req.correlationId, [], this.clock.now());
  }

  /** Where the provider sends the browser after signing out there: this service's own signed-out page. */
  private signedOutUrl(): string {
    return new URL('/signed-out', this.oidc.settings?.redirectUrl ?? 'http://localhost/').href;
  }
}

function optional<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, V>);
}

/** What a person reads when a sign-in is refused: a wrong password and an unknown user name read alike. */
function refusalText(result: Exclude<LocalSignInResult, { kind: 'signed-in' }>): string {
  switch (result.kind) {
    case 'rejected':
      return 'The user name or password is not right. Check them and try again.';
    case 'locked':
      return `You entered a wrong password too many times, so your account is locked until ${LONDON_TIME.format(new Date(result.until))}. Try again then, or ask your service's administrator to reset your password.`;
    case 'disabled':
      return "Your account has been disabled. Ask your service's administrator if you still need it.";
  }
}

function pendingFrom(cookie: string | undefined): PendingSignIn | undefined {
  if (cookie === undefined) return undefined;
  try {
    const value = JSON.parse(cookie) as Partial<PendingSignIn>;
    const strings = [value.state, value.nonce, value.codeVerifier, value.returnTo];
    return strings.every((s) => typeof s === 'string' && s.length <= 600) ? (value as PendingSignIn) : undefined;
  } catch {
    return undefined;
  }
}
