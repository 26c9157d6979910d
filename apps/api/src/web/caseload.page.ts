import { CLOCK_NAMES } from '@sj/domain';
import type { FieldProblem } from '../http/request-validation.error';
import { CASELOAD_PAGE_SIZE, type Caseload, type CaseloadParams } from './caseload';
import { html, type SafeHtml } from './html';
import { renderPage } from './layout';
import type { PagePerson } from './person';
import { CLOCK_WORDS, counted, longDate, STATUS_TAGS } from './words';

/** What the page names rather than shows as ids: children (for the roles given their names) and caseworkers. */
export interface CaseloadNames {
  /** Children's names by id; a child missing here is shown by id. */
  readonly children: ReadonlyMap<string, string>;
  /** People's names by user id. */
  readonly people: ReadonlyMap<string, string>;
  /** For managers: the caseworkers with children in their areas, to pick whose caseload to open. */
  readonly caseworkers: readonly string[];
}

const DUE_CHOICES = [
  { value: '', text: 'Any time' },
  { value: 'this-week', text: 'Due in the next 7 days' },
  { value: 'breached', text: 'Overdue' },
] as const;

const tag = (status: string): SafeHtml => {
  const t = STATUS_TAGS[status] ?? { text: status, colour: 'govuk-tag--grey' };
  return html`<strong class="govuk-tag ${t.colour}">${t.text}</strong>`;
};

/** The caseload's query string with one thing changed, for filters and page links. */
function linkTo(params: CaseloadParams, page: number): string {
  const query = new URLSearchParams();
  if (params.caseworker !== 'me') query.set('caseworker', params.caseworker);
  if (params.due !== undefined) query.set('due', params.due);
  if (params.clock !== undefined) query.set('clock', params.clock);
  if (params.school !== undefined) query.set('school', params.school);
  if (page > 1) query.set('page', String(page));
  if (params.pageSize !== CASELOAD_PAGE_SIZE) query.set('pageSize', String(params.pageSize));
  const text = query.toString();
  return `/caseload${text === '' ? '' : `?${text}`}`;
}

function filters(person: PagePerson, params: CaseloadParams, names: CaseloadNames): SafeHtml {
  const managing = person.roles.includes('manager') || person.roles.includes('admin');
  const chosen = params.caseworker === 'me' ? person.sub : params.caseworker;
  const others = [...new Set([...names.caseworkers, chosen])]
    .filter((sub) => sub !== person.sub)
    .sort((a, b) => (names.people.get(a) ?? a).localeCompare(names.people.get(b) ?? b));
  const choices = [person.sub, ...others];
  return html`<form method="get" action="/caseload" class="app-caseload-filters" novalidate>
    ${
      managing
        ? html`<div class="govuk-form-group">
            <label class="govuk-label" for="caseworker">Caseworker</label>
            <div class="govuk-hint" id="caseworker-hint">Caseworkers with children in your areas</div>
            <select class="govuk-select" id="caseworker" name="caseworker" aria-describedby="caseworker-hint">
              ${choices.map(
                (sub) =>
                  html`<option value="${sub === person.sub ? 'me' : sub}" ${sub === chosen ? html` selected` : ''}>
                    ${sub === person.sub ? 'Your own caseload' : `${names.people.get(sub) ?? sub}${names.people.has(sub) ? ` (${sub})` : ''}`}
                  </option>`,
              )}
            </select>
          </div>`
        : ''
    }
    <div class="govuk-form-group">
      <label class="govuk-label" for="due">When due</label>
      <select class="govuk-select" id="due" name="due">
        ${DUE_CHOICES.map((c) => html`<option value="${c.value}" ${(params.due ?? '') === c.value ? html` selected` : ''}>${c.text}</option>`)}
      </select>
    </div>
    <div class="govuk-form-group">
      <label class="govuk-label" for="clock">Clock</label>
      <select class="govuk-select" id="clock" name="clock">
        <option value="">Every clock</option>
        ${CLOCK_NAMES.map((c) => html`<option value="${c}" ${params.clock === c ? html` selected` : ''}>${CLOCK_WORDS[c]}</option>`)}
      </select>
    </div>
    <div class="govuk-form-group">
      <label class="govuk-label" for="school">School</label>
      <input class="govuk-input govuk-input--width-20" id="school" name="school" type="text" value="${params.school ?? ''}" />
    </div>
    <button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button">Apply filters</button>
  </form>`;
}

/** The page numbers to link: the first, the last, and those next to the current one; gaps become an ellipsis. */
function pageNumbers(current: number, pages: number): (number | null)[] {
  const wanted = [...new Set([1, current - 1, current, current + 1, pages])].filter((n) => n >= 1 && n <= pages).sort((a, b) => a - b);
  return wanted.flatMap((n, i) => (i > 0 && n - (wanted[i - 1] ?? n) > 1 ? [null, n] : [n]));
}

