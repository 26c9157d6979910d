/** What a signed-in person may be (docs/security.md "Roles and areas"). */
export const ROLES = ['caseworker', 'panel', 'manager', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** Area names: the same shape the bearer tokens' `areas` claim accepts. */
export const AREA_NAME = /^[A-Za-z0-9 ._-]{1,100}$/;
/** Who someone is (`sub`): plain identifiers only, since it is written into the log as `recordedBy`. */
export const SUBJECT = /^[A-Za-z0-9 ._@:'|-]{1,100}$/;

/** The areas whose children someone may see; `all` only for admins. */
export type Areas = readonly string[] | 'all';
