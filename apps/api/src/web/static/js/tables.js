/**
 * A data table with a caption and, when `csv` is given, a link to the same rows as CSV.
 * `columns`: `[{ label, value: (row) => string | number | Node, numeric? }]`. With `pageSize`, longer tables
 * show that many rows at a time, with Previous and Next buttons and the range shown announced as it changes.
 */
export function dataTable({ id, caption, columns, rows, csv, empty = 'Nothing to show for these filters.', pageSize }) {
  const wrap = document.createElement('div');
  wrap.className = 'table-wrap';
  const table = document.createElement('table');
  table.id = id;
  // the charts' "Table: …" links move focus here
  table.tabIndex = -1;
  const cap = document.createElement('caption');
  cap.textContent = caption;
  if (csv) {
    const link = document.createElement('a');
    link.className = 'csv';
    link.href = csv;
    link.dataset.csv = '';
    link.textContent = 'Download CSV';
    link.setAttribute('aria-label', `Download CSV: ${caption}`);
    cap.append(link);
  }
  table.append(cap);
  const head = table.createTHead().insertRow();
  for (const column of columns) {
    const th = document.createElement('th');
    th.scope = 'col';
    th.textContent = column.label;
    if (column.numeric) th.className = 'num';
    head.append(th);
  }
  const body = table.createTBody();
  const show = (shown) => {
    body.replaceChildren();
    if (shown.length === 0) {
      const cell = body.insertRow().insertCell();
      cell.colSpan = columns.length;
      cell.textContent = empty;
    }
    for (const row of shown) {
      const tr = body.insertRow();
      columns.forEach((column, i) => {
        const cell = i === 0 ? document.createElement('th') : document.createElement('td');
        if (i === 0) cell.scope = 'row';
        if (column.numeric) cell.className = 'num';
        const value = column.value(row);
        if (value instanceof Node) cell.append(value);
        else cell.textContent = value === null || value === undefined ? '–' : String(value);
        tr.append(cell);
      });
    }
  };
  wrap.append(table);
  if (!pageSize || rows.length <= pageSize) {
    show(rows);
    return wrap;
  }
  wrap.append(tablePages(id, caption, rows, pageSize, show));
  return wrap;
}

/** Previous and Next for a long table, with the rows shown said in words (and announced when they change). */
function tablePages(id, caption, rows, pageSize, show) {
  const nav = document.createElement('nav');
  nav.className = 'pages';
  nav.id = `${id}-pages`;
  nav.setAttribute('aria-label', `Pages of ${caption}`);
  const previous = document.createElement('button');
  previous.type = 'button';
  previous.className = 'secondary';
  previous.textContent = 'Previous';
  previous.setAttribute('aria-label', `Previous rows of ${caption}`);
  const next = document.createElement('button');
  next.type = 'button';
  next.className = 'secondary';
  next.textContent = 'Next';
  next.setAttribute('aria-label', `Next rows of ${caption}`);
  const range = document.createElement('span');
  range.setAttribute('role', 'status');
  let first = 0;
  const go = (to) => {
    first = Math.max(0, Math.min(to, (Math.ceil(rows.length / pageSize) - 1) * pageSize));
    show(rows.slice(first, first + pageSize));
    range.textContent = `Rows ${first + 1} to ${Math.min(first + pageSize, rows.length)} of ${rows.length}`;
    previous.disabled = first === 0;
    next.disabled = first + pageSize >= rows.length;
  };
  previous.addEventListener('click', () => go(first - pageSize));
  next.addEventListener('click', () => go(first + pageSize));
  nav.append(previous, range, next);
  go(0);
  return nav;
}

export function link(href, text) {
  const a = document.createElement('a');
  a.href = href;
  a.textContent = text;
  return a;
}

const STATUS_WORDS = {
  breached: 'Overdue',
  'due-soon': 'Due soon',
  running: 'On track',
  met: 'Done in time',
  'met-late': 'Done late',
  excepted: 'Exception applies',
  closed: 'Closed',
};

/** A clock's status as a tag, in the words the server-rendered pages use. */
export function tag(status) {
  const span = document.createElement('span');
  span.className = `tag ${status}`;
  span.textContent = STATUS_WORDS[status] ?? status.replace('-', ' ');
  return span;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "2025-01-13" as "13 January 2025"; nothing for no date. */
export const longDate = (date) => (date ? `${Number(date.slice(8, 10))} ${MONTHS[Number(date.slice(5, 7)) - 1]} ${date.slice(0, 4)}` : '–');

export const journeyHref = (childId, asOf) => `/dashboard/children/${encodeURIComponent(childId)}${asOf ? `?asOf=${encodeURIComponent(asOf)}` : ''}`;
