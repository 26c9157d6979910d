import type { Areas, Role, Session } from '@sj/identity';

/** The signed-in person as the pages show them. */
export interface PagePerson {
  readonly sub: string;
  readonly name: string;
  readonly roles: readonly Role[];
  readonly areas: Areas;
}

export interface NavItem {
  readonly href: string;
  readonly text: string;
  readonly roles: readonly Role[];
}

/** The service's pages and who may open them; the navigation shows a person only theirs. */
export const NAVIGATION: readonly NavItem[] = [
  { href: '/caseload', text: 'My caseload', roles: ['caseworker'] },
  { href: '/children', text: 'Find a child', roles: ['caseworker', 'manager'] },
  { href: '/inbox', text: 'Inbox', roles: ['caseworker', 'panel', 'manager', 'admin'] },
  { href: '/dashboard', text: 'Dashboard', roles: ['manager', 'admin'] },
  { href: '/dashboard/sen2', text: 'SEN2 return', roles: ['manager', 'admin'] },
  { href: '/docs', text: 'API documentation', roles: ['admin'] },
];

export const ROLE_NAMES: Readonly<Record<Role, string>> = {
  caseworker: 'Caseworker',
  panel: 'Inclusion panel',
  manager: 'Manager',
  admin: 'Administrator',
};

export function personOf(session: Session): PagePerson {
  return { sub: session.sub, name: session.name, roles: session.roles, areas: session.areas };
}

export function mayOpen(person: PagePerson, roles: readonly Role[]): boolean {
  return person.roles.some((role) => roles.includes(role));
}

export function navigationFor(person: PagePerson): NavItem[] {
  return NAVIGATION.filter((item) => mayOpen(person, item.roles));
}

/** Where `/` sends each role: the caseworker's caseload, the panel's inbox, the managers' and admins' dashboard. */
export function homeOf(person: PagePerson): string {
  if (person.roles.includes('admin') || person.roles.includes('manager')) return '/dashboard';
  if (person.roles.includes('caseworker')) return '/caseload';
  return '/inbox';
}

const HOME_NAMES: Readonly<Record<string, string>> = { '/caseload': 'caseload', '/inbox': 'inbox', '/dashboard': 'dashboard' };

/** "caseload", "inbox" or "dashboard", as in "Go to your caseload". */
export function homeNameOf(person: PagePerson): string {
  return HOME_NAMES[homeOf(person)] ?? 'home page';
}

export function describeAreas(areas: Areas): string {
  return areas === 'all' ? 'all areas' : areas.length === 0 ? 'no areas' : areas.join(', ');
}

/** The inboxes a person reads without typing anything: their own, their areas' panel and managers. */
export function recipientsOf(person: PagePerson): string[] {
  const areas = person.areas === 'all' ? [] : person.areas;
  return [
    ...(person.roles.includes('caseworker') ? [`caseworker:${person.sub}`] : []),
    ...(person.roles.includes('panel') ? areas.map((a) => `panel:${a}`) : []),
    ...(person.roles.includes('manager') ? areas.map((a) => `managers:${a}`) : []),
  ];
}
