import type { LocalDate } from '@sj/domain';

/** Who an alert is for: an area's Area Inclusion Discussion panel, an area's managers, or one caseworker. */
export type Recipient = `panel:${string}` | `managers:${string}` | `caseworker:${string}`;

export const RECIPIENT_PATTERN = /^(panel|managers|caseworker):[A-Za-z0-9 ._@'-]{1,100}$/;

export function isRecipient(value: unknown): value is Recipient {
  return typeof value === 'string' && RECIPIENT_PATTERN.test(value);
}

export type AlertRule =
  | 'area-inclusion-discussion'
  | 'permanent-exclusion'
  | 'term-suspension-days'
  | 'year-suspension-days'
  | 'sixth-day-provision'
  | 'clock-due-soon'
  | 'clock-breached';

/** Facts only: ids, dates, counts. Never a name, date of birth, NHS number, school or free text. */
export type AlertFacts = Readonly<Record<string, string | number | boolean | readonly string[]>>;

/**
 * A decision to alert, as data. `alertId` is derived from rule + child + period, so storing it
 * under a primary key makes "once per child per period" hold across replays, restarts and rebuilds.
 */
export interface AlertDecision {
  readonly alertId: string;
  readonly rule: AlertRule;
  readonly childId: string;
  readonly area: string;
  readonly recipients: readonly Recipient[];
  /** The period the alert is about: a school year `2024`, a term `2024:autumn`, a date. */
  readonly period: string;
  readonly facts: AlertFacts;
}

/**
 * What happened to an alert when an event was recorded (`causedBy`: its event id, or the sweep):
 * raised (for the first time, or reopened after a withdrawal: the same id), or withdrawn because
 * what called for it stopped holding.
 */
export type AlertChange =
  | { readonly kind: 'raised'; readonly causedBy: string; readonly decision: AlertDecision }
  | { readonly kind: 'withdrawn'; readonly causedBy: string; readonly alertId: string; readonly reason: string };

/** The child's journey page, the only link an alert carries. */
export function journeyLink(childId: string): string {
  return `/children/${encodeURIComponent(childId)}/journey`;
}

export type { LocalDate };
