import type { Areas } from '@sj/identity';
import { html, type SafeHtml } from '../html';
import { renderPage } from '../layout';
import type { PagePerson } from '../person';
import { longDate } from '../words';
import type { EventForm, FormField } from './event-forms';
import { dateOf, inputIdOf, inputsOf, questionsOf, type FieldError, type FormValues } from './form-values';

/** A choice offered for a question whose answer is something already recorded (e.g. which referral). */
export interface KeyOption {
  readonly value: string;
  readonly text: string;
}

/** What every page about one child's form knows. */
export interface FormPage {
  readonly person: PagePerson;
  readonly csrfToken: string;
  /** Where the form posts, and where "Back" and "Cancel" go. */
  readonly action: string;
  readonly back: string;
  /** The child's name (or id) above the heading. */
  readonly caption: string;
  readonly form: EventForm;
  readonly values: FormValues;
  readonly errors: readonly FieldError[];
  /** For each question asked as a choice among recorded things, what may be chosen. */
  readonly keyOptions: Readonly<Record<string, readonly KeyOption[]>>;
  readonly areas: Areas;
  /** The id of an input to focus (after "Change" on the check-your-answers page). */
  readonly focus?: string;
  /** Today, for the date inputs' hint. */
  readonly today: string;
  /** Questions asked before the event's own (the child's id on the registration form). */
  readonly extra?: readonly FormField[];
}

const STYLESHEET = html`<link rel="stylesheet" href="/assets/css/record-forms.css" />`;

/** The GOV.UK error summary; GOV.UK Frontend moves focus to it when the page loads. */
export function errorSummary(errors: readonly FieldError[]): SafeHtml {
  if (errors.length === 0) return html``;
  return html`<div class="govuk-error-summary" data-module="govuk-error-summary" id="error-summary">
    <div role="alert">
      <h2 class="govuk-error-summary__title">There is a problem</h2>
      <div class="govuk-error-summary__body">
        <ul class="govuk-list govuk-error-summary__list">
          ${errors.map((e) => html`<li><a href="${e.href}">${e.text}</a></li>`)}
        </ul>
      </div>
    </div>
  </div>`;
}

const hidden = (name: string, value: string | undefined): SafeHtml =>
  value === undefined ? html`` : html`<input type="hidden" name="${name}" value="${value}" />`;

function exampleDate(today: string): string {
  const [year = '', month = '', day = ''] = today.split('-');
  return `For example, ${String(Number(day))} ${String(Number(month))} ${year}`;
}

/** One question in the GOV.UK component for its kind, with its hint and error (if any). */
/** A form's one button (pressing it twice sends once) and the way back without recording. */
function buttonAndCancel(
  button: { readonly id: string; readonly text: string; readonly step?: string; readonly warning?: boolean },
  back: string,
): SafeHtml {
  return html`<div class="govuk-button-group">
    <button
      type="submit"
      ${button.step !== undefined ? html`name="step" value="${button.step}"` : html``}
      class="govuk-button${button.warning === true ? ' govuk-button--warning' : ''}"
      data-module="govuk-button"
      data-prevent-double-click="true"
      id="${button.id}"
    >
      ${button.text}
    </button>
    <a class="govuk-link" href="${back}">Cancel</a>
  </div>`;
}

