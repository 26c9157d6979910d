import type { Recipient } from '../rules/alert-decision';
import type { AlertNotice, NoticeKind, StoredAlert } from '../store/alert-store.port';

/**
 * What leaves the system about an alert: ids, dates, counts and a link path; never personal data.
 * `notice` says whether it is raised (`episode` 1) or reopened (2 and on), or withdrawn, and why.
 */
export interface AlertMessage {
  readonly alertId: string;
  readonly rule: string;
  readonly notice: NoticeKind;
  readonly episode: number;
  readonly childId: string;
  readonly area: string;
  readonly period: string;
  readonly recipient: Recipient;
  readonly facts: StoredAlert['facts'];
  readonly link: string;
  /** When the alert was first raised. */
  readonly raisedAt: string;
  /** For a withdrawal: when and why. */
  readonly withdrawnAt?: string;
  readonly withdrawnReason?: string;
}

export function alertMessage(alert: StoredAlert, notice: AlertNotice, recipient: Recipient): AlertMessage {
  return {
    alertId: alert.alertId,
    rule: alert.rule,
    notice: notice.notice,
    episode: notice.episode,
    childId: alert.childId,
    area: notice.area,
    period: alert.period,
    recipient,
    facts: notice.facts,
    link: alert.link,
    raisedAt: alert.createdAt,
    ...(notice.notice === 'withdrawn' ? { withdrawnAt: notice.createdAt, withdrawnReason: notice.reason ?? '' } : {}),
  };
}

const TITLES: Record<string, string> = {
  'area-inclusion-discussion': 'Area Inclusion Discussion needed (suspension trigger reached)',
  'permanent-exclusion': 'Permanent exclusion recorded',
  'term-suspension-days': "A term's suspensions exceed 15 school days",
  'year-suspension-days': "A school year's suspensions exceed 45 school days",
  'sixth-day-provision': 'Full-time education needed from the sixth school day',
  'clock-due-soon': 'A statutory or standard clock is due soon',
  'clock-breached': 'A statutory or standard clock is breached',
};

export function alertTitle(rule: string): string {
  return TITLES[rule] ?? rule;
}

/** The subject line's words: a withdrawal and a reopening say so before the title. */
export function noticeTitle(message: Pick<AlertMessage, 'rule' | 'notice' | 'episode'>): string {
  if (message.notice === 'withdrawn') return `Withdrawn: ${alertTitle(message.rule)}`;
  return message.episode > 1 ? `Raised again: ${alertTitle(message.rule)}` : alertTitle(message.rule);
}

/** The plain-text email body: the same facts as the webhook, and the link to the journey. */
export function alertText(message: AlertMessage): string {
  const facts = Object.entries(message.facts).map(([k, v]) => `  ${k}: ${Array.isArray(v) ? v.join(', ') : String(v)}`);
  return [
    noticeTitle(message),
    '',
    ...(message.withdrawnReason !== undefined ? [`Withdrawn because: ${message.withdrawnReason}`, ''] : []),
    `Alert: ${message.alertId}`,
    `Child: ${message.childId}`,
    `Area: ${message.area}`,
    `Period: ${message.period}`,
    'Facts:',
    ...facts,
    '',
    `Open the journey: ${message.link}`,
    '',
  ].join('\n');
}
