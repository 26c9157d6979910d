import type { FoundChildren } from '../children-search/children-search.service';
import type { FieldProblem } from '../http/request-validation.error';
import { html, type SafeHtml } from './html';
import { renderPage } from './layout';
import { mayOpen, type PagePerson } from './person';
import { longDate } from './words';

export const FIND_CHILD_LABEL = 'Name, NHS number, UPN or child ID';

export interface FindChildView {
  /** What was typed, shown back in the box. */
  readonly search: string;
  readonly found?: FoundChildren;
  readonly problems: readonly FieldProblem[];
  /** Whether the rows carry names and dates of birth (caseworkers and admins). */
  readonly showPersonal: boolean;
}

const childrenCounted = (n: number): string => `${n.toLocaleString('en-GB')} ${n === 1 ? 'child' : 'children'}`;
const sentence = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

function linkTo(search: string, page: number, pageSize: number, defaultPageSize: number): string {
  const query = new URLSearchParams({ search });
  if (page > 1) query.set('page', String(page));
  if (pageSize !== defaultPageSize) query.set('pageSize', String(pageSize));
  return `/children?${query.toString()}`;
}

/** The page numbers to show: the first, the last, and those next to the current one, with gaps as `null`. */
function pageNumbers(current: number, last: number): (number | null)[] {
  const wanted = [...new Set([1, current - 1, current, current + 1, last])].filter((n) => n >= 1 && n <= last).sort((a, b) => a - b);
  return wanted.flatMap((n, i) => (i > 0 && n - wanted[i - 1] > 1 ? [null, n] : [n]));
}

const arrow = (direction: 'prev' | 'next'): SafeHtml =>
  direction === 'prev'
    ? html`<svg
        class="govuk-pagination__icon govuk-pagination__icon--prev"
        xmlns="http://www.w3.org/2000/svg"
        height="13"
        width="15"
        aria-hidden="true"
        focusable="false"
        viewBox="0 0 15 13"
      >
        <path d="m6.5938-0.0078125-6.7266 6.7266 6.7441 6.4062 1.377-1.449-4.1856-3.9768h12.896v-2h-12.984l4.2931-4.293-1.414-1.414z"></path>
      </svg>`
    : html`<svg
        class="govuk-pagination__icon govuk-pagination__icon--next"
        xmlns="http://www.w3.org/2000/svg"
        height="13"
        width="15"
        aria-hidden="true"
        focusable="false"
        viewBox="0 0 15 13"
      >
        <path d="m8.107-0.0078125-1.4136 1.414 4.2926 4.293h-12.986v2h12.896l-4.1855 3.9766 1.377 1.4492 6.7441-6.4062-6.7246-6.7266z"></path>
      </svg>`;

/** GOV.UK's pagination component, as plain links (no JavaScript needed). */
function pagination(found: FoundChildren, defaultPageSize: number): SafeHtml {
  const last = Math.ceil(found.total / found.pageSize);
  if (last <= 1) return html``;
  const href = (page: number) => linkTo(found.search, page, found.pageSize, defaultPageSize);
  return html`<nav class="govuk-pagination" aria-label="Pages of children found">
    ${
      found.page > 1
        ? html`<div class="govuk-pagination__prev">
            <a class="govuk-link govuk-pagination__link" href="${href(found.page - 1)}" rel="prev"
              >${arrow('prev')}<span class="govuk-pagination__link-title">Previous<span class="govuk-visually-hidden"> page</span></span></a
            >
          </div>`
        : ''
    }
    <ul class="govuk-pagination__list">
      ${pageNumbers(found.page, last).map((n) =>
        n === null
          ? html`<li class="govuk-pagination__item govuk-pagination__item--ellipses">&ctdot;</li>`
          : n === found.page
            ? html`<li class="govuk-pagination__item govuk-pagination__item--current">
                <a class="govuk-link govuk-pagination__link" href="${href(n)}" aria-label="Page ${String(n)}" aria-current="page">${String(n)}</a>
              </li>`
            : html`<li class="govuk-pagination__item">
                <a class="govuk-link govuk-pagination__link" href="${href(n)}" aria-label="Page ${String(n)}">${String(n)}</a>
              </li>`,
      )}
    </ul>
    ${
      found.page < last
        ? html`<div class="govuk-pagination__next">
            <a class="govuk-link govuk-pagination__link" href="${href(found.page + 1)}" rel="next"
              ><span class="govuk-pagination__link-title">Next<span class="govuk-visually-hidden"> page</span></span
              >${arrow('next')}</a
            >
          </div>`
        : ''
    }
  </nav>`;
}

