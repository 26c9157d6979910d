import { api, query } from './api.js';
import { svgEl } from './svg.js';
import { setUrlParams, startPage, urlParams } from './page.js';
import { pageData } from './session.js';
import { dataTable, longDate, tag } from './tables.js';

const DAY = 86_400_000;
const WIDTH = 1000;
const LABEL_W = 220;
const ROW_H = 26;
const TOP = 34;

const page = startPage();
// back to where this person came from: their caseload, their inbox, or the dashboard
const roles = page.person?.roles ?? [];
const back = document.getElementById('back');
if (!roles.includes('manager') && !roles.includes('admin')) {
  back.href = roles.includes('caseworker') ? '/caseload' : '/inbox';
  back.textContent = roles.includes('caseworker') ? 'Back to your caseload' : 'Back to the inbox';
}
const childId = decodeURIComponent(location.pathname.split('/').pop() ?? '');
const words = pageData() ?? { clocks: {}, events: {} };
// children's names are for the people who work with them by name, as on the child's page
const seesNames = roles.includes('caseworker') || roles.includes('admin');
const eventWords = (type) => words.events[type] ?? type;
const asOfInput = document.getElementById('asOf');

const dayOf = (date) => Date.parse(`${date}T00:00:00Z`) / DAY;
const dateOf = (day) => new Date(day * DAY).toISOString().slice(0, 10);
const clockEnd = (c) => c.stoppedOn ?? c.closedOn ?? null;
const clockName = (c) => `${words.clocks[c.clock] ?? c.clock} · ${c.key}`;

/** `key: value` pairs of an event's data, as recorded. */
function details(data) {
  return Object.entries(data ?? {})
    .map(([key, value]) => `${key}: ${value}`)
    .join(', ');
}

/**
 * Events as dots on one row, then one row per clock: a bar from its start to its stop (or close, or the
 * day shown), a diamond on the due date, a hollow circle on the stop. Voided events are hollow dots.
 */
function timeline(journey) {
  const { events, clocks, asOf } = journey;
  const days = [...events.map((e) => dayOf(e.occurredOn)), ...clocks.flatMap((c) => [c.startedOn, c.dueOn].filter(Boolean).map(dayOf)), dayOf(asOf)];
  const from = Math.min(...days) - 15;
  const to = Math.max(...days) + 15;
  const height = TOP + ROW_H * (clocks.length + 1) + 12;
  const x = (day) => LABEL_W + ((day - from) / (to - from)) * (WIDTH - LABEL_W - 12);
  const svg = svgEl('svg', { viewBox: `0 0 ${WIDTH} ${height}`, role: 'img', focusable: 'false' });

  // a tick on the first of each month (labelled in January, or every month when the span is short)
  const span = to - from;
  for (let d = new Date(dateOf(from).slice(0, 7) + '-01T00:00:00Z'); d.getTime() / DAY <= to; d.setUTCMonth(d.getUTCMonth() + 1)) {
    const day = d.getTime() / DAY;
    if (day < from) continue;
    const labelled = (d.getUTCMonth() === 0 || span < 550) && x(day) < WIDTH - 40;
    svg.append(svgEl('line', { class: 'grid-line', x1: x(day), x2: x(day), y1: TOP - (labelled ? 8 : 3), y2: height - 8 }));
    if (labelled)
      svg.append(
        svgEl(
          'text',
          { x: x(day) + 3, y: TOP - 12, class: 'muted' },
          d.getUTCMonth() === 0 ? String(d.getUTCFullYear()) : d.toLocaleString('en-GB', { month: 'short', timeZone: 'UTC' }),
        ),
      );
  }
  svg.append(svgEl('line', { class: 'today-line', x1: x(dayOf(asOf)), x2: x(dayOf(asOf)), y1: TOP - 8, y2: height - 8 }));
  svg.append(svgEl('text', { x: x(dayOf(asOf)) - 4, y: height - 1, 'text-anchor': 'end', class: 'muted' }, `as of ${asOf}`));

  const rowY = (i) => TOP + ROW_H * i + ROW_H / 2;
  svg.append(svgEl('text', { x: 0, y: rowY(0) + 4 }, `Events (${events.length})`));
  events.forEach((e, i) => {
    const dot = svgEl('circle', { class: `event-dot${e.voided ? ' voided' : ''}`, cx: x(dayOf(e.occurredOn)), cy: rowY(0), r: 5 });
    dot.append(svgEl('title', {}, `${i + 1}. ${longDate(e.occurredOn)} ${eventWords(e.type)}${e.voided ? ' (voided)' : ''}`));
    svg.append(dot);
  });
  clocks.forEach((c, i) => {
    const y = rowY(i + 1);
    svg.append(svgEl('text', { x: 0, y: y + 4 }, clockName(c).length > 32 ? `${clockName(c).slice(0, 31)}…` : clockName(c)));
    const end = clockEnd(c) ?? asOf;
    const bar = svgEl('line', {
      class: `clock-bar ${c.status}`,
      x1: x(dayOf(c.startedOn)),
      x2: Math.max(x(dayOf(end)), x(dayOf(c.startedOn)) + 2),
      y1: y,
      y2: y,
    });
    bar.append(
      svgEl(
        'title',
        {},
        `${clockName(c)}: started ${c.startedOn}, due ${c.dueOn ?? 'no target'}, ${c.stoppedOn ? `stopped ${c.stoppedOn}` : c.closedOn ? `closed ${c.closedOn}` : 'not stopped'}: ${c.status}`,
      ),
    );
    svg.append(bar);
    if (c.dueOn) {
      const dx = x(dayOf(c.dueOn));
      svg.append(svgEl('path', { class: 'due-mark', d: `M${dx},${y - 8} L${dx + 6},${y} L${dx},${y + 8} L${dx - 6},${y} Z` }));
    }
    if (c.stoppedOn) svg.append(svgEl('circle', { class: 'stop-mark', cx: x(dayOf(c.stoppedOn)), cy: y, r: 5 }));
  });
  svg.dataset.events = String(events.length);
  svg.dataset.clocks = String(clocks.length);
  svg.dataset.rendered = 'true';

  const figure = document.createElement('figure');
  figure.id = 'journey-timeline';
  const caption = document.createElement('figcaption');
  caption.id = 'journey-timeline-caption';
  const breached = clocks.filter((c) => c.status === 'breached').length;
  caption.textContent =
    `${events.length} events from ${events[0]?.occurredOn ?? asOf} and ${clocks.length} clocks, ${breached} breached as of ${asOf}. ` +
    'Each bar runs from a clock’s start to its stop (or to the day shown); the diamond marks its due date and the hollow circle its stop. Hollow dots are voided events. ';
  const tableLink = document.createElement('a');
  tableLink.href = '#clocks-table';
  tableLink.textContent = 'Table: clocks';
  caption.append(tableLink);
  svg.setAttribute('aria-labelledby', caption.id);
  figure.append(svg, caption);
  return figure;
}