function question(field: FormField, page: FormPage, error: FieldError | undefined): SafeHtml {
  const { values } = page;
  const id = field.name;
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const hintText = field.ask.kind === 'date' ? [field.hint, exampleDate(page.today)].filter((t) => t !== undefined).join(' ') : field.hint;
  const hint = hintText !== undefined ? html`<div id="${hintId}" class="govuk-hint">${hintText}</div>` : html``;
  const describedBy = [hintText !== undefined ? hintId : '', error ? errorId : ''].filter((s) => s !== '').join(' ');
  const describedByAttr = describedBy !== '' ? html` aria-describedby="${describedBy}"` : html``;
  const message = error
    ? html`<p id="${errorId}" class="govuk-error-message"><span class="govuk-visually-hidden">Error:</span> ${error.text}</p>`
    : html``;
  const group = (inner: SafeHtml) => html`<div class="govuk-form-group${error ? ' govuk-form-group--error' : ''}">${inner}</div>`;
  const autofocus = (inputId: string) => (page.focus === inputId ? html` autofocus` : html``);
  const value = values[id] ?? '';
  const legend = html`<legend class="govuk-fieldset__legend govuk-fieldset__legend--s">${field.label}</legend>`;
  // back from "Change", the answer given is focused (the first radio when there is none), so arrow keys move from it
  const radioList = (options: readonly KeyOption[], current: string) =>
    html`<div class="govuk-radios" data-module="govuk-radios">
      ${options.map((o, i) => {
        const inputId = i === 0 ? id : `${id}-${String(i + 1)}`;
        const focused = page.focus === id && (options.some((c) => c.value === current) ? o.value === current : i === 0);
        return html`<div class="govuk-radios__item">
          <input
            class="govuk-radios__input"
            id="${inputId}"
            name="${id}"
            type="radio"
            value="${o.value}"
            ${o.value === current ? html` checked` : html``}${focused ? html` autofocus` : html``}
          />
          <label class="govuk-label govuk-radios__label" for="${inputId}">${o.text}</label>
        </div>`;
      })}
    </div>`;
  const selectList = (options: readonly KeyOption[], current: string, inputId: string, label: SafeHtml, empty: string) =>
    html`${label}${inputId === inputIdOf(field) ? html`${hint}${message}` : html``}
      <select
        class="govuk-select${error ? ' govuk-select--error' : ''}"
        id="${inputId}"
        name="${inputId}"
        ${inputId === inputIdOf(field) ? describedByAttr : html``}${autofocus(inputId)}
      >
        <option value="">${empty}</option>
        ${options.map((o) => html`<option value="${o.value}" ${o.value === current ? html` selected` : html``}>${o.text}</option>`)}
      </select>`;
  const textInput = (width: number, extra: SafeHtml = html``) =>
    group(
      html`<label class="govuk-label govuk-label--s" for="${id}">${field.label}</label>${hint}${message}
        <input
          class="govuk-input govuk-input--width-${String(width)}${error ? ' govuk-input--error' : ''}"
          id="${id}"
          name="${id}"
          type="text"
          value="${value}"
          ${describedByAttr}${extra}${autofocus(id)}
        />`,
    );
  const options = (words: Readonly<Record<string, string>>, current: string): KeyOption[] => {
    const listed = Object.entries(words).map(([v, text]) => ({ value: v, text }));
    return current !== '' && !(current in words) ? [...listed, { value: current, text: current }] : listed;
  };

  switch (field.ask.kind) {
    case 'date':
      return group(
        html`<fieldset class="govuk-fieldset" role="group" ${describedByAttr}>
          ${legend}${hint}${message}
          <div class="govuk-date-input" id="${id}">
            ${(['day', 'month', 'year'] as const).map((part) => {
              const inputId = `${id}-${part}`;
              const width = part === 'year' ? 4 : 2;
              return html`<div class="govuk-date-input__item">
                <div class="govuk-form-group">
                  <label class="govuk-label govuk-date-input__label" for="${inputId}">${part.charAt(0).toUpperCase() + part.slice(1)}</label>
                  <input
                    class="govuk-input govuk-date-input__input govuk-input--width-${String(width)}${error ? ' govuk-input--error' : ''}"
                    id="${inputId}"
                    name="${inputId}"
                    type="text"
                    inputmode="numeric"
                    value="${values[inputId] ?? ''}"
                    ${autofocus(inputId)}
                  />
                </div>
              </div>`;
            })}
          </div>
        </fieldset>`,
      );
    case 'text':
      return textInput(field.ask.width ?? 20, field.ask.spellcheck === false ? html` spellcheck="false"` : html``);
    case 'new-id':
      return textInput(10, html` spellcheck="false"`);
    case 'number':
      return textInput(4, html` inputmode="decimal"`);
    case 'reason':
      return group(
        html`<label class="govuk-label govuk-label--s" for="${id}">${field.label}</label>${hint}${message}
          <textarea
            class="govuk-textarea${error ? ' govuk-textarea--error' : ''}"
            id="${id}"
            name="${id}"
            rows="3"
            ${describedByAttr}${autofocus(id)}
          >
${value}</textarea>`,
      );
    case 'choice':
      if (field.ask.style === 'select')
        return group(
          selectList(
            options(field.ask.options, value),
            value,
            id,
            html`<label class="govuk-label govuk-label--s" for="${id}">${field.label}</label>`,
            'Choose one',
          ),
        );
      return group(
        html`<fieldset class="govuk-fieldset" ${describedByAttr}>
          ${legend}${hint}${message}${radioList(options(field.ask.options, value), value)}
        </fieldset>`,
      );
    case 'yes-no':
      return group(
        html`<fieldset class="govuk-fieldset" ${describedByAttr}>
          ${legend}${hint}${message}
          ${radioList(
            [
              { value: 'yes', text: 'Yes' },
              { value: 'no', text: 'No' },
            ],
            value,
          )}
        </fieldset>`,
      );
    case 'key': {
      const offered = page.keyOptions[id] ?? [];
      // nothing of the kind can take this step now: asked as text, so recording explains what is missing
      if (offered.length === 0) return textInput(20, html` spellcheck="false"`);
      const current = value !== '' ? value : offered.length === 1 ? (offered[0]?.value ?? '') : '';
      return group(html`<fieldset class="govuk-fieldset" ${describedByAttr}>${legend}${hint}${message}${radioList(offered, current)}</fieldset>`);
    }
    case 'area': {
      if (page.areas === 'all') return textInput(20);
      const current = value;
      const listed = page.areas.map((a) => ({ value: a, text: a }));
      return group(
        selectList(
          current !== '' && !page.areas.includes(current) ? [...listed, { value: current, text: current }] : listed,
          current,
          id,
          html`<label class="govuk-label govuk-label--s" for="${id}">${field.label}</label>`,
          field.optional === true ? 'No change' : 'Choose an area',
        ),
      );
    }
    case 'ranked': {
      const ask = field.ask;
      return group(
        html`<fieldset class="govuk-fieldset" ${describedByAttr}>
          ${legend}${hint}${message}
          ${inputsOf(field).map((inputId, i) => {
            const current = values[inputId] ?? '';
            return html`<div class="govuk-form-group">
              <label class="govuk-label" for="${inputId}">${ask.ranks[i] ?? ''}</label>
              <select class="govuk-select${error ? ' govuk-select--error' : ''}" id="${inputId}" name="${inputId}" ${autofocus(inputId)}>
                <option value="">None</option>
                ${options(ask.options, current).map((o) => html`<option value="${o.value}" ${o.value === current ? html` selected` : html``}>${o.text}</option>`)}
              </select>
            </div>`;
          })}
        </fieldset>`,
      );
    }
  }
}

