import { csrfToken } from './session.js';

/** An answer other than 2xx, carrying the API's `{ statusCode, error, message, details? }`. */
export class ApiError extends Error {
  constructor(status, body) {
    super(body?.message ?? `The server answered ${status}`);
    this.status = status;
    this.body = body;
  }
}

/** Query string from an object, leaving out empty values. */
export function query(params) {
  const q = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== null && value !== '') q.set(key, String(value));
  const text = q.toString();
  return text ? `?${text}` : '';
}

/**
 * Calls the JSON API on this origin. The browser sends the session cookie itself; a change (anything but GET)
 * also carries the session's CSRF token, without which the API refuses it.
 */
export async function api(path, { method = 'GET', body } = {}) {
  const headers = { Accept: 'application/json' };
  if (method !== 'GET') headers['X-CSRF-Token'] = csrfToken();
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await fetch(path, { method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  let parsed;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = { message: text };
  }
  if (!res.ok) throw new ApiError(res.status, parsed);
  return parsed;
}

/** Every page of a paged route (`items`, `total`), 500 rows a request. */
export async function allPages(path, params) {
  const pageSize = 500;
  const first = await api(path + query({ ...params, page: 1, pageSize }));
  const items = [...first.items];
  const pages = Math.ceil(first.total / pageSize);
  for (let page = 2; page <= pages; page += 1) items.push(...(await api(path + query({ ...params, page, pageSize }))).items);
  return { ...first, items };
}

/** The CSV export of a table: the same route and filters with `format=csv`. */
export function csvHref(path, params) {
  return path + query({ ...params, format: 'csv' });
}

/**
 * CSV links download through fetch, so a failure shows in the page's error summary rather than as a
 * browser error page. The href stays for copying and for reading.
 */
export function enableCsvDownloads(root) {
  root.addEventListener('click', async (event) => {
    const link = event.target instanceof Element ? event.target.closest('a[data-csv]') : null;
    if (!link) return;
    event.preventDefault();
    const res = await fetch(link.getAttribute('href'), { credentials: 'same-origin' });
    if (!res.ok) {
      link.dispatchEvent(new CustomEvent('csv-error', { bubbles: true, detail: res.status }));
      return;
    }
    const filename = /filename="([^"]+)"/.exec(res.headers.get('Content-Disposition') ?? '')?.[1] ?? 'export.csv';
    const url = URL.createObjectURL(await res.blob());
    const save = document.createElement('a');
    save.href = url;
    save.download = filename;
    document.body.append(save);
    save.click();
    save.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  });
}
