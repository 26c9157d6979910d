import type { NextStep } from '@sj/domain';
import { html, type SafeHtml } from '../html';
import { formOf } from './event-forms';
import { eventWords } from './event-words';

const path = (childId: string, ...parts: string[]) => `/children/${encodeURIComponent(childId)}/${parts.map(encodeURIComponent).join('/')}`;

/** The form that records a step for a child. */
export const recordPath = (childId: string, type: string): string => path(childId, 'record', type);

/** The page that voids one entry of a child's history. */
export const voidPath = (childId: string, eventId: string): string => path(childId, 'void', eventId);

/**
 * "Record the next step" on the child's page: only the steps the order rules allow now (the next-steps answer
 * of docs/domain-rules.md §3), each a link to its form, and "Change details". Shown only to those who may record.
 */
export function renderRecordNextStep(childId: string, steps: readonly NextStep[], mayRecord: boolean): SafeHtml {
  if (!mayRecord) return html``;
  const offered = steps.filter((s) => s.type !== 'ChildDetailsChanged' && formOf(s.type) !== undefined);
  return html`<h2 class="govuk-heading-m" id="record-next-step-heading">Record the next step</h2>
    ${
      offered.length === 0
        ? html`<p class="govuk-body" id="next-steps-empty">The order rules allow no step for this child today.</p>`
        : html`<ul class="govuk-list govuk-list--bullet" id="next-steps" aria-labelledby="record-next-step-heading">
            ${offered.map((s) => stepLink(childId, s))}
          </ul>`
    }
    <p class="govuk-body">
      <a class="govuk-link" href="${recordPath(childId, 'ChildDetailsChanged')}" id="change-details">Change details</a>
      (school, area, caseworker, sex, ethnicity, postcode, special educational needs). To correct a mistake, void the entry in the history.
    </p>`;
}

/** A step as a link to its form, with the ids it may be recorded for (e.g. "(for asd-1)"). */
function stepLink(childId: string, step: NextStep): SafeHtml {
  const link = html`<a class="govuk-link" href="${recordPath(childId, step.type)}">${eventWords(step.type)}</a>`;
  return html`<li>${link}${step.for !== undefined ? ` (for ${step.for.ids.join(', ')})` : ''}</li>`;
}

/** The history's "Void" link for an entry, for those who may record (registrations and voids cannot be voided). */
export function voidLink(
  childId: string,
  entry: { readonly eventId: string; readonly type: string; readonly voided: boolean },
  mayRecord: boolean,
): SafeHtml {
  if (!mayRecord || entry.voided || entry.type === 'ChildRegistered' || entry.type === 'EventVoided') return html``;
  return html` <a class="govuk-link" href="${voidPath(childId, entry.eventId)}">Void<span class="govuk-visually-hidden"> this entry</span></a>`;
}

/**
 * The success banner on the child's page after a form recorded something (`?recorded=<type>`); nothing for
 * any other value, so the URL can never put words of its own on the page.
 */
export function recordedBanner(recorded: unknown): SafeHtml {
  if (typeof recorded !== 'string') return html``;
  const text = recorded === 'EventVoided' ? 'Entry voided' : formOf(recorded)?.done;
  if (text === undefined) return html``;
  return html`<div
    class="govuk-notification-banner govuk-notification-banner--success"
    role="alert"
    aria-labelledby="recorded-banner-title"
    data-module="govuk-notification-banner"
    id="recorded-banner"
  >
    <div class="govuk-notification-banner__header">
      <h2 class="govuk-notification-banner__title" id="recorded-banner-title">Success</h2>
    </div>
    <div class="govuk-notification-banner__content">
      <p class="govuk-notification-banner__heading">${text}</p>
    </div>
  </div>`;
}