function errorSummary(problems: readonly FieldProblem[]): SafeHtml {
  if (problems.length === 0) return html``;
  return html`<div class="govuk-error-summary" data-module="govuk-error-summary">
    <div role="alert">
      <h2 class="govuk-error-summary__title">There is a problem</h2>
      <div class="govuk-error-summary__body">
        <ul class="govuk-list govuk-error-summary__list">
          ${problems.map((p) => html`<li><a href="#search">${p.message}</a></li>`)}
        </ul>
      </div>
    </div>
  </div>`;
}

function results(found: FoundChildren, showPersonal: boolean, defaultPageSize: number): SafeHtml {
  if (found.total === 0) {
    return html`<p class="govuk-body" id="no-children">No children match “${found.search}” in your areas.</p>`;
  }
  return html`<table class="govuk-table" id="children-found">
      <caption class="govuk-table__caption govuk-table__caption--m">
        ${childrenCounted(found.total)} found for “${found.search}”
      </caption>
      <thead class="govuk-table__head">
        <tr class="govuk-table__row">
          <th scope="col" class="govuk-table__header">Child</th>
          ${showPersonal ? html`<th scope="col" class="govuk-table__header">Date of birth</th>` : ''}
          <th scope="col" class="govuk-table__header">Area</th>
          <th scope="col" class="govuk-table__header">School</th>
          <th scope="col" class="govuk-table__header">Caseworker</th>
          <th scope="col" class="govuk-table__header">Where the journey stands</th>
        </tr>
      </thead>
      <tbody class="govuk-table__body">
        ${found.items.map(
          (child) =>
            html`<tr class="govuk-table__row">
              <td class="govuk-table__cell">
                <a class="govuk-link" href="/children/${encodeURIComponent(child.childId)}"
                  >${child.name === undefined ? child.childId : child.name === 'erased' ? 'Erased' : child.name}</a
                >
                ${child.name !== undefined ? html`<span class="govuk-hint govuk-!-margin-bottom-0">Child ID ${child.childId}</span>` : ''}
              </td>
              ${
                showPersonal
                  ? html`<td class="govuk-table__cell">
                      ${child.dateOfBirth !== undefined && child.dateOfBirth !== null ? longDate(child.dateOfBirth) : 'Erased'}
                    </td>`
                  : ''
              }
              <td class="govuk-table__cell">${child.area}</td>
              <td class="govuk-table__cell">${child.school ?? 'Not recorded'}</td>
              <td class="govuk-table__cell">${child.caseworker ?? 'Not assigned'}</td>
              <td class="govuk-table__cell">${child.currentStages.length > 0 ? child.currentStages.map(sentence).join('; ') : 'Registered'}</td>
            </tr>`,
        )}
      </tbody>
    </table>
    ${pagination(found, defaultPageSize)}`;
}

/**
 * Find a child: one box for a name, NHS number, UPN or child ID (a plain GET form, so it works without JavaScript),
 * the children found in the person's areas as a table linking to each child's page, and pages of them.
 */
export function renderFindChild(person: PagePerson, csrfToken: string, view: FindChildView, defaultPageSize: number): string {
  const error = view.problems.length > 0 ? view.problems[0].message : undefined;
  return renderPage({
    title: error !== undefined ? 'Error: Find a child' : 'Find a child',
    path: '/children',
    person,
    csrfToken,
    main: html`${errorSummary(view.problems)}
      <h1 class="govuk-heading-l">Find a child</h1>
      <form method="get" action="/children" novalidate>
        <div class="govuk-form-group${error !== undefined ? ' govuk-form-group--error' : ''}">
          <label class="govuk-label govuk-label--s" for="search">${FIND_CHILD_LABEL}</label>
          <div class="govuk-hint" id="search-hint">
            Any of the child's names, in any order; an NHS number with or without spaces. Only children in your areas are found.
          </div>
          ${error !== undefined ? html`<p class="govuk-error-message" id="search-error"><span class="govuk-visually-hidden">Error:</span> ${error}</p>` : ''}
          <input
            class="govuk-input govuk-!-width-two-thirds${error !== undefined ? ' govuk-input--error' : ''}"
            id="search"
            name="search"
            type="search"
            spellcheck="false"
            autocomplete="off"
            aria-describedby="search-hint${error !== undefined ? ' search-error' : ''}"
            value="${view.search}"
          />
        </div>
        <button type="submit" class="govuk-button" data-module="govuk-button">Search</button>
      </form>
      ${view.found !== undefined ? results(view.found, view.showPersonal, defaultPageSize) : ''}
      ${
        mayOpen(person, ['caseworker', 'admin'])
          ? html`<p class="govuk-body" id="register-child">Not on the list? <a class="govuk-link" href="/children/new">Register a new child</a>.</p>`
          : ''
      }`,
  });
}
