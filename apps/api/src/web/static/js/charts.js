// Small SVG charts drawn from the same rows as the tables beside them. Each chart is an image with a text
// alternative (its figure caption) and a link to its table; `data-rendered` and `data-points` say what was drawn.
const NS = 'http://www.w3.org/2000/svg';
const WIDTH = 640;
const HEIGHT = 280;
const MARGIN = { top: 16, right: 16, bottom: 44, left: 52 };

export function svgEl(name, attrs = {}, text) {
  const node = document.createElementNS(NS, name);
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, String(value));
  if (text !== undefined) node.textContent = text;
  return node;
}

/** A top for the y axis that is a whole number of round steps (1, 2, 2.5 or 5 × 10ⁿ), at most four of them. */
function niceMax(value) {
  if (value <= 0) return 1;
  const rough = value / 4;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => s >= rough && (s >= 1 || s === rough)) ?? 10 * magnitude;
  return step * Math.ceil(value / step);
}

function ticksOf(max) {
  const steps = [4, 5, 3, 2].find((n) => Number.isInteger(max / n)) ?? 1;
  return Array.from({ length: steps + 1 }, (_, i) => (max * i) / steps);
}

function frame(labels, max, yLabel, format) {
  const svg = svgEl('svg', { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, role: 'img', focusable: 'false' });
  const plotW = WIDTH - MARGIN.left - MARGIN.right;
  const plotH = HEIGHT - MARGIN.top - MARGIN.bottom;
  const y = (v) => MARGIN.top + plotH - (v / max) * plotH;
  for (const value of ticksOf(max)) {
    svg.append(svgEl('line', { class: 'grid-line', x1: MARGIN.left, x2: WIDTH - MARGIN.right, y1: y(value), y2: y(value) }));
    svg.append(svgEl('text', { x: MARGIN.left - 6, y: y(value) + 4, 'text-anchor': 'end', class: 'muted' }, format(value)));
  }
  svg.append(svgEl('text', { x: 12, y: MARGIN.top + plotH / 2, transform: `rotate(-90 12 ${MARGIN.top + plotH / 2})`, 'text-anchor': 'middle', class: 'muted' }, yLabel));
  const band = plotW / labels.length;
  const every = Math.ceil(labels.length / 12);
  labels.forEach((label, i) => {
    if (i % every !== 0) return;
    svg.append(svgEl('text', { x: MARGIN.left + band * i + band / 2, y: HEIGHT - MARGIN.bottom + 18, 'text-anchor': 'middle' }, label));
  });
  svg.append(svgEl('line', { class: 'axis', x1: MARGIN.left, x2: WIDTH - MARGIN.right, y1: y(0), y2: y(0) }));
  return { svg, y, band, plotW };
}

/**
 * Grouped bars: `series` is `[{ name, values, tone? }]`, one value per label (null draws nothing);
 * `tone` picks the colour (0 blue, 1 orange, 2 red; default the series' position).
 * `target` draws a dashed line at that value (e.g. a standard).
 */
export function barChart({ labels, series, yLabel, format = (v) => String(Math.round(v)), max, target }) {
  const values = series.flatMap((s) => s.values).filter((v) => v !== null);
  const top = max ?? niceMax(Math.max(0, ...values, target?.value ?? 0));
  const { svg, y, band } = frame(labels, top, yLabel, format);
  const barW = (band * 0.8) / series.length;
  let points = 0;
  series.forEach((s, k) => {
    s.values.forEach((value, i) => {
      if (value === null) return;
      points += 1;
      const x = MARGIN.left + band * i + band * 0.1 + barW * k;
      const bar = svgEl('rect', { class: `bar-${s.tone ?? k}`, x, y: y(value), width: Math.max(barW - 1, 1), height: Math.max(y(0) - y(value), value > 0 ? 1 : 0) });
      bar.append(svgEl('title', {}, `${labels[i]}, ${s.name}: ${format(value)}`));
      svg.append(bar);
    });
  });
  if (target) {
    svg.append(svgEl('line', { class: 'target', x1: MARGIN.left, x2: WIDTH - MARGIN.right, y1: y(target.value), y2: y(target.value) }));
    svg.append(svgEl('text', { x: WIDTH - MARGIN.right, y: y(target.value) - 5, 'text-anchor': 'end' }, target.label));
  }
  svg.dataset.points = String(points);
  return svg;
}

/** Lines through the values of each series, one point per label; a null breaks the line. */
export function lineChart({ labels, series, yLabel, format = (v) => String(Math.round(v)), target }) {
  const values = series.flatMap((s) => s.values).filter((v) => v !== null);
  const top = niceMax(Math.max(0, ...values, target?.value ?? 0));
  const { svg, y, band } = frame(labels, top, yLabel, format);
  let points = 0;
  series.forEach((s, k) => {
    let d = '';
    s.values.forEach((value, i) => {
      if (value === null) {
        d += ' ';
        return;
      }
      points += 1;
      const x = MARGIN.left + band * i + band / 2;
      d += `${d === '' || d.endsWith(' ') ? 'M' : 'L'}${x.toFixed(1)},${y(value).toFixed(1)}`;
      const dot = svgEl('circle', { class: `dot-${k}`, cx: x, cy: y(value), r: 4 });
      dot.append(svgEl('title', {}, `${labels[i]}, ${s.name}: ${format(value)}`));
      svg.append(dot);
    });
    svg.prepend(svgEl('path', { class: `line-${k}`, d: d.trim() }));
  });
  if (target) {
    svg.append(svgEl('line', { class: 'target', x1: MARGIN.left, x2: WIDTH - MARGIN.right, y1: y(target.value), y2: y(target.value) }));
    svg.append(svgEl('text', { x: WIDTH - MARGIN.right, y: y(target.value) - 5, 'text-anchor': 'end' }, target.label));
  }
  svg.dataset.points = String(points);
  return svg;
}

/**
 * A chart in a figure: its caption names it, says in words what it shows (the text alternative) and
 * links to the table with the same figures. `legend`: `[{ label, tone }]`, shown when there are several series.
 */
export function chartFigure({ id, title, summary, tableId, svg, legend = [] }) {
  const figure = document.createElement('figure');
  figure.id = id;
  const caption = document.createElement('figcaption');
  caption.id = `${id}-caption`;
  const name = document.createElement('span');
  name.className = 'chart-title';
  name.textContent = title;
  const text = document.createElement('span');
  text.className = 'chart-summary';
  text.textContent = `${summary} `;
  const link = document.createElement('a');
  link.href = `#${tableId}`;
  link.textContent = `Table: ${title.toLowerCase()}`;
  caption.append(name, text, link);
  if (legend.length > 1) {
    const list = document.createElement('ul');
    list.className = 'legend';
    list.setAttribute('aria-hidden', 'true');
    legend.forEach(({ label, tone }) => {
      const item = document.createElement('li');
      item.className = `swatch-${tone}`;
      item.textContent = label;
      list.append(item);
    });
    caption.prepend(list);
  }
  svg.setAttribute('aria-labelledby', caption.id);
  svg.dataset.rendered = 'true';
  figure.append(svg, caption);
  return figure;
}
