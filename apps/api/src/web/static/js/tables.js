/**
 * A data table with a caption and, when `csv` is given, a link to the same rows as CSV.
 * `columns`: `[{ label, value: (row) => string | number | Node, numeric? }]`.
 */
export function dataTable({ id, caption, columns, rows, csv, empty = 'Nothing to show for these filters.' }) {
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
  if (rows.length === 0) {
    const cell = body.insertRow().insertCell();
    cell.colSpan = columns.length;
    cell.textContent = empty;
  }
  for (const row of rows) {
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
  wrap.append(table);
  return wrap;
}

export function link(href, text) {
  const a = document.createElement('a');
  a.href = href;
  a.textContent = text;
  return a;
}

export function tag(status) {
  const span = document.createElement('span');
  span.className = `tag ${status}`;
  span.textContent = status.replace('-', ' ');
  return span;
}

export const journeyHref = (childId, asOf) => `/dashboard/children/${encodeURIComponent(childId)}${asOf ? `?asOf=${encodeURIComponent(asOf)}` : ''}`;
