import type { NextStep } from '@sj/domain';
import type { JourneyResponse } from '../journey/journey-response';
import { html, type SafeHtml } from './html';
import { renderPage } from './layout';
import type { PagePerson } from './person';
import { CLOCK_WORDS, EVENT_WORDS, longDate, STATUS_TAGS } from './words';

const tag = (status: string): SafeHtml => {
  const t = STATUS_TAGS[status] ?? { text: status, colour: 'govuk-tag--grey' };
  return html`<strong class="govuk-tag ${t.colour}">${t.text}</strong>`;
};

/** An entry's type in words (the history may hold a type this release no longer records: shown as it was stored). */
const wordsFor = (type: string): string => (EVENT_WORDS as Readonly<Record<string, string | undefined>>)[type] ?? type;

const nameOf = (child: NonNullable<JourneyResponse['child']>): string | null =>
  child.erased || child.givenName === null ? null : `${child.givenName} ${child.familyName ?? ''}`.trim();

function who(journey: JourneyResponse, showPersonal: boolean): SafeHtml {
  const child = journey.child;
  const row = (key: string, value: string) =>
    html`<div class="govuk-summary-list__row">
      <dt class="govuk-summary-list__key">${key}</dt>
      <dd class="govuk-summary-list__value">${value}</dd>
    </div>`;
  return html`<dl class="govuk-summary-list" id="child-details">
    ${row('Child id', journey.childId)}
    ${
      showPersonal && child !== null
        ? [row('Name', nameOf(child) ?? 'Erased'), row('Date of birth', child.dateOfBirth !== null ? longDate(child.dateOfBirth) : 'Erased')]
        : ''
    }
    ${row('Area', child?.area ?? 'Not recorded')} ${row('School', child?.school ?? 'Not recorded')}
    ${row('Caseworker', child?.caseworker ?? 'Not recorded')}
  </dl>`;
}

/**
 * The child's page a caseworker works from, rendered on the server: who the child is (name and date of birth only
 * for caseworkers and administrators), every clock with its due date and status, what the order rules allow next
 * (docs/domain-rules.md §3, from the domain's own answer) and the history of entries with who recorded each.
 */
export function renderChild(
  person: PagePerson,
  csrfToken: string,
  journey: JourneyResponse,
  steps: readonly NextStep[],
  showPersonal: boolean,
): string {
  const child = journey.child;
  const name = showPersonal && child !== null ? nameOf(child) : null;
  const heading = name ?? `Child ${journey.childId}`;
  return renderPage({
    title: heading,
    path: '/caseload',
    person,
    csrfToken,
    main: html`<h1 class="govuk-heading-l">${heading}</h1>
      <p class="govuk-body">As of ${longDate(journey.asOf)}.</p>
      ${who(journey, showPersonal)}
      <h2 class="govuk-heading-m">Clocks</h2>
      ${
        journey.clocks.length === 0
          ? html`<p class="govuk-body" id="clocks-empty">No clock has started.</p>`
          : html`<table class="govuk-table" id="clocks-table">
              <caption class="govuk-table__caption govuk-visually-hidden">
                Every clock of this child
              </caption>
              <thead class="govuk-table__head">
                <tr class="govuk-table__row">
                  <th scope="col" class="govuk-table__header">Clock</th>
                  <th scope="col" class="govuk-table__header">Started</th>
                  <th scope="col" class="govuk-table__header">Due</th>
                  <th scope="col" class="govuk-table__header">Status</th>
                </tr>
              </thead>
              <tbody class="govuk-table__body">
                ${journey.clocks.map(
                  (c) =>
                    html`<tr class="govuk-table__row">
                      <td class="govuk-table__cell">${CLOCK_WORDS[c.clock]}</td>
                      <td class="govuk-table__cell">${longDate(c.startedOn)}</td>
                      <td class="govuk-table__cell">${c.dueOn !== null ? longDate(c.dueOn) : 'No due date'}</td>
                      <td class="govuk-table__cell">${tag(c.status)}</td>
                    </tr>`,
                )}
              </tbody>
            </table>`
      }
      <h2 class="govuk-heading-m">What can be recorded next</h2>
      <ul class="govuk-list govuk-list--bullet" id="next-steps">
        ${steps.map((s) => html`<li>${EVENT_WORDS[s.type]}${s.for !== undefined ? ` (for ${s.for.ids.join(', ')})` : ''}</li>`)}
      </ul>
      <h2 class="govuk-heading-m">History</h2>
      <table class="govuk-table" id="history-table">
        <caption class="govuk-table__caption govuk-visually-hidden">
          Every entry recorded for this child, oldest first
        </caption>
        <thead class="govuk-table__head">
          <tr class="govuk-table__row">
            <th scope="col" class="govuk-table__header">Date</th>
            <th scope="col" class="govuk-table__header">What happened</th>
            <th scope="col" class="govuk-table__header">Recorded by</th>
          </tr>
        </thead>
        <tbody class="govuk-table__body">
          ${journey.events.map(
            (e) =>
              html`<tr class="govuk-table__row">
                <td class="govuk-table__cell">${longDate(e.occurredOn)}</td>
                <td class="govuk-table__cell">
                  ${wordsFor(e.type)}${e.voided ? html` <strong class="govuk-tag govuk-tag--grey">Voided</strong> ${e.voidReason ?? ''}` : ''}
                </td>
                <td class="govuk-table__cell">${e.recordedBy}</td>
              </tr>`,
          )}
        </tbody>
      </table>`,
  });
}
