import { Injectable } from '@nestjs/common';
import { Clock } from '@sj/config';
import { SessionManager, type ResumedSession } from '@sj/identity';
import type { Request } from 'express';
import { readCookie, SESSION_COOKIE } from '../auth/session-cookie';

/**
 * The session behind a page request. Pages are top-level navigations that carry no data (their scripts
 * fetch it from the API, where a cross-site session is refused), so a link into the service from an email
 * or another site opens the page signed in, as SameSite=Lax intends.
 */
@Injectable()
export class PageSession {
  constructor(
    private readonly sessions: SessionManager,
    private readonly clock: Clock,
  ) {}

  current(req: Request): Promise<ResumedSession> {
    const sessionId = readCookie(req, SESSION_COOKIE);
    if (sessionId === undefined || sessionId === '') return Promise.resolve({ ended: 'unknown' });
    return this.sessions.resume(sessionId, this.clock.now());
  }
}

const RETURN_TO = /^\/(?![/\\])[A-Za-z0-9\-._~/?=&%:+,@]{0,500}$/;

/** A path on this service to come back to after sign-in; anything else (another site, `//host`) is dropped. */
export function safeReturnTo(value: unknown): string | undefined {
  return typeof value === 'string' && RETURN_TO.test(value) && !value.startsWith('/sign-') ? value : undefined;
}