function caption(text: string): SafeHtml {
  return html`<span class="govuk-caption-l">${text}</span>`;
}

/** The form for one event: every question of the event, errors against their fields, and the carried event id. */
export function renderEventForm(page: FormPage): string {
  const { form, values, errors } = page;
  const questions = [...(page.extra ?? []), ...questionsOf(form)];
  const title = `${errors.length > 0 ? 'Error: ' : ''}${form.title}`;
  return renderPage({
    title,
    person: page.person,
    csrfToken: page.csrfToken,
    head: STYLESHEET,
    main: html`<div class="govuk-grid-row">
      <div class="govuk-grid-column-two-thirds">
        <a href="${page.back}" class="govuk-back-link">Back</a>
        ${errorSummary(errors)} ${caption(page.caption)}
        <h1 class="govuk-heading-l">${form.title}</h1>
        <form method="post" action="${page.action}" novalidate id="record-form">
          ${hidden('csrfToken', page.csrfToken)} ${hidden('eventId', values.eventId)}
          ${questions.map((q) =>
            question(
              q,
              page,
              errors.find((e) => e.field === q.name),
            ),
          )}
          ${buttonAndCancel({ id: 'continue', text: 'Continue', step: 'check' }, page.back)}
        </form>
      </div>
    </div>`,
  });
}

