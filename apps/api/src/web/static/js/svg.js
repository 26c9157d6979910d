// SVG elements for the journey timeline (the dashboard's charts are drawn by Chart.js, see charts.js).
const NS = 'http://www.w3.org/2000/svg';

export function svgEl(name, attrs = {}, text) {
  const node = document.createElementNS(NS, name);
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, String(value));
  if (text !== undefined) node.textContent = text;
  return node;
}
