// The dashboard's charts, drawn by Chart.js 4 from the same rows as the tables beside them. Chart.js is the
// UMD build the app serves from node_modules (/assets/vendor/chart.umd.min.js, a deferred classic script
// that runs before this module), so it is `globalThis.Chart`. Each chart is a canvas in a figure: its
// caption is the text alternative and links to the table; once drawn, the canvas carries
// `data-rendered="true"` and `data-points` (how many values it plotted, reference lines left out).
const Chart = globalThis.Chart;
if (typeof Chart !== 'function') throw new Error('Chart.js did not load (/assets/vendor/chart.umd.min.js)');

const css = getComputedStyle(document.documentElement);
const cssVar = (name) => css.getPropertyValue(name).trim();

// the palette lives in app.css; the tones are the old SVG charts': 0 blue, 1 orange, 2 red
const TONES = [
  { fill: cssVar('--link'), line: cssVar('--link') },
  { fill: cssVar('--due-soon'), line: cssVar('--due-soon') },
  { fill: cssVar('--breached'), line: cssVar('--breached') },
  // orange told from red by lightness too, not hue alone: a pale bar with an orange edge
  { fill: '#fcd6c3', line: cssVar('--due-soon') },
];
const POINT_STYLES = ['circle', 'rectRot', 'triangle'];

Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
Chart.defaults.font.size = 13;
Chart.defaults.color = cssVar('--text');
Chart.defaults.borderColor = '#dedfe0';

/** Marks the canvas once Chart.js has drawn it, for the tests and anyone inspecting the page. */
const markRendered = {
  id: 'sjMarkRendered',
  afterRender(chart) {
    const points = chart.data.datasets
      .filter((d) => !d.reference)
      .reduce((n, d) => n + d.data.filter((v) => v !== null && v !== undefined).length, 0);
    chart.canvas.dataset.points = String(points);
    chart.canvas.dataset.rendered = 'true';
  },
};

function referenceLine(labels, target) {
  return {
    type: 'line',
    label: target.label,
    data: labels.map(() => target.value),
    reference: true,
    borderColor: cssVar('--breached'),
    backgroundColor: cssVar('--breached'),
    borderWidth: 2,
    borderDash: [6, 4],
    pointRadius: 0,
    pointHoverRadius: 0,
    pointStyle: 'line',
    order: 1, // drawn beneath the data and listed after it
  };
}

function options({ xLabel, yLabel, format, max, legend }) {
  const title = (text) => ({ display: Boolean(text), text, font: { weight: '600' } });
  return {
    // figures for a report, not a show: no animation, so a chart is complete as soon as it is drawn
    animation: false,
    responsive: true,
    maintainAspectRatio: false, // the height comes from .chart-box in app.css
    layout: { padding: { top: 8, right: 8 } }, // room for the top tick label and the last category label
    interaction: { mode: 'index', intersect: false },
    scales: {
      x: { title: title(xLabel), grid: { display: false } },
      y: { beginAtZero: true, max, title: title(yLabel), ticks: { precision: 0, callback: (v) => format(Number(v)) } },
    },
    plugins: {
      legend: { display: legend, position: 'top', align: 'start', onClick: null, labels: { usePointStyle: true, boxHeight: 8 } },
      tooltip: {
        filter: (item) => !item.dataset.reference,
        callbacks: { label: (item) => `${item.dataset.label}: ${item.raw === null ? '–' : format(item.raw)}` },
      },
    },
  };
}

/**
 * Grouped bars: `series` is `[{ name, values, tone? }]`, one value per label (null draws nothing);
 * `tone` picks the colour (0 blue, 1 orange, 2 red, 3 pale orange; default the series' position).
 * `target` draws a dashed line at that value (e.g. a standard); `showZero` draws a zero as a sliver, to
 * tell it from a null (e.g. 0% of plans on time against no plan issued). Returns a Chart.js configuration.
 */
export function barChart({ labels, series, xLabel, yLabel, format = (v) => String(Math.round(v)), max, target, showZero = false }) {
  const datasets = series.map((s, k) => {
    const tone = TONES[s.tone ?? k];
    return {
      type: 'bar',
      label: s.name,
      data: s.values,
      backgroundColor: tone.fill,
      borderColor: tone.line,
      borderWidth: tone.fill === tone.line ? 0 : 2,
      pointStyle: 'rect',
      minBarLength: showZero ? 3 : 0,
    };
  });
  if (target) datasets.push(referenceLine(labels, target));
  return { type: 'bar', data: { labels, datasets }, options: options({ xLabel, yLabel, format, max, legend: datasets.length > 1 }) };
}

/** Lines through the values of each series, one point per label; a null breaks the line. */
export function lineChart({ labels, series, xLabel, yLabel, format = (v) => String(Math.round(v)), target }) {
  const datasets = series.map((s, k) => {
    const tone = TONES[s.tone ?? k];
    return {
      type: 'line',
      label: s.name,
      data: s.values,
      borderColor: tone.line,
      backgroundColor: tone.fill,
      borderWidth: 3,
      pointRadius: 4,
      pointStyle: POINT_STYLES[k % POINT_STYLES.length],
      spanGaps: false,
    };
  });
  if (target) datasets.push(referenceLine(labels, target));
  return { type: 'line', data: { labels, datasets }, options: options({ xLabel, yLabel, format, legend: datasets.length > 1 }) };
}

const pending = new WeakMap();
const live = new Set();

/**
 * A chart in a figure: its caption names it, says in words what it shows (the text alternative) and
 * links to the table with the same figures. `chart` is a configuration from barChart or lineChart;
 * it is drawn by drawCharts once the figure is in the document (Chart.js sizes the canvas to its box).
 */
export function chartFigure({ id, title, summary, tableId, chart }) {
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

  const box = document.createElement('div');
  box.className = 'chart-box';
  const canvas = document.createElement('canvas');
  canvas.setAttribute('role', 'img');
  canvas.setAttribute('aria-labelledby', caption.id);
  canvas.textContent = summary; // shown only where canvas is not supported
  box.append(canvas);
  pending.set(canvas, chart);
  figure.append(box, caption);
  return figure;
}

/** Draws the charts put under `host` since the last call, and frees those no longer in the document. */
export function drawCharts(host) {
  for (const chart of live) {
    if (!chart.canvas?.isConnected) {
      chart.destroy();
      live.delete(chart);
    }
  }
  for (const canvas of host.querySelectorAll('.chart-box canvas')) {
    const config = pending.get(canvas);
    if (!config) continue;
    pending.delete(canvas);
    live.add(new Chart(canvas, { ...config, plugins: [markRendered] }));
  }
}
