import { hashPassword, type Areas, type Role } from '@sj/identity';
import type { Page } from 'playwright-core';
import { openIdentityStores } from '../../apps/shared/src/storage';
import type { TestApp } from './test-app';

/** The password every test account gets unless a test says otherwise. */
export const TEST_PASSWORD = 'river lantern biscuit';

export interface TestAccount {
  readonly sub: string;
  readonly name: string;
  readonly role: Role;
  readonly areas: Areas;
  readonly password?: string;
  readonly disabled?: boolean;
}

let testHash: Promise<string> | undefined;

/** Adds local accounts to the app's identity store, as `npm run users -- add` does. */
export async function addAccounts(app: Pick<TestApp, 'config'>, ...accounts: readonly TestAccount[]): Promise<void> {
  const stores = await openIdentityStores(app.config);
  try {
    for (const account of accounts) {
      const passwordHash = account.password === undefined ? await (testHash ??= hashPassword(TEST_PASSWORD)) : await hashPassword(account.password);
      await stores.accounts.add({ sub: account.sub, name: account.name, role: account.role, areas: account.areas, passwordHash });
      if (account.disabled === true) await stores.accounts.setDisabled(account.sub, true);
    }
  } finally {
    await stores.close();
  }
}

/** Signs in through the sign-in page as a person would, and waits for the page it lands on. */
export async function signInWithPassword(page: Page, baseUrl: string, sub: string, password = TEST_PASSWORD): Promise<void> {
  await page.goto(`${baseUrl}/sign-in`);
  await page.fill('#username', sub);
  await page.fill('#password', password);
  await Promise.all([page.waitForEvent('load'), page.click('#sign-in button[type="submit"]')]);
}

export interface SessionCookie {
  /** `sj_session=…`, for a Cookie header. */
  readonly cookie: string;
  /** The session's CSRF token, as the pages carry it. */
  readonly csrfToken: string;
  /** Where the sign-in sent the browser. */
  readonly landedOn: string;
  /** The Set-Cookie header of the sign-in answer. */
  readonly setCookie: string;
}

function cookiePair(setCookie: string | null, name: string): string | undefined {
  return setCookie
    ?.split(/,(?=\s*[A-Za-z_]+=)/)
    .map((c) => c.trim().split(';')[0] ?? '')
    .find((pair) => pair.startsWith(`${name}=`));
}

/** Signs in over plain HTTP (no browser): the sign-in form's token, the password, then the session's CSRF token from a page. */
export async function signInOverHttp(baseUrl: string, sub: string, password = TEST_PASSWORD, extraCookie = ''): Promise<SessionCookie> {
  const form = await fetch(`${baseUrl}/sign-in`, { redirect: 'manual' });
  const formCookie = cookiePair(form.headers.get('set-cookie'), 'sj_sign_in') ?? '';
  const formToken = /name="csrfToken" value="([^"]+)"/.exec(await form.text())?.[1] ?? '';
  const res = await fetch(`${baseUrl}/sign-in`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: [formCookie, extraCookie].filter((c) => c !== '').join('; ') },
    body: new URLSearchParams({ username: sub, password, csrfToken: formToken }).toString(),
  });
  const setCookie = res.headers.get('set-cookie') ?? '';
  const cookie = cookiePair(setCookie, 'sj_session');
  if (res.status !== 303 || cookie === undefined) throw new Error(`sign-in as ${sub} answered ${res.status}`);
  const landedOn = res.headers.get('location') ?? '';
  const page = await fetch(`${baseUrl}/inbox`, { headers: { cookie } });
  const csrfToken = /<meta name="csrf-token" content="([^"]+)"/.exec(await page.text())?.[1] ?? '';
  return { cookie, csrfToken, landedOn, setCookie };
}