/** An answer as the check-your-answers page shows it: in words, dates as "12 March 2026". */
export function answerInWords(field: FormField, values: FormValues, keyOptions: readonly KeyOption[] = []): string {
  const { ask } = field;
  if (ask.kind === 'date') {
    const date = dateOf(values, field.name);
    return date === undefined ? 'Not given' : longDate(date);
  }
  if (ask.kind === 'ranked') {
    const chosen = inputsOf(field)
      .map((name) => values[name] ?? '')
      .filter((v) => v !== '');
    return chosen.length === 0 ? 'Not given' : chosen.map((v, i) => `${ask.ranks[i] ?? ''}: ${ask.options[v] ?? v}`).join('; ');
  }
  const value = (values[field.name] ?? '').trim();
  if (value === '') return 'Not given';
  if (ask.kind === 'choice') return ask.options[value] ?? value;
  if (ask.kind === 'yes-no') return value === 'yes' ? 'Yes' : value === 'no' ? 'No' : value;
  if (ask.kind === 'key') return keyOptions.find((o) => o.value === value)?.text ?? value;
  return value;
}

/**
 * Check your answers: each answer in words with a "Change" button that returns to the form at that question
 * (the answers travel in the form, never in a URL: a registration carries a child's name and NHS number).
 */
export function renderCheckAnswers(page: FormPage): string {
  const { form, values } = page;
  const questions = [...(page.extra ?? []), ...questionsOf(form)];
  const carried = questions.flatMap(inputsOf);
  return renderPage({
    title: `Check your answers: ${form.title}`,
    person: page.person,
    csrfToken: page.csrfToken,
    head: STYLESHEET,
    main: html`<div class="govuk-grid-row">
      <div class="govuk-grid-column-two-thirds">
        ${caption(page.caption)}
        <h1 class="govuk-heading-l">Check your answers before recording</h1>
        <form method="post" action="${page.action}" novalidate id="check-answers">
          ${hidden('csrfToken', page.csrfToken)} ${hidden('eventId', values.eventId)} ${carried.map((name) => hidden(name, values[name] ?? ''))}
          <h2 class="govuk-heading-m">${form.title}</h2>
          <dl class="govuk-summary-list" id="answers">
            ${questions.map(
              (q) =>
                html`<div class="govuk-summary-list__row">
                  <dt class="govuk-summary-list__key">${q.label.replace(/ \(optional\)$/, '')}</dt>
                  <dd class="govuk-summary-list__value">${answerInWords(q, values, page.keyOptions[q.name])}</dd>
                  <dd class="govuk-summary-list__actions">
                    <button type="submit" name="change" value="${q.name}" class="govuk-link app-link-button" formnovalidate>
                      Change<span class="govuk-visually-hidden"> ${q.label.replace(/\?$/, '').toLowerCase()}</span>
                    </button>
                  </dd>
                </div>`,
            )}
          </dl>
          ${buttonAndCancel({ id: 'record', text: 'Record', step: 'record' }, page.back)}
        </form>
      </div>
    </div>`,
  });
}

/** One thing voiding an entry would change, as the void page lists it. */
export interface VoidChange {
  readonly what: string;
  readonly now: string;
  readonly after: string;
}

export interface VoidPage {
  readonly person: PagePerson;
  readonly csrfToken: string;
  readonly action: string;
  readonly back: string;
  readonly caption: string;
  /** The entry in words: its type, date, who recorded it, and its answers. */
  readonly entry: readonly { readonly key: string; readonly value: string }[];
  readonly changes: readonly VoidChange[];
  readonly voidEventId: string;
  readonly reason: string;
  readonly errors: readonly FieldError[];
}

