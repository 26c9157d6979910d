/** Tiny real-HTTP helpers for e2e tests (global fetch, no mocks). */
import type { JourneyResponse } from '../../apps/api/src/journey/journey-response';
import type { RecordedEventResult } from '../../apps/api/src/journey/record-journey-event.command';
import type { ErrorBody } from '../../apps/api/src/http/api-exception.filter';
import type { FieldProblem } from '../../apps/api/src/http/request-validation.error';

export type { ErrorBody, FieldProblem, JourneyResponse, RecordedEventResult };

/** A 400 for a malformed request: the standard error body, listing each problem by the field as it was sent. */
export interface ValidationErrorBody extends ErrorBody {
  readonly details: readonly FieldProblem[];
}

/**
 * The token sent to each test app when a request names none: startTestApp registers an admin token, so a
 * test that is not about access reads as before. Send `Authorization: ''` to send no token at all.
 */
const defaultTokens = new Map<string, string>();

export function setDefaultToken(baseUrl: string, token: string | undefined): void {
  if (token === undefined) defaultTokens.delete(baseUrl);
  else defaultTokens.set(baseUrl, token);
}
/** The body is parsed JSON (or the text when it is not JSON), typed as the test expects to read it. */
export interface HttpResult<T = unknown> {
  readonly status: number;
  readonly body: T;
  readonly headers: Headers;
}

export async function request<T = unknown>(
  baseUrl: string,
  method: string,
  path: string,
  options: { json?: unknown; raw?: string; headers?: Record<string, string> } = {},
): Promise<HttpResult<T>> {
  const given = Object.entries(options.headers ?? {});
  const isAuthorization = (key: string): boolean => key.toLowerCase() === 'authorization';
  // an empty Authorization header means "send no token at all"
  const headers: Record<string, string> = Object.fromEntries(given.filter(([key, value]) => !(isAuthorization(key) && value === '')));
  const fallback = defaultTokens.get(baseUrl);
  if (!given.some(([key]) => isAuthorization(key)) && fallback !== undefined) headers.Authorization = `Bearer ${fallback}`;
  let body: string | undefined;
  if (options.raw !== undefined) {
    body = options.raw;
    headers['content-type'] ??= 'application/json';
  } else if (options.json !== undefined) {
    body = JSON.stringify(options.json);
    headers['content-type'] ??= 'application/json';
  }
  const res = await fetch(`${baseUrl}${path}`, { method, headers, ...(body !== undefined ? { body } : {}) });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text === '' ? undefined : JSON.parse(text);
  } catch {
    // not JSON: keep the text so the assertion shows it
  }
  return { status: res.status, body: parsed as T, headers: res.headers };
}

export interface EventBody {
  readonly type: string;
  readonly occurredOn: string;
  readonly data?: unknown;
  readonly eventId?: string;
}

/**
 * `event` is an {@link EventBody}, or anything at all when a test sends a malformed one. The body reads as the
 * event's id and revision; a test that expects a refusal names the error type it reads (`recordEvent<ErrorBody>`).
 */
export function recordEvent<T = RecordedEventResult>(
  baseUrl: string,
  childId: string,
  event: unknown,
  headers?: Record<string, string>,
): Promise<HttpResult<T>> {
  return request<T>(baseUrl, 'POST', `/children/${encodeURIComponent(childId)}/events`, { json: event, ...(headers ? { headers } : {}) });
}

/** The body reads as the journey; a test that expects a refusal names the error type it reads (`getJourney<ErrorBody>`). */
export function getJourney<T = JourneyResponse>(
  baseUrl: string,
  childId: string,
  asOf?: string,
  headers?: Record<string, string>,
): Promise<HttpResult<T>> {
  return request<T>(
    baseUrl,
    'GET',
    `/children/${encodeURIComponent(childId)}/journey${asOf !== undefined ? `?asOf=${encodeURIComponent(asOf)}` : ''}`,
    headers ? { headers } : {},
  );
}

export const registerChild = (baseUrl: string, childId: string, occurredOn = '2023-02-01'): Promise<HttpResult<RecordedEventResult>> =>
  recordEvent(baseUrl, childId, {
    type: 'ChildRegistered',
    occurredOn,
    data: { givenName: 'Sam', familyName: 'Example', dateOfBirth: '2014-05-12', area: 'taunton', school: 'Oakfield Primary' },
  });