/** The GOV.UK pagination component: previous, numbered pages (the current one marked) and next. */
function pagination(caseload: Caseload, params: CaseloadParams): SafeHtml {
  const pages = Math.ceil(caseload.total / caseload.pageSize);
  if (pages <= 1) return html``;
  return html`<nav class="govuk-pagination" aria-label="Pages of the caseload">
    ${
      caseload.page > 1
        ? html`<div class="govuk-pagination__prev">
            <a class="govuk-link govuk-pagination__link" href="${linkTo(params, caseload.page - 1)}" rel="prev"
              ><span class="govuk-pagination__link-title">Previous<span class="govuk-visually-hidden"> page</span></span></a
            >
          </div>`
        : ''
    }
    <ul class="govuk-pagination__list">
      ${pageNumbers(caseload.page, pages).map((n) =>
        n === null
          ? html`<li class="govuk-pagination__item govuk-pagination__item--ellipses">&ctdot;</li>`
          : n === caseload.page
            ? html`<li class="govuk-pagination__item govuk-pagination__item--current">
                <a class="govuk-link govuk-pagination__link" href="${linkTo(params, n)}" aria-label="Page ${n}" aria-current="page">${n}</a>
              </li>`
            : html`<li class="govuk-pagination__item">
                <a class="govuk-link govuk-pagination__link" href="${linkTo(params, n)}" aria-label="Page ${n}">${n}</a>
              </li>`,
      )}
    </ul>
    ${
      caseload.page < pages
        ? html`<div class="govuk-pagination__next">
            <a class="govuk-link govuk-pagination__link" href="${linkTo(params, caseload.page + 1)}" rel="next"
              ><span class="govuk-pagination__link-title">Next<span class="govuk-visually-hidden"> page</span></span></a
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
      <h2 class="govuk-error-summary__title">There is a problem with the filters</h2>
      <div class="govuk-error-summary__body">
        <ul class="govuk-list govuk-error-summary__list">
          ${problems.map((p) => html`<li><a href="#${p.field}">${p.message}</a></li>`)}
        </ul>
      </div>
    </div>
  </div>`;
}

/**
 * A caseworker's children with open clocks, most urgent first, from the read models: each child's nearest due
 * date and most urgent status, every open clock in words, filters and pages. Managers name the caseworker.
 */
export function renderCaseload(
  person: PagePerson,
  csrfToken: string,
  caseload: Caseload,
  params: CaseloadParams,
  problems: readonly FieldProblem[],
  names: CaseloadNames,
): string {
  const own = caseload.caseworker === person.sub;
  const heading = own ? 'My caseload' : `Caseload of ${names.people.get(caseload.caseworker) ?? caseload.caseworker}`;
  const pages = Math.ceil(caseload.total / caseload.pageSize);
  return renderPage({
    title: heading,
    path: '/caseload',
    person,
    csrfToken,
    main: html`${errorSummary(problems)}
      <h1 class="govuk-heading-l">${heading}</h1>
      <p class="govuk-body">Children with a clock running, most urgent first, as of ${longDate(caseload.asOf)}.</p>
      ${filters(person, params, names)}
      ${
        caseload.total === 0
          ? html`<p class="govuk-body" id="caseload-empty">
              No child matches: none has a clock
              running${params.due !== undefined || params.clock !== undefined || params.school !== undefined ? ' with these filters' : ''}.
            </p>`
          : html`<table class="govuk-table" id="caseload-table">
                <caption class="govuk-table__caption govuk-table__caption--m">
                  ${counted(caseload.total, 'child', 'children')}${pages > 1 ? `, page ${caseload.page} of ${pages}` : ''}
                </caption>
                <thead class="govuk-table__head">
                  <tr class="govuk-table__row">
                    <th scope="col" class="govuk-table__header">Child</th>
                    <th scope="col" class="govuk-table__header">School</th>
                    <th scope="col" class="govuk-table__header">Open clocks</th>
                    <th scope="col" class="govuk-table__header">Next due</th>
                    <th scope="col" class="govuk-table__header">Status</th>
                  </tr>
                </thead>
                <tbody class="govuk-table__body">
                  ${caseload.items.map(
                    (row) =>
                      html`<tr class="govuk-table__row">
                        <td class="govuk-table__cell">
                          <a class="govuk-link" href="/children/${encodeURIComponent(row.childId)}"
                            >${names.children.get(row.childId) ?? `Child ${row.childId}`}</a
                          >
                        </td>
                        <td class="govuk-table__cell">${row.school ?? 'Not recorded'}</td>
                        <td class="govuk-table__cell">
                          <ul class="govuk-list">
                            ${row.openClocks.map((c) => html`<li>${CLOCK_WORDS[c.clock]}${c.dueOn !== null ? html`, due ${longDate(c.dueOn)}` : ''} ${tag(c.status)}</li>`)}
                          </ul>
                        </td>
                        <td class="govuk-table__cell">${row.nextDueOn !== null ? longDate(row.nextDueOn) : 'No due date'}</td>
                        <td class="govuk-table__cell">${tag(row.status)}</td>
                      </tr>`,
                  )}
                </tbody>
              </table>
              ${pagination(caseload, params)}`
      }`,
  });
}