/** The void page: the entry in words, what voiding it would undo, and the reason (required). */
export function renderVoidPage(page: VoidPage): string {
  const error = page.errors.find((e) => e.field === 'reason');
  return renderPage({
    title: `${page.errors.length > 0 ? 'Error: ' : ''}Void an entry`,
    person: page.person,
    csrfToken: page.csrfToken,
    head: STYLESHEET,
    main: html`<div class="govuk-grid-row">
      <div class="govuk-grid-column-two-thirds">
        <a href="${page.back}" class="govuk-back-link">Back</a>
        ${errorSummary(page.errors)} ${caption(page.caption)}
        <h1 class="govuk-heading-l">Void an entry</h1>
        <p class="govuk-body">
          Voiding says the entry was a mistake: it stays in the history, marked as voided with your reason, and every clock and count is worked out
          again without it.
        </p>
        <h2 class="govuk-heading-m">The entry</h2>
        <dl class="govuk-summary-list" id="void-entry">
          ${page.entry.map(
            (row) =>
              html`<div class="govuk-summary-list__row">
                <dt class="govuk-summary-list__key">${row.key}</dt>
                <dd class="govuk-summary-list__value">${row.value}</dd>
              </div>`,
          )}
        </dl>
        <h2 class="govuk-heading-m">What voiding it will change</h2>
        ${
          page.changes.length === 0
            ? html`<p class="govuk-body" id="void-no-changes">No clock, stage or count changes: the entry is removed from the journey only.</p>`
            : html`<table class="govuk-table" id="void-changes">
                <caption class="govuk-table__caption govuk-table__caption--s">
                  Today, and once the entry is voided
                </caption>
                <thead class="govuk-table__head">
                  <tr class="govuk-table__row">
                    <th scope="col" class="govuk-table__header">What</th>
                    <th scope="col" class="govuk-table__header">Now</th>
                    <th scope="col" class="govuk-table__header">After voiding</th>
                  </tr>
                </thead>
                <tbody class="govuk-table__body">
                  ${page.changes.map(
                    (c) =>
                      html`<tr class="govuk-table__row">
                        <th scope="row" class="govuk-table__header">${c.what}</th>
                        <td class="govuk-table__cell">${c.now}</td>
                        <td class="govuk-table__cell">${c.after}</td>
                      </tr>`,
                  )}
                </tbody>
              </table>`
        }
        <form method="post" action="${page.action}" novalidate id="void-form">
          ${hidden('csrfToken', page.csrfToken)} ${hidden('voidEventId', page.voidEventId)}
          <div class="govuk-form-group${error ? ' govuk-form-group--error' : ''}">
            <label class="govuk-label govuk-label--s" for="reason">Why is this entry being voided?</label>
            <div id="reason-hint" class="govuk-hint">For example, "recorded for the wrong child" or "wrong date: recorded again".</div>
            ${error ? html`<p id="reason-error" class="govuk-error-message"><span class="govuk-visually-hidden">Error:</span> ${error.text}</p>` : html``}
            <textarea
              class="govuk-textarea${error ? ' govuk-textarea--error' : ''}"
              id="reason"
              name="reason"
              rows="3"
              aria-describedby="reason-hint${error ? ' reason-error' : ''}"
            >
${page.reason}</textarea>
          </div>
          ${buttonAndCancel({ id: 'void', text: 'Void this entry', warning: true }, page.back)}
        </form>
      </div>
    </div>`,
  });
}

/** A page that says why nothing can be done here, with the way back. */
export function renderNotPossible(person: PagePerson, csrfToken: string, title: string, text: string, back: string, status = 'not-possible'): string {
  return renderPage({
    title,
    person,
    csrfToken,
    main: html`<h1 class="govuk-heading-l">${title}</h1>
      <p class="govuk-body" id="${status}">${text}</p>
      <a class="govuk-link" href="${back}">Go back</a>`,
  });
}
