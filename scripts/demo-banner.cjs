'use strict';
/**
 * `npm start` and `npm run demo`: once the API answers, prints where to start. The demo passes its accounts
 * (`ensureDemoAccounts()` in apps/api/src/identity/demo-accounts.ts), printed with their one password;
 * `npm start` says how to add an account instead. No token is printed: people sign in at /sign-in.
 */

async function answers(url) {
  try {
    const res = await fetch(url);
    return res.status < 500;
  } catch {
    return false;
  }
}

function areasOf(account) {
  return account.areas === 'all' ? 'all areas' : account.areas.join(', ');
}

async function printWhenReady(demo) {
  const base = `http://localhost:${process.env.PORT || 3000}`;
  const deadline = Date.now() + 5 * 60_000;
  while (!(await answers(`${base}/health`))) {
    if (Date.now() > deadline) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  const lines = ['', 'send-journeys is running:', `  sign in              ${base}/sign-in`, `  API documentation    ${base}/docs`];
  if (demo && demo.accounts.length > 0) {
    lines.push(
      '',
      `demo accounts (password for each: ${demo.password}):`,
      ...demo.accounts.map((a) => `  ${a.sub.padEnd(15)} ${a.name.padEnd(14)} ${a.role.padEnd(11)} ${areasOf(a)}`),
    );
  } else if (!(process.env.OIDC_ISSUER ?? '').trim()) {
    lines.push(
      '',
      'add an account to sign in with (asks for a password):',
      '  npm run users -- add --sub cw-42 --name "Alex Morgan" --role caseworker --area north',
    );
  }
  lines.push('', 'scripts and integrations use bearer tokens: npm run -s token -- --role manager --area north --sub reports-bot');
  process.stdout.write(`${lines.join('\n')}\n\n`);
}

module.exports = { printWhenReady };
