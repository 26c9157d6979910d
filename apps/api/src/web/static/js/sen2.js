import { api, query } from './api.js';
import { setUrlParams, startPage, urlParams } from './page.js';
import { dataTable, link } from './tables.js';

const FIRST_YEAR = 2014;
const PAGE_SIZE = 50;
const POLL_MS = 1000;
const MODULES = [
  ['person', '1 Person'],
  ['requests', '2 Requests'],
  ['assessment', '3 Assessments'],
  ['namedPlan', '4a Named plans'],
  ['planDetail', '4b Plan detail (placements named)'],
  ['activePlans', '5a Plans in force on the census date'],
  ['placementDetail', '5b Placements in force'],
  ['senNeed', '5c SEN needs'],
];

const page = startPage();
const form = document.getElementById('filters');
const yearSelect = document.getElementById('year');
const building = document.getElementById('building');
const progress = document.getElementById('progress');
const progressLabel = document.getElementById('progress-label');
const returnBox = document.getElementById('return');

const count = (n) => (n === null || n === undefined ? '–' : n.toLocaleString('en-GB'));
const longDate = (d) => new Date(`${d}T12:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
const plural = (n, one, many = `${one}s`) => `${count(n)} ${n === 1 ? one : many}`;

let loading = 0;

function fillYears(latest, chosen) {
  if (yearSelect.options.length > 0) return;
  for (let year = latest; year >= FIRST_YEAR; year -= 1) yearSelect.append(new Option(`${year} (census January ${year + 1})`, String(year)));
  yearSelect.value = String(chosen);
}

/** While the return is built the API answers 202 with how far it has got: show it, and ask again. */
function showProgress(summary) {
  const { phase, eventsRead, childrenDone, childrenTotal } = summary.progress;
  building.hidden = false;
  returnBox.hidden = true;
  if (phase === 'building' && childrenTotal) {
    progress.max = childrenTotal;
    progress.value = childrenDone;
    progressLabel.textContent = `Building the ${summary.year} return: ${count(childrenDone)} of ${plural(childrenTotal, 'child', 'children')} with a request`;
  } else {
    progress.removeAttribute('value');
    progressLabel.textContent = `Reading the log for the ${summary.year} return: ${plural(eventsRead, 'event')} so far`;
  }
  page.say(progressLabel.textContent);
}

function downloads(year) {
  const list = document.getElementById('downloads');
  list.replaceChildren();
  for (const [format, text] of [
    ['xml', `The XML file for DfE (sen2-${year}.xml)`],
    ['csv', `The CSVs, one per module (sen2-${year}-csv.zip)`],
  ]) {
    const a = link(`/returns/sen2${query({ year, format })}`, text);
    // fetched, so a failure shows on this page rather than as a browser error
    a.dataset.csv = '';
    const li = document.createElement('li');
    li.append(a);
    list.append(li);
  }
}

function modulesTable(summary) {
  const change = (now, before) => (before === undefined || before === null ? '–' : (now - before > 0 ? '+' : '') + count(now - before));
  return dataTable({
    id: 'modules-table',
    caption: `Rows in the ${summary.year} return beside ${summary.lastYear.year}'s`,
    columns: [
      { label: 'Module', value: ([, label]) => label },
      { label: String(summary.year), value: ([key]) => count(summary.modules[key]), numeric: true },
      {
        label: String(summary.lastYear.year),
        value: ([key]) => (summary.lastYear.modules ? count(summary.lastYear.modules[key]) : 'building…'),
        numeric: true,
      },
      { label: 'Change', value: ([key]) => change(summary.modules[key], summary.lastYear.modules?.[key]), numeric: true },
    ],
    rows: MODULES,
  });
}

function figuresTable(summary) {
  const f = summary.figures;
  const share = (part, whole) => (whole === 0 ? '–' : `${((100 * part) / whole).toFixed(1)}%`);
  return dataTable({
    id: 'figures-table',
    caption: `Calendar year ${summary.year}`,
    columns: [
      { label: 'Figure', value: (row) => row[0] },
      { label: 'Number', value: (row) => count(row[1]), numeric: true },
      { label: 'Share', value: (row) => row[2], numeric: true },
    ],
    rows: [
      ['Requests for an assessment received', f.requestsReceived, ''],
      ['Of which refused', f.refused, share(f.refused, f.requestsReceived)],
      ['New plans issued', f.plansIssued, ''],
      ['Issued within 20 weeks', f.within20Weeks, share(f.within20Weeks, f.plansIssued)],
      ['Issued, no exception applying', f.issuedExcludingExceptions, ''],
      ['Of which within 20 weeks', f.within20WeeksExcludingExceptions, share(f.within20WeeksExcludingExceptions, f.issuedExcludingExceptions)],
    ],
  });
}

