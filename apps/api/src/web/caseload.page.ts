import type { ClockItem } from '@sj/read-models';
import { html } from './html';
import { renderPage } from './layout';
import type { PagePerson } from './person';

const URGENCY = { breached: 0, 'due-soon': 1, running: 2 } as Readonly<Record<string, number>>;
const STATUS_TAG: Readonly<Record<string, { text: string; colour: string }>> = {
  breached: { text: 'Overdue', colour: 'govuk-tag--red' },
  'due-soon': { text: 'Due soon', colour: 'govuk-tag--orange' },
  running: { text: 'On track', colour: 'govuk-tag--green' },
};

interface CaseloadRow {
  readonly childId: string;
  readonly area: string;
  readonly school: string | null;
  readonly openClocks: number;
  readonly nextDue: string | null;
  readonly status: string;
}

/** One row per child from their open clocks: the most urgent status and the nearest due date. */
export function caseloadRows(clocks: readonly ClockItem[]): CaseloadRow[] {
  const byChild = new Map<string, CaseloadRow>();
  for (const clock of clocks) {
    const row = byChild.get(clock.childId);
    const due = clock.dueOn ?? null;
    if (row === undefined) {
      byChild.set(clock.childId, {
        childId: clock.childId,
        area: clock.area,
        school: clock.school,
        openClocks: 1,
        nextDue: due,
        status: clock.status,
      });
      continue;
    }
    byChild.set(clock.childId, {
      ...row,
      openClocks: row.openClocks + 1,
      nextDue: due !== null && (row.nextDue === null || due < row.nextDue) ? due : row.nextDue,
      status: (URGENCY[clock.status] ?? 9) < (URGENCY[row.status] ?? 9) ? clock.status : row.status,
    });
  }
  return [...byChild.values()].sort(
    (a, b) => (URGENCY[a.status] ?? 9) - (URGENCY[b.status] ?? 9) || (a.nextDue ?? '9999').localeCompare(b.nextDue ?? '9999'),
  );
}

/**
 * The caseworker's home for now: their children with open statutory clocks, most urgent first, each linking
 * to the child's journey. Rendered on the server from the read models, like any table naming children it
 * is written to the read audit log.
 */
export function renderCaseload(person: PagePerson, csrfToken: string, rows: readonly CaseloadRow[], asOf: string): string {
  return renderPage({
    title: 'My caseload',
    path: '/caseload',
    person,
    csrfToken,
    main: html`<h1 class="govuk-heading-l">My caseload</h1>
      <p class="govuk-body-l">Children you are the caseworker for who have a statutory clock running, most urgent first, as of ${asOf}.</p>
      ${
        rows.length === 0
          ? html`<p class="govuk-body" id="caseload-empty">None of your children has a clock running.</p>`
          : html`<table class="govuk-table" id="caseload-table">
              <caption class="govuk-table__caption govuk-table__caption--m">
                ${rows.length} ${rows.length === 1 ? 'child' : 'children'}
              </caption>
              <thead class="govuk-table__head">
                <tr class="govuk-table__row">
                  <th scope="col" class="govuk-table__header">Child</th>
                  <th scope="col" class="govuk-table__header">Area</th>
                  <th scope="col" class="govuk-table__header">School</th>
                  <th scope="col" class="govuk-table__header govuk-table__header--numeric">Open clocks</th>
                  <th scope="col" class="govuk-table__header">Next due</th>
                  <th scope="col" class="govuk-table__header">Status</th>
                </tr>
              </thead>
              <tbody class="govuk-table__body">
                ${rows.map((row) => {
                  const tag = STATUS_TAG[row.status] ?? { text: row.status, colour: 'govuk-tag--grey' };
                  return html`<tr class="govuk-table__row">
                    <td class="govuk-table__cell">
                      <a class="govuk-link" href="/dashboard/children/${encodeURIComponent(row.childId)}">${row.childId}</a>
                    </td>
                    <td class="govuk-table__cell">${row.area}</td>
                    <td class="govuk-table__cell">${row.school ?? '–'}</td>
                    <td class="govuk-table__cell govuk-table__cell--numeric">${row.openClocks}</td>
                    <td class="govuk-table__cell">${row.nextDue ?? '–'}</td>
                    <td class="govuk-table__cell"><strong class="govuk-tag ${tag.colour}">${tag.text}</strong></td>
                  </tr>`;
                })}
              </tbody>
            </table>`
      }`,
  });
}
