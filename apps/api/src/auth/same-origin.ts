import type { Request } from 'express';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function isSafeMethod(method: string): boolean {
  return SAFE_METHODS.has(method.toUpperCase());
}

/**
 * Why a request carrying the session cookie did not come from this service's own pages, or null if it did.
 * Browsers say where a request comes from in `Sec-Fetch-Site` (and `Origin` on anything but a plain GET);
 * SameSite=Lax already keeps the cookie off most cross-site requests, but not off requests from a sibling
 * origin of the same site (another port or sub-domain), which this check refuses too.
 */
export function crossSiteReason(req: Pick<Request, 'headers' | 'method'>): string | null {
  const site = req.headers['sec-fetch-site'];
  if (typeof site === 'string' && site !== '') {
    if (site === 'same-origin') return null;
    // typed into the address bar or opened from a bookmark: a navigation, never a write
    if (site === 'none' && isSafeMethod(req.method)) return null;
    return `Sec-Fetch-Site: ${site}`;
  }
  const origin = req.headers.origin;
  if (typeof origin === 'string' && origin !== '') {
    let host: string;
    try {
      host = new URL(origin).host;
    } catch {
      return `Origin: ${origin}`;
    }
    return host === req.headers.host ? null : `Origin: ${origin}`;
  }
  return null;
}
