import type { OidcConfig } from '@sj/config';
import { personFromClaims } from './oidc-claims';

const ENTRA: OidcConfig = {
  issuer: 'https://login.microsoftonline.com/tenant/v2.0',
  clientId: 'client',
  clientSecret: 'secret',
  redirectUrl: 'https://send.example.gov.uk/sign-in/callback',
  scopes: 'openid profile email',
  subjectClaim: 'sub',
  rolesClaim: 'roles',
  areasClaim: 'areas',
  groupsClaim: 'groups',
  groupRoles: { 'f1a1-caseworkers': 'caseworker', 'f1a2-panel': 'panel' },
  groupAreas: { 'f2b1-north': 'north', 'f2b2-south': 'south' },
};

describe("who the council's identity provider says signed in", () => {
  it('takes roles and areas from Entra ID security groups, ignoring groups this service does not know', () => {
    expect(personFromClaims({ sub: 'AAAAbbbb', name: 'Priya Shah', groups: ['f1a1-caseworkers', 'f2b1-north', 'all-staff'] }, ENTRA)).toEqual({
      ok: true,
      sub: 'AAAAbbbb',
      name: 'Priya Shah',
      roles: ['caseworker'],
      areas: ['north'],
    });
  });

  it('takes roles named directly (Entra ID app roles) beside those from groups, and areas from both', () => {
    expect(
      personFromClaims({ sub: 'x1', roles: ['manager', 'Task.Write'], groups: ['f1a2-panel', 'f2b2-south'], areas: 'north' }, ENTRA),
    ).toMatchObject({
      roles: ['panel', 'manager'],
      areas: ['north', 'south'],
    });
  });

  it('gives an admin every area', () => {
    expect(personFromClaims({ sub: 'x2', roles: ['admin'], areas: ['north'] }, ENTRA)).toMatchObject({ roles: ['admin'], areas: 'all' });
  });

  it('refuses someone with no role here, and a subject that is not a plain identifier', () => {
    expect(personFromClaims({ sub: 'x3', roles: ['Directory.Reader'], groups: ['all-staff'] }, ENTRA)).toEqual({
      ok: false,
      sub: 'x3',
      reason: 'no-role',
    });
    expect(personFromClaims({ sub: '<script>', roles: ['admin'] }, ENTRA)).toEqual({ ok: false, sub: null, reason: 'no-subject' });
  });

  it('reads who the person is from the claim the council chose, e.g. their user principal name', () => {
    const upn = { ...ENTRA, subjectClaim: 'preferred_username' };
    expect(personFromClaims({ sub: 'pairwise-id', preferred_username: 'priya.shah@council.gov.uk', roles: ['caseworker'] }, upn)).toMatchObject({
      ok: true,
      sub: 'priya.shah@council.gov.uk',
      name: 'priya.shah@council.gov.uk',
    });
  });

  it('drops area names that could not be areas', () => {
    expect(personFromClaims({ sub: 'x4', roles: ['caseworker'], areas: ['north', '<b>south</b>'] }, ENTRA)).toMatchObject({ areas: ['north'] });
  });
});
