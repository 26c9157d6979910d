import { allPages, api, csvHref, query } from './api.js';
import { barChart, chartFigure, drawCharts, lineChart } from './charts.js';
import { setUrlParams, startPage, urlParams } from './page.js';
import { pageData } from './session.js';
import { dataTable, journeyHref, link, longDate, tag } from './tables.js';

const AUTISM = 'autism-assessment';
const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAYS_PER_MONTH = 365.25 / 12;
// current waits grouped in months; 3 months is the NICE standard, 16 months the wait Somerset reached (docs/domain-rules.md §7)
const WAIT_BANDS = [
  { label: 'Under 3 months', below: 3 },
  { label: '3 to 6 months', below: 6 },
  { label: '6 to 9 months', below: 9 },
  { label: '9 to 12 months', below: 12 },
  { label: '12 to 16 months', below: 16 },
  { label: '16 months or more', below: Infinity },
];

const page = startPage();
// a manager's own areas (an admin's are all): offered in the area filter, and named in the status line
const myAreas = Array.isArray(page.person?.areas) ? page.person.areas : null;
const form = document.getElementById('filters');
const areaInput = document.getElementById('area');
const areaList = document.getElementById('areas');
const asOfInput = document.getElementById('asOf');
const schoolInput = document.getElementById('school');
const caseworkerInput = document.getElementById('caseworker');
const clockInput = document.getElementById('clock');
const CLOCK_WORDS = pageData()?.clocks ?? {};
const clockWords = (clock) => CLOCK_WORDS[clock] ?? clock;
// long tables show this many rows at a time
const ROWS = 10;
clockInput.append(...Object.entries(CLOCK_WORDS).map(([value, text]) => new Option(text, value)));

/** Suggestions for a filter's box: the values seen in the figures. */
function suggest(listId, values) {
  document.getElementById(listId).replaceChildren(...[...new Set(values.filter(Boolean))].sort().map((v) => new Option(v, v)));
}