function problemList(problems) {
  const ul = document.createElement('ul');
  for (const p of problems) {
    const li = document.createElement('li');
    li.textContent = `${p.severity === 'error' ? 'Error' : 'Query'} in module ${p.module} (${p.item}): ${p.message}`;
    ul.append(li);
  }
  return ul;
}

async function showProblems(year, pageNumber) {
  const result = await api(`/returns/sen2/problems${query({ year, page: pageNumber, pageSize: PAGE_SIZE })}`);
  const host = document.getElementById('problems');
  const header = result.returnProblems.length > 0 ? problemList(result.returnProblems) : null;
  host.replaceChildren(
    ...(header ? [header] : []),
    dataTable({
      id: 'problems-table',
      caption: `${plural(result.total, 'child', 'children')} with problems in the ${year} return`,
      columns: [
        { label: 'Child', value: (c) => link(c.journey, c.childId) },
        { label: 'Errors', value: (c) => count(c.errors), numeric: true },
        { label: 'Queries', value: (c) => count(c.queries), numeric: true },
        { label: 'What to put right', value: (c) => problemList(c.problems) },
      ],
      rows: result.children,
      empty: 'Nothing DfE would reject or query.',
    }),
  );
  const pager = document.getElementById('pager');
  pager.replaceChildren();
  const pages = Math.max(1, Math.ceil(result.total / PAGE_SIZE));
  if (pages > 1) {
    const move = (to, text) => {
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'secondary';
      button.textContent = text;
      button.addEventListener('click', () => showProblems(year, to).catch(page.showError));
      return button;
    };
    const where = document.createElement('span');
    where.textContent = `Page ${pageNumber} of ${pages}`;
    pager.append(
      ...(pageNumber > 1 ? [move(pageNumber - 1, 'Previous page')] : []),
      where,
      ...(pageNumber < pages ? [move(pageNumber + 1, 'Next page')] : []),
    );
  }
}

async function load() {
  const run = ++loading;
  const { year } = urlParams();
  page.clearError();
  try {
    const summary = await api(`/returns/sen2/summary${query({ year })}`);
    if (run !== loading) return;
    fillYears(summary.year + 1, summary.year);
    if (summary.status === 'building') {
      showProgress(summary);
      setTimeout(() => {
        if (run === loading) load();
      }, POLL_MS);
      return;
    }
    building.hidden = true;
    downloads(summary.year);
    document.getElementById('modules').replaceChildren(modulesTable(summary));
    document.getElementById('figures').replaceChildren(figuresTable(summary));
    await showProblems(summary.year, 1);
    returnBox.hidden = false;
    page.say(
      `The ${summary.year} return, as of the census on ${longDate(summary.censusDate)}: ${plural(summary.modules.person, 'child', 'children')}, ` +
        `${plural(summary.problems.children, 'child', 'children')} with problems.`,
    );
    if (summary.lastYear.status === 'building') setTimeout(() => lastYearWhenReady(run, summary.year), POLL_MS);
    else document.body.dataset.loaded = 'true';
  } catch (err) {
    building.hidden = true;
    page.say('');
    page.showError(err);
  }
}

/** Last year's counts may still be coming: ask again until they are there, then fill them in. */
async function lastYearWhenReady(run, year) {
  if (run !== loading) return;
  try {
    const summary = await api(`/returns/sen2/summary${query({ year })}`);
    if (run !== loading) return;
    if (summary.status === 'ready' && summary.lastYear.status === 'ready') {
      document.getElementById('modules').replaceChildren(modulesTable(summary));
      document.body.dataset.loaded = 'true';
    } else setTimeout(() => lastYearWhenReady(run, year), POLL_MS);
  } catch (err) {
    page.showError(err);
  }
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  setUrlParams({ year: yearSelect.value });
  document.body.dataset.loaded = 'false';
  load();
});

load();
