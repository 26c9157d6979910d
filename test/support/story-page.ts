import type { Browser, BrowserContext, Page } from 'playwright-core';

/**
 * A fresh browser context and page for one browser story, as a person would open it: a desktop viewport, steps
 * failing with Playwright's own message rather than jest's timeout, and every script error on the page collected in
 * `problems` (the story's afterEach expects none), failed requests included. The context bypasses the pages' CSP only so axe-core can be
 * injected as a script, which the strict CSP would (rightly) refuse.
 */
export async function storyPage(browser: Browser, problems: string[]): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, bypassCSP: true });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    // a page answered 403 or 404 on purpose is the story's to check; anything else failing on it is a problem
    if (msg.text().startsWith('Failed to load resource') && msg.location().url === page.url()) return;
    // GOV.UK Frontend's stylesheet declares GDS Transport, which the service does not serve (it is licensed for GOV.UK
    // itself); app.css sets the system font everywhere, but Chromium now and then asks for the files first
    if (msg.text().startsWith('Failed to load resource') && /\/assets\/fonts\/(light|bold)-\w+-v2\.woff2?$/.test(msg.location().url)) return;
    problems.push(`console: ${msg.text()} (${msg.location().url})`);
  });
  return { context, page };
}

/** Presses Tab, as a keyboard-only user would, until the element matching `selector` has the focus. */
export async function tabTo(page: Page, selector: string): Promise<void> {
  for (let presses = 0; presses < 80; presses += 1) {
    await page.keyboard.press('Tab');
    if ((await page.locator(`${selector}:focus`).count()) > 0) return;
  }
  throw new Error(`Tab never reached ${selector}`);
}

/**
 * Asks `holds` again until it answers true, failing with what was awaited once `deadlineMs` has passed (a deadline,
 * not a wait: a quick answer is seen quickly). The pauses between asks grow from 50 ms to 1 s, so a slow worker on
 * a loaded machine is not asked in a busy loop.
 */
export async function pollUntil(what: string, holds: () => Promise<boolean>, deadlineMs: number): Promise<void> {
  const deadline = Date.now() + deadlineMs;
  for (let pause = 50; !(await holds()); pause = Math.min(pause * 2, 1000)) {
    if (Date.now() > deadline) throw new Error(`${what} did not happen within ${deadlineMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, pause));
  }
}
