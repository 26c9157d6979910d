'use strict';
/**
 * `npm run demo`: once the API answers, prints where to start (and, once sign-in exists, a token per role).
 *
 * Hook for sign-in: when `dist/apps/api/src/auth/demo-tokens.js` exists and exports
 * `demoTokens(): Promise<Array<{ role: string, token: string }>>`, its tokens are printed under the URLs.
 * Until then no token is printed: the API does not ask for one yet.
 */
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const DEMO_TOKENS = path.join(ROOT, 'dist', 'apps', 'api', 'src', 'auth', 'demo-tokens.js');

async function answers(url) {
  try {
    const res = await fetch(url);
    return res.status < 500;
  } catch {
    return false;
  }
}

async function printWhenReady() {
  const base = `http://localhost:${process.env.PORT || 3000}`;
  const deadline = Date.now() + 5 * 60_000;
  while (!(await answers(`${base}/health`))) {
    if (Date.now() > deadline) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  const lines = [
    '',
    'send-journeys is running:',
    `  managers' dashboard  ${base}/dashboard`,
    `  panel inbox          ${base}/inbox?recipient=panel:north`,
    `  API documentation    ${base}/docs`,
  ];
  if (fs.existsSync(DEMO_TOKENS)) {
    const tokens = await require(DEMO_TOKENS).demoTokens();
    lines.push('', 'sign-in tokens (paste one into the sign-in form):', ...tokens.map(({ role, token }) => `  ${role.padEnd(20)} ${token}`));
  }
  process.stdout.write(`${lines.join('\n')}\n\n`);
}

module.exports = { printWhenReady };