const plural = (n, one, many = `${one}s`) => `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;
const days = (d) => (d === null || d === undefined ? '–' : `${d.toLocaleString('en-GB')} days`);
const months = (d) => (d / DAYS_PER_MONTH).toFixed(1);
const percent = (p) => (p === null || p === undefined ? '–' : `${p}%`);
const monthLabel = (yyyyMm) => `${MONTH_NAMES[Number(yyyyMm.slice(5, 7)) - 1]} ${yyyyMm.slice(2, 4)}`;

/** Nearest-rank percentile, as the API's summaries compute it (docs/domain-rules.md): a wait some child actually had. */
function nearestRank(sorted, p) {
  if (sorted.length === 0) return null;
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)];
}

function keyFigures(id, figures) {
  const dl = document.createElement('dl');
  dl.className = 'key-figures';
  dl.id = id;
  for (const { label, value, alarm } of figures) {
    const div = document.createElement('div');
    if (alarm) div.className = 'alarm';
    const dt = document.createElement('dt');
    dt.textContent = label;
    const dd = document.createElement('dd');
    dd.textContent = value;
    div.append(dt, dd);
    dl.append(div);
  }
  return dl;
}

function grid(...children) {
  const div = document.createElement('div');
  div.className = 'grid';
  div.append(...children);
  return div;
}

async function renderWaits(filters) {
  const list = await allPages('/waiting-times', { ...filters, service: AUTISM });
  const trend = await api(`/waiting-times/trend${query({ ...filters, service: AUTISM })}`);
  const waits = list.items.map((i) => i.daysWaited).sort((a, b) => a - b);
  const median = nearestRank(waits, 50);
  const p90 = nearestRank(waits, 90);
  const longest = waits.length ? waits[waits.length - 1] : null;
  const overStandard = waits.filter((d) => d / DAYS_PER_MONTH >= 3).length;
  const csv = csvHref('/waiting-times', { ...filters, service: AUTISM });

  const bands = WAIT_BANDS.map((band) => ({ ...band, children: 0 }));
  for (const d of waits) bands.find((band) => d / DAYS_PER_MONTH < band.below).children += 1;

  const histogram = chartFigure({
    id: 'waits-histogram',
    title: 'How long children have waited so far',
    summary: waits.length
      ? `${plural(waits.length, 'child', 'children')} waiting: ${bands.map((b) => `${b.label.toLowerCase()} ${b.children}`).join(', ')}.`
      : 'No child is waiting for these filters.',
    tableId: 'waits-bands-table',
    chart: barChart({
      labels: bands.map((b) => b.label.replace(' months', '').replace(' or more', '+').replace('Under ', '<').replace(' to ', '–')),
      series: [{ name: 'Children', values: bands.map((b) => b.children) }],
      xLabel: 'Time waited so far (months)',
      yLabel: 'Children',
    }),
  });
  const trendMonths = trend.months;
  const trendChart = chartFigure({
    id: 'waits-trend',
    title: 'Median wait by month',
    summary: trendMonths.length
      ? `At the end of ${monthLabel(trendMonths[trendMonths.length - 1].month)} the median wait of children still waiting was ${days(trendMonths[trendMonths.length - 1].medianWaiting)}; twelve months earlier ${days(trendMonths[0].medianWaiting)}.`
      : 'No months to show.',
    tableId: 'waits-trend-table',
    chart: lineChart({
      labels: trendMonths.map((m) => monthLabel(m.month)),
      series: [
        { name: 'Still waiting at month end', values: trendMonths.map((m) => m.medianWaiting) },
        { name: 'First seen in the month', values: trendMonths.map((m) => m.medianWaitOfFirstSeen) },
      ],
      xLabel: 'Month',
      yLabel: 'Median wait (days)',
      target: { value: 91, label: '3 months (NICE)' },
    }),
  });

  const host = document.getElementById('waits');
  host.replaceChildren(
    keyFigures('waits-figures', [
      { label: 'Children waiting', value: waits.length.toLocaleString('en-GB') },
      { label: 'Median wait', value: median === null ? '–' : `${months(median)} months` },
      { label: '90th percentile', value: p90 === null ? '–' : `${months(p90)} months` },
      {
        label: 'Longest wait',
        value: longest === null ? '–' : `${months(longest)} months`,
        alarm: longest !== null && longest / DAYS_PER_MONTH >= 16,
      },
      { label: 'Waiting 3 months or more', value: overStandard.toLocaleString('en-GB'), alarm: overStandard > 0 },
    ]),
    grid(histogram, trendChart),
    grid(
      dataTable({
        id: 'waits-bands-table',
        caption: 'Children waiting, by time waited so far',
        csv,
        columns: [
          { label: 'Time waited', value: (b) => b.label },
          { label: 'Children', value: (b) => b.children, numeric: true },
        ],
        rows: bands,
      }),
      dataTable({
        id: 'waits-areas-table',
        caption: 'Waiting times by area',
        csv,
        columns: [
          { label: 'Area', value: (s) => s.area },
          { label: 'Waiting', value: (s) => s.waiting, numeric: true },
          { label: 'Median', value: (s) => days(s.median), numeric: true },
          { label: '90th percentile', value: (s) => days(s.p90), numeric: true },
          { label: 'Longest', value: (s) => days(s.longest), numeric: true },
        ],
        rows: list.summary.filter((s) => s.service === AUTISM),
      }),
    ),
    dataTable({
      id: 'waits-trend-table',
      caption: 'Waiting times by month',
      columns: [
        { label: 'Month', value: (m) => monthLabel(m.month) },
        { label: 'Waiting at month end', value: (m) => m.waiting, numeric: true },
        { label: 'Median wait of those waiting', value: (m) => days(m.medianWaiting), numeric: true },
        { label: 'First seen in the month', value: (m) => m.firstSeen, numeric: true },
        { label: 'Median wait of those first seen', value: (m) => days(m.medianWaitOfFirstSeen), numeric: true },
      ],
      rows: trendMonths,
    }),
    dataTable({
      id: 'waits-longest-table',
      caption: 'Longest waits',
      csv,
      columns: [
        { label: 'Child', value: (i) => link(journeyHref(i.childId, filters.asOf), i.childId) },
        { label: 'Area', value: (i) => i.area },
        { label: 'Referred', value: (i) => longDate(i.receivedOn) },
        { label: 'Waited', value: (i) => days(i.daysWaited), numeric: true },
        { label: 'Stage', value: (i) => i.stage },
      ],
      rows: list.items,
      pageSize: ROWS,
    }),
  );
  drawCharts(host);
  return list.asOf;
}

async function renderTimeliness(filters) {
  const report = await api(`/reports/timeliness${query(filters)}`);
  const csv = csvHref('/reports/timeliness', { ...filters, year: report.year });
  const issuedMonths = report.months.filter((m) => m.issued > 0).length;
  const chart = chartFigure({
    id: 'timeliness-chart',
    title: `Plans issued within 20 weeks, ${report.year}`,
    summary: report.total.issued
      ? `${percent(report.total.percent)} of ${plural(report.total.issued, 'new plan')} issued within 20 weeks (${percent(report.total.percentExcludingExceptions)} excluding exceptions), over ${plural(issuedMonths, 'month')} with plans issued.`
      : `No new plan issued in ${report.year} for these filters.`,
    tableId: 'timeliness-table',
    chart: barChart({
      labels: report.months.map((m) => MONTH_NAMES[Number(m.month.slice(5, 7)) - 1]),
      series: [
        { name: 'All new plans (including exceptions)', values: report.months.map((m) => m.percent) },
        { name: 'Excluding plans with an exception', values: report.months.map((m) => m.percentExcludingExceptions) },
      ],
      xLabel: `Month of issue, ${report.year}`,
      yLabel: '% issued within 20 weeks',
      max: 100,
      format: (v) => `${Math.round(v)}%`,
      showZero: true,
    }),
  });
  const host = document.getElementById('timeliness');
  host.replaceChildren(
    keyFigures('timeliness-figures', [
      { label: `New plans issued in ${report.year}`, value: report.total.issued.toLocaleString('en-GB') },
      { label: 'Within 20 weeks', value: percent(report.total.percent) },
      { label: 'Within 20 weeks, excluding exceptions', value: percent(report.total.percentExcludingExceptions) },
    ]),
    chart,
    dataTable({
      id: 'timeliness-table',
      caption: `New EHC plans by month of issue, ${report.year}`,
      csv,
      columns: [
        { label: 'Month', value: (m) => monthLabel(m.month) },
        { label: 'Issued', value: (m) => m.issued, numeric: true },
        { label: 'Within 20 weeks', value: (m) => m.within20Weeks, numeric: true },
        { label: '%', value: (m) => percent(m.percent), numeric: true },
        { label: 'Issued, excluding exceptions', value: (m) => m.issuedExcludingExceptions, numeric: true },
        { label: 'Within 20 weeks, excluding exceptions', value: (m) => m.within20WeeksExcludingExceptions, numeric: true },
        { label: '%, excluding exceptions', value: (m) => percent(m.percentExcludingExceptions), numeric: true },
      ],
      rows: report.months,
    }),
  );
  drawCharts(host);
}

function countBy(items, key) {
  const counts = new Map();
  for (const item of items) {
    const row = counts.get(item[key]) ?? { name: item[key], breached: 0, dueSoon: 0 };
    if (item.status === 'breached') row.breached += 1;
    else row.dueSoon += 1;
    counts.set(item[key], row);
  }
  return [...counts.values()].sort((a, b) => b.breached - a.breached || b.dueSoon - a.dueSoon || a.name.localeCompare(b.name));
}

async function renderClocks(filters, clock) {
  const open = await allPages('/clocks', { ...filters, clock, status: 'breached,due-soon' });
  for (const item of open.items) item.clockName = clockWords(item.clock);
  suggest(
    'schools',
    open.items.map((c) => c.school),
  );
  suggest(
    'caseworkers',
    open.items.map((c) => c.caseworker),
  );
  const byClock = countBy(open.items, 'clockName');
  const byArea = countBy(open.items, 'area');
  const breached = open.items.filter((c) => c.status === 'breached');
  const csv = csvHref('/clocks', { ...filters, clock, status: 'breached,due-soon' });
  const columns = (label) => [
    { label, value: (r) => r.name },
    { label: 'Breached', value: (r) => r.breached, numeric: true },
    { label: 'Due soon', value: (r) => r.dueSoon, numeric: true },
  ];
  const chart = chartFigure({
    id: 'clocks-chart',
    title: 'Breaches and clocks due soon, by clock',
    summary: open.items.length
      ? `${plural(breached.length, 'breach', 'breaches')} and ${plural(open.items.length - breached.length, 'clock')} due soon; most breaches: ${
          byClock
            .filter((r) => r.breached > 0)
            .slice(0, 3)
            .map((r) => `${r.name} ${r.breached}`)
            .join(', ') || 'none'
        }.`
      : 'No clock is breached or due soon for these filters.',
    tableId: 'clocks-by-clock-table',
    chart: barChart({
      labels: byClock.map((r) => r.name),
      series: [
        { name: 'Breached', values: byClock.map((r) => r.breached), tone: 2 },
        { name: 'Due soon', values: byClock.map((r) => r.dueSoon), tone: 3 },
      ],
      xLabel: 'Clock',
      yLabel: 'Open clocks',
    }),
  });
  const host = document.getElementById('clocks');
  host.replaceChildren(
    keyFigures('clocks-figures', [
      { label: 'Breached', value: breached.length.toLocaleString('en-GB'), alarm: breached.length > 0 },
      { label: 'Due soon', value: (open.items.length - breached.length).toLocaleString('en-GB') },
    ]),
    grid(
      chart,
      dataTable({ id: 'clocks-by-area-table', caption: 'Breaches and clocks due soon, by area', csv, columns: columns('Area'), rows: byArea }),
    ),
    dataTable({ id: 'clocks-by-clock-table', caption: 'Breaches and clocks due soon, by clock', csv, columns: columns('Clock'), rows: byClock }),
    dataTable({
      id: 'breaches-table',
      caption: 'Most overdue',
      csv: csvHref('/clocks', { ...filters, clock, status: 'breached' }),
      columns: [
        { label: 'Child', value: (c) => link(journeyHref(c.childId, filters.asOf), c.childId) },
        { label: 'Area', value: (c) => c.area },
        { label: 'Clock', value: (c) => c.clockName },
        { label: 'Due', value: (c) => longDate(c.dueOn) },
        { label: 'Status', value: (c) => tag(c.status) },
        { label: 'Days overdue', value: (c) => c.daysOverdue, numeric: true },
        { label: 'Caseworker', value: (c) => c.caseworker },
      ],
      rows: breached,
      pageSize: ROWS,
    }),
  );
  drawCharts(host);
}

async function renderSuspensions(filters) {
  const result = await allPages('/suspensions', filters);
  const year = result.schoolYear;
  const triggered = result.items.filter((i) => i.triggeredOn !== null).sort((a, b) => (a.triggeredOn < b.triggeredOn ? 1 : -1));
  // the school year runs September to August
  const schoolMonths = Array.from({ length: 12 }, (_, i) => {
    const month = ((8 + i) % 12) + 1;
    return `${month >= 9 ? year : year + 1}-${String(month).padStart(2, '0')}`;
  });
  const byMonth = schoolMonths.map((month) => ({ month, triggers: triggered.filter((i) => i.triggeredOn.startsWith(month)).length }));
  const csv = csvHref('/suspensions', { ...filters, schoolYear: year, triggered: 'true' });
  const t = result.totals;
  const host = document.getElementById('suspensions');
  host.replaceChildren(
    keyFigures('suspensions-figures', [
      { label: 'Children suspended', value: t.childrenSuspended.toLocaleString('en-GB') },
      { label: 'Suspensions', value: t.suspensions.toLocaleString('en-GB') },
      { label: 'Area Inclusion Discussion triggers', value: t.triggers.toLocaleString('en-GB'), alarm: t.triggers > 0 },
      { label: 'Over 15 days in a term', value: t.overTermLimit.toLocaleString('en-GB'), alarm: t.overTermLimit > 0 },
      { label: 'Over 45 days in the year', value: t.overYearLimit.toLocaleString('en-GB'), alarm: t.overYearLimit > 0 },
      { label: 'Permanent exclusions', value: t.permanentExclusions.toLocaleString('en-GB'), alarm: t.permanentExclusions > 0 },
    ]),
    grid(
      chartFigure({
        id: 'triggers-chart',
        title: `Inclusion triggers by month, ${year}/${String(year + 1).slice(2)}`,
        summary: t.triggers
          ? `${plural(t.triggers, 'child', 'children')} reached the third suspension this school year.`
          : 'No child has reached the trigger this school year.',
        tableId: 'triggers-by-month-table',
        chart: barChart({
          labels: schoolMonths.map((m) => MONTH_NAMES[Number(m.slice(5, 7)) - 1]),
          series: [{ name: 'Children reaching the trigger', values: byMonth.map((m) => m.triggers) }],
          xLabel: `Month, school year ${year}/${String(year + 1).slice(2)}`,
          yLabel: 'Children',
        }),
      }),
      dataTable({
        id: 'triggers-by-month-table',
        caption: 'Inclusion triggers by month',
        csv,
        columns: [
          { label: 'Month', value: (m) => monthLabel(m.month) },
          { label: 'Triggers', value: (m) => m.triggers, numeric: true },
        ],
        rows: byMonth,
      }),
    ),
    dataTable({
      id: 'triggers-table',
      caption: 'Children who reached the trigger, latest first',
      csv,
      columns: [
        { label: 'Child', value: (i) => link(journeyHref(i.childId, filters.asOf), i.childId) },
        { label: 'Area', value: (i) => i.area },
        { label: 'School', value: (i) => i.school },
        { label: 'Suspensions', value: (i) => i.suspensionCount, numeric: true },
        { label: 'School days', value: (i) => i.suspensionDays, numeric: true },
        { label: 'Triggered on', value: (i) => longDate(i.triggeredOn) },
      ],
      rows: triggered,
      pageSize: ROWS,
    }),
  );
  drawCharts(host);
}

/** Suggests the person's own areas, or for an admin the areas with anyone waiting; any area can still be typed. */
async function suggestAreas(asOf, chosen) {
  const areas = myAreas ?? [...new Set((await api(`/waiting-times${query({ asOf, pageSize: 1 })}`)).summary.map((s) => s.area))].sort();
  areaList.replaceChildren(...areas.map((a) => new Option(a, a)));
  areaInput.value = chosen;
}

let generation = 0;

async function load() {
  const mine = (generation += 1);
  const { area = '', asOf = '', school = '', caseworker = '', clock = '' } = urlParams();
  const filters = { area, school, caseworker, asOf };
  page.clearError();
  page.say('Loading…');
  document.body.dataset.loaded = 'false';
  try {
    await suggestAreas(asOf, area);
    schoolInput.value = school;
    caseworkerInput.value = caseworker;
    clockInput.value = clock;
    const answeredAsOf = await renderWaits(filters);
    await Promise.all([renderTimeliness(filters), renderClocks(filters, clock), renderSuspensions(filters)]);
    if (mine !== generation) return;
    asOfInput.value = asOf || answeredAsOf;
    page.say(statusLine({ area, school, caseworker, clock }, answeredAsOf));
    document.body.dataset.loaded = 'true';
  } catch (err) {
    page.say('');
    page.showError(err);
  }
}

/** Which areas the figures cover, the other filters in force, and the day they are for. */
function statusLine({ area, school, caseworker, clock }, asOf) {
  const areas = area ? `area ${area}` : myAreas ? `your areas (${myAreas.join(', ')})` : 'all areas';
  const narrowed = [
    school && `school ${school}`,
    caseworker && `caseworker ${caseworker}`,
    clock && `clock "${clockWords(clock)}" among the breaches`,
  ].filter(Boolean);
  return `Showing ${areas}${narrowed.length ? `, ${narrowed.join(', ')}` : ''} as of ${longDate(asOf)}.`;
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  setUrlParams({
    area: areaInput.value.trim(),
    school: schoolInput.value.trim(),
    caseworker: caseworkerInput.value.trim(),
    clock: clockInput.value,
    asOf: asOfInput.value,
  });
  load();
});

load();
