import type { Recipient } from '../rules/alert-decision';
import type { StoredAlert } from '../store/alert-rows';

/** What leaves the system about an alert: ids, dates, counts and a link path; never personal data. */
export interface AlertMessage {
  readonly alertId: string;
  readonly rule: string;
  readonly childId: string;
  readonly area: string;
  readonly period: string;
  readonly recipient: Recipient;
  readonly facts: StoredAlert['facts'];
  readonly link: string;
  readonly raisedAt: string;
}

export function alertMessage(alert: StoredAlert, recipient: Recipient): AlertMessage {
  return {
    alertId: alert.alertId,
    rule: alert.rule,
    childId: alert.childId,
    area: alert.area,
    period: alert.period,
    recipient,
    facts: alert.facts,
    link: alert.link,
    raisedAt: alert.createdAt,
  };
}

const TITLES: Record<string, string> = {
  'area-inclusion-discussion': 'Area Inclusion Discussion needed (suspension trigger reached)',
  'permanent-exclusion': 'Permanent exclusion recorded',
  'term-suspension-days': "A term's suspensions exceed 15 school days",
  'year-suspension-days': "A school year's suspensions exceed 45 school days",
  'clock-due-soon': 'A statutory or standard clock is due soon',
  'clock-breached': 'A statutory or standard clock is breached',
};

export function alertTitle(rule: string): string {
  return TITLES[rule] ?? rule;
}

/** The plain-text email body: the same facts as the webhook, and the link to the journey. */
export function alertText(message: AlertMessage): string {
  const facts = Object.entries(message.facts).map(([k, v]) => `  ${k}: ${Array.isArray(v) ? v.join(', ') : String(v)}`);
  return [
    alertTitle(message.rule),
    '',
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
