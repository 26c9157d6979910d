/** Tiny real-HTTP helpers for e2e tests (global fetch, no mocks). */

/**
 * The token sent to each test app when a request names none: startTestApp registers an admin token, so a
 * test that is not about access reads as before. Send `Authorization: ''` to send no token at all.
 */
const defaultTokens = new Map<string, string>();

export function setDefaultToken(baseUrl: string, token: string | undefined): void {
  if (token === undefined) defaultTokens.delete(baseUrl);
  else defaultTokens.set(baseUrl, token);
}
export interface HttpResult<T = any> {
  readonly status: number;
  readonly body: T;
  readonly headers: Headers;
}

export async function request<T = any>(
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

/** `event` is an {@link EventBody}, or anything at all when a test sends a malformed one. */
export function recordEvent(baseUrl: string, childId: string, event: unknown, headers?: Record<string, string>): Promise<HttpResult> {
  return request(baseUrl, 'POST', `/children/${encodeURIComponent(childId)}/events`, { json: event, ...(headers ? { headers } : {}) });
}

export function getJourney(baseUrl: string, childId: string, asOf?: string, headers?: Record<string, string>): Promise<HttpResult> {
  return request(
    baseUrl,
    'GET',
    `/children/${encodeURIComponent(childId)}/journey${asOf !== undefined ? `?asOf=${encodeURIComponent(asOf)}` : ''}`,
    headers ? { headers } : {},
  );
}

export const registerChild = (baseUrl: string, childId: string, occurredOn = '2023-02-01'): Promise<HttpResult> =>
  recordEvent(baseUrl, childId, {
    type: 'ChildRegistered',
    occurredOn,
    data: { givenName: 'Sam', familyName: 'Example', dateOfBirth: '2014-05-12', area: 'taunton', school: 'Oakfield Primary' },
  });
