import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

/** What the logger may know about the request being served (never personal data). */
export interface RequestContext {
  readonly correlationId: string;
}

export const requestContext = new AsyncLocalStorage<RequestContext>();

export const CORRELATION_HEADER = 'x-correlation-id';

const SAFE_CORRELATION_ID = /^[A-Za-z0-9._:-]{1,100}$/;

/** The caller's correlation id when it is a sensible token, else a new UUID. */
export function correlationIdFrom(header: unknown): string {
  const value: unknown = Array.isArray(header) ? header[0] : header;
  return typeof value === 'string' && SAFE_CORRELATION_ID.test(value) ? value : randomUUID();
}