/** A voided event stays in the history, struck through, with why. */
function struck(event, text) {
  if (!event.voided) return text;
  const del = document.createElement('del');
  del.textContent = text;
  return del;
}

async function load() {
  const { asOf = '' } = urlParams();
  page.clearError();
  page.say('Loading…');
  try {
    const journey = await api(`/children/${encodeURIComponent(childId)}/journey${query({ asOf })}`);
    asOfInput.value = journey.asOf;
    if (roles.includes('manager') || roles.includes('admin')) back.href = `/dashboard${query({ asOf })}`;
    const child = journey.child ?? {};
    const name = seesNames ? [child.givenName, child.familyName].filter(Boolean).join(' ') : '';
    const childPage = document.getElementById('child-page');
    childPage.href = `/children/${encodeURIComponent(journey.childId)}`;
    document.getElementById('title').textContent = name ? `${name}’s journey` : `Journey of ${journey.childId}`;
    document.title = `${journey.childId} journey – send-journeys`;
    const facts = document.createElement('dl');
    facts.className = 'key-figures';
    for (const [label, value] of [
      ['Child id', journey.childId],
      ['Area', child.area],
      ['School', child.school],
      ['Caseworker', child.caseworker],
      ['As of', longDate(journey.asOf)],
    ]) {
      const div = document.createElement('div');
      const dt = document.createElement('dt');
      dt.textContent = label;
      const dd = document.createElement('dd');
      dd.textContent = value ?? '–';
      div.append(dt, dd);
      facts.append(div);
    }
    document.getElementById('child').replaceChildren(facts);
    document.getElementById('timeline').replaceChildren(timeline(journey));
    document.getElementById('clocks').replaceChildren(
      dataTable({
        id: 'clocks-table',
        caption: `Clocks as of ${longDate(journey.asOf)}`,
        columns: [
          { label: 'Clock', value: (c) => words.clocks[c.clock] ?? c.clock },
          { label: 'For', value: (c) => c.key },
          { label: 'Started', value: (c) => longDate(c.startedOn) },
          { label: 'Due', value: (c) => longDate(c.dueOn) },
          { label: 'Stopped', value: (c) => (c.stoppedOn ? longDate(c.stoppedOn) : c.closedOn ? `Closed ${longDate(c.closedOn)}` : null) },
          { label: 'Status', value: (c) => tag(c.status) },
          { label: 'Days overdue', value: (c) => c.daysOverdue, numeric: true },
        ],
        rows: journey.clocks,
        empty: 'No clock has started.',
      }),
    );
    document.getElementById('events').replaceChildren(
      dataTable({
        id: 'events-table',
        caption: 'Every event, voided ones struck through',
        columns: [
          { label: '#', value: (e) => String(journey.events.indexOf(e) + 1) },
          { label: 'Date', value: (e) => struck(e, longDate(e.occurredOn)) },
          { label: 'Event', value: (e) => struck(e, eventWords(e.type)) },
          { label: 'Details', value: (e) => struck(e, details(e.data)) },
          { label: 'Recorded by', value: (e) => e.recordedBy },
          { label: 'Voided', value: (e) => (e.voided ? `Voided: ${e.voidReason ?? ''}` : '') },
        ],
        rows: journey.events,
      }),
    );
    page.say(`As of ${longDate(journey.asOf)}: ${journey.events.length} events, ${journey.clocks.length} clocks.`);
    document.body.dataset.loaded = 'true';
  } catch (err) {
    page.say('');
    page.showError(err);
  }
}

document.getElementById('filters').addEventListener('submit', (event) => {
  event.preventDefault();
  setUrlParams({ asOf: asOfInput.value });
  load();
});

load();
