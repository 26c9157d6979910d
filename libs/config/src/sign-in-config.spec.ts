import { ConfigError, loadConfig } from '.';

const ENTRA = {
  OIDC_ISSUER: 'https://login.microsoftonline.com/tenant-id/v2.0',
  OIDC_CLIENT_ID: '11111111-2222-3333-4444-555555555555',
  OIDC_CLIENT_SECRET: 'a-client-secret',
  OIDC_REDIRECT_URL: 'https://send.example.gov.uk/sign-in/callback',
};

function problemsOf(env: Record<string, string>): readonly string[] {
  try {
    loadConfig(env, '/srv/app');
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  return [];
}

describe("signing in with the council's identity provider, configured from the environment", () => {
  it('reads the provider, the claims to look in and which groups grant which role and area', () => {
    const config = loadConfig(
      {
        ...ENTRA,
        OIDC_GROUPS_CLAIM: 'groups',
        OIDC_GROUP_ROLES: 'aaaa-1=caseworker, bbbb-2=manager',
        OIDC_GROUP_AREAS: 'cccc-3=north,dddd-4=south',
        NODE_ENV: 'production',
      },
      '/srv/app',
    );
    expect(config.signIn.oidc).toEqual({
      ...{ issuer: ENTRA.OIDC_ISSUER, clientId: ENTRA.OIDC_CLIENT_ID, clientSecret: ENTRA.OIDC_CLIENT_SECRET, redirectUrl: ENTRA.OIDC_REDIRECT_URL },
      scopes: 'openid profile email',
      subjectClaim: 'sub',
      rolesClaim: 'roles',
      areasClaim: 'areas',
      groupsClaim: 'groups',
      groupRoles: { 'aaaa-1': 'caseworker', 'bbbb-2': 'manager' },
      groupAreas: { 'cccc-3': 'north', 'dddd-4': 'south' },
    });
  });

  it('asks for all four provider variables together, naming the missing ones', () => {
    expect(problemsOf({ OIDC_ISSUER: ENTRA.OIDC_ISSUER, OIDC_CLIENT_ID: 'x' })).toEqual([
      expect.stringContaining('missing: OIDC_CLIENT_SECRET, OIDC_REDIRECT_URL'),
    ]);
  });

  it('refuses a plain-http provider or callback in production, and a group mapped to a role nobody has', () => {
    const problems = problemsOf({
      ...ENTRA,
      OIDC_ISSUER: 'http://idp.example',
      OIDC_REDIRECT_URL: 'http://send.example/sign-in/callback',
      OIDC_GROUP_ROLES: 'g1=supervisor',
      NODE_ENV: 'production',
    });
    expect(problems).toEqual([
      'OIDC_ISSUER must be an https URL, got "http://idp.example"',
      'OIDC_REDIRECT_URL must be an https URL, got "http://send.example/sign-in/callback"',
      expect.stringContaining('"g1=supervisor" is not one'),
    ]);
  });

  it('names session and lock-out settings out of range', () => {
    expect(problemsOf({ SESSION_IDLE_TIMEOUT_MINUTES: '0', SIGN_IN_MAX_ATTEMPTS: 'five' })).toEqual([
      'SESSION_IDLE_TIMEOUT_MINUTES must be a whole number from 1 to 1440, got "0"',
      'SIGN_IN_MAX_ATTEMPTS must be a whole number from 1 to 100, got "five"',
    ]);
  });
});
