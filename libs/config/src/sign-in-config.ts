import { AREA_NAME, isRole, ROLES, type Role } from '@sj/identity';

/** How people sign in to the pages (docs/security.md "Sign-in"); scripts keep bearer tokens (AuthConfig). */
export interface SignInConfig {
  /** Minutes without a request after which a session ends. */
  readonly sessionIdleMinutes: number;
  /** Hours after sign-in after which a session ends, however active. */
  readonly sessionAbsoluteHours: number;
  /** Wrong passwords in a row that lock a local account. */
  readonly maxFailedAttempts: number;
  /** How long a local account stays locked. */
  readonly lockoutMinutes: number;
  /** The council's identity provider; null on the embedded default, where local accounts sign in. */
  readonly oidc: OidcConfig | null;
}

export interface OidcConfig {
  readonly issuer: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** This service's callback, registered with the provider, e.g. https://send.example.gov.uk/sign-in/callback. */
  readonly redirectUrl: string;
  readonly scopes: string;
  /** Claim that says who the person is in this service (their `recordedBy`, and a child's `caseworker`). */
  readonly subjectClaim: string;
  /** Claim naming roles directly (Entra ID app roles arrive in `roles`). */
  readonly rolesClaim: string;
  /** Claim naming areas directly. */
  readonly areasClaim: string;
  /** Claim listing group ids (Entra ID security groups arrive in `groups`). */
  readonly groupsClaim: string;
  /** Group id → role it grants. */
  readonly groupRoles: Readonly<Record<string, Role>>;
  /** Group id → area it grants. */
  readonly groupAreas: Readonly<Record<string, string>>;
}

type Env = Readonly<Record<string, string | undefined>>;

const CLAIM_NAME = /^[A-Za-z0-9_.:/-]{1,200}$/;

/** Reads the sign-in variables, adding a line to `problems` for each invalid one. */
export function signInConfigOf(env: Env, production: boolean, problems: string[]): SignInConfig {
  const value = (name: string): string | undefined => {
    const v = env[name];
    return v === undefined || v.trim() === '' ? undefined : v.trim();
  };
  const wholeNumber = (name: string, fallback: number, min: number, max: number): number => {
    const raw = value(name);
    if (raw === undefined) return fallback;
    if (/^\d+$/.test(raw) && Number(raw) >= min && Number(raw) <= max) return Number(raw);
    problems.push(`${name} must be a whole number from ${min} to ${max}, got "${raw}"`);
    return fallback;
  };
  return {
    sessionIdleMinutes: wholeNumber('SESSION_IDLE_TIMEOUT_MINUTES', 30, 1, 24 * 60),
    sessionAbsoluteHours: wholeNumber('SESSION_ABSOLUTE_TIMEOUT_HOURS', 10, 1, 7 * 24),
    maxFailedAttempts: wholeNumber('SIGN_IN_MAX_ATTEMPTS', 5, 1, 100),
    lockoutMinutes: wholeNumber('SIGN_IN_LOCKOUT_MINUTES', 15, 1, 24 * 60),
    oidc: oidcConfigOf(value, production, problems),
  };
}

function oidcConfigOf(value: (name: string) => string | undefined, production: boolean, problems: string[]): OidcConfig | null {
  const required = ['OIDC_ISSUER', 'OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET', 'OIDC_REDIRECT_URL'] as const;
  const given = required.filter((name) => value(name) !== undefined);
  if (given.length === 0) return null;
  if (given.length < required.length) {
    problems.push(
      `${required.join(', ')} go together: set all four to sign in with the council's identity provider (missing: ${required.filter((n) => !given.includes(n)).join(', ')})`,
    );
    return null;
  }
  const url = (name: string): string => {
    const raw = value(name) ?? '';
    const secure = raw.startsWith('https://');
    if (!/^https?:\/\/[^\s]+$/.test(raw) || (production && !secure))
      problems.push(`${name} must be an ${production ? 'https' : 'http(s)'} URL, got "${raw}"`);
    return raw;
  };
  const claim = (name: string, fallback: string): string => {
    const raw = value(name) ?? fallback;
    if (!CLAIM_NAME.test(raw)) problems.push(`${name} must be a claim name, got "${raw}"`);
    return raw;
  };
  const issuer = url('OIDC_ISSUER');
  const redirectUrl = url('OIDC_REDIRECT_URL');
  return {
    issuer,
    clientId: value('OIDC_CLIENT_ID') ?? '',
    clientSecret: value('OIDC_CLIENT_SECRET') ?? '',
    redirectUrl,
    scopes: value('OIDC_SCOPES') ?? 'openid profile email',
    subjectClaim: claim('OIDC_SUBJECT_CLAIM', 'sub'),
    rolesClaim: claim('OIDC_ROLES_CLAIM', 'roles'),
    areasClaim: claim('OIDC_AREAS_CLAIM', 'areas'),
    groupsClaim: claim('OIDC_GROUPS_CLAIM', 'groups'),
    groupRoles: pairs('OIDC_GROUP_ROLES', value('OIDC_GROUP_ROLES'), problems, (role): role is Role => isRole(role), `one of ${ROLES.join(', ')}`),
    groupAreas: pairs('OIDC_GROUP_AREAS', value('OIDC_GROUP_AREAS'), problems, (area): area is string => AREA_NAME.test(area), 'an area name'),
  };
}

/** `group-id=value,group-id=value` → a record; each bad pair is named. */
function pairs<T extends string>(
  name: string,
  raw: string | undefined,
  problems: string[],
  valid: (v: string) => v is T,
  what: string,
): Readonly<Record<string, T>> {
  const map: Record<string, T> = Object.create(null) as Record<string, T>;
  if (raw === undefined) return map;
  for (const pair of raw
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '')) {
    const match = /^([^=\s]{1,200})\s*=\s*(.+)$/.exec(pair);
    const target = match?.[2]?.trim() ?? '';
    if (match?.[1] === undefined || !valid(target)) {
      problems.push(`${name} must list group-id=value pairs, comma-separated, each value ${what}; "${pair}" is not one`);
      continue;
    }
    map[match[1]] = target;
  }
  return map;
}
