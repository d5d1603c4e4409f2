// One facet value's bias metrics as a horizontal bar chart: a bar from 0 to each value, a dark tick at the
// metric's fair value (0; 1 for DI), bars coloured by distance from fair. Infinite values run to the edge
// and read ∞; undefined metrics get a row that says so and no bar, so nothing non-finite is drawn.
import type { MetricResult } from '../bias/types.ts';
import { fairnessBand, fairValue, metricNumber } from './fairness.ts';
import { escapeHtml, formatNumber } from './html.ts';
import { finiteExtent, labelWidth, linearScale, px, svgOpen, xAxis } from './svg.ts';

const ROW = 22;
const PLOT = 340;
const VALUE_COL = 64;
const TOP = 6;
const AXIS = 26;

/** The SVG bar chart of `metrics`, named `caption` for screen readers. */
export function biasChart(metrics: MetricResult[], caption: string): string {
  const numbers = metrics.map((m) => metricNumber(m.value));
  const fairs = metrics.map((m) => fairValue(m.name));
  const [lo0, hi0] = finiteExtent(numbers, [0, ...fairs]);
  const pad = (hi0 - lo0) * 0.04;
  const [lo, hi] = [lo0 - pad, hi0 + pad];
  const left = Math.max(...metrics.map((m) => labelWidth(m.name)), 28) + 12;
  const x = linearScale(lo, hi, left, left + PLOT);
  const height = TOP + metrics.length * ROW + AXIS;
  const width = left + PLOT + VALUE_COL;
  const bottom = TOP + metrics.length * ROW;
  let body = `<line class="zero" x1="${px(x(0))}" x2="${px(x(0))}" y1="${px(TOP)}" y2="${px(bottom)}"/>`;
  metrics.forEach((m, i) => {
    const y = TOP + i * ROW;
    const mid = y + ROW / 2;
    const v = numbers[i];
    body += `<text class="label" x="${px(left - 8)}" y="${px(mid + 4)}" text-anchor="end">${escapeHtml(m.name)}<title>${escapeHtml(m.description)}</title></text>`;
    if (Number.isNaN(v)) {
      body += `<text class="undef" x="${px(x(0) + 4)}" y="${px(mid + 4)}">undefined</text>`;
    } else {
      const end = v === Infinity ? x(hi) : v === -Infinity ? x(lo) : x(v);
      const [a, b] = end >= x(0) ? [x(0), end] : [end, x(0)];
      body += `<rect class="bar fair-${fairnessBand(m.name, m.value)}" x="${px(a)}" y="${px(y + 4)}" width="${px(Math.max(b - a, 1))}" height="${px(ROW - 8)}"><title>${escapeHtml(`${m.name} = ${formatNumber(v)}`)}</title></rect>`;
      body += `<text class="value" x="${px(left + PLOT + 8)}" y="${px(mid + 4)}">${escapeHtml(formatNumber(v))}</text>`;
    }
    body += `<line class="fair" x1="${px(x(fairs[i]))}" x2="${px(x(fairs[i]))}" y1="${px(y + 1)}" y2="${px(y + ROW - 1)}"/>`;
  });
  body += xAxis(x, bottom + 2, 5);
  return `${svgOpen(width, height, caption)}${body}</svg>`;
}
