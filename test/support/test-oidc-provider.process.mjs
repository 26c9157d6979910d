// A real OpenID Connect provider (oidc-provider) for the browser tests, run as its own Node process: the
// library ships only ES modules, and a separate process is also what a council's provider is. The test
// passes its configuration as JSON in OIDC_TEST_CONFIG: { port, client, accounts: { <id>: claims } }.
// It prints "ready <issuer>" once listening. Sign-in uses the library's development login form (any
// password); consent is granted for the one client, as a council's administrator consents for staff.
import Provider from 'oidc-provider';

const config = JSON.parse(process.env.OIDC_TEST_CONFIG ?? '{}');
const issuer = `http://localhost:${config.port}`;

const provider = new Provider(issuer, {
  clients: [config.client],
  findAccount: (_ctx, id) =>
    Object.hasOwn(config.accounts, id) ? { accountId: id, claims: () => ({ sub: id, ...config.accounts[id] }) } : undefined,
  claims: { openid: ['sub'], profile: ['name', 'roles', 'areas', 'groups'], email: ['email'] },
  // the claims go into the ID token, where Microsoft Entra ID puts roles and groups
  conformIdTokenClaims: false,
  pkce: { required: () => true },
  cookies: { keys: ['send-journeys-test-provider'] },
  features: {
    devInteractions: { enabled: true },
    rpInitiatedLogout: {
      enabled: true,
      logoutSource: (ctx, form) => {
        ctx.body = `<!doctype html><title>Sign out</title><h1>Sign out of the test provider?</h1>${form}<button type="submit" form="op.logoutForm" name="logout" value="yes">Yes, sign me out</button>`;
      },
    },
  },
  loadExistingGrant: async (ctx) => {
    const grantId = ctx.oidc.result?.consent?.grantId ?? ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
    if (grantId) return ctx.oidc.provider.Grant.find(grantId);
    const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
    grant.addOIDCScope('openid profile email');
    await grant.save();
    return grant;
  },
});
provider.on('server_error', (_ctx, err) => process.stderr.write(`provider error: ${err.message}\n`));

const server = provider.listen(config.port, '127.0.0.1', () => process.stdout.write(`ready ${issuer}\n`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
