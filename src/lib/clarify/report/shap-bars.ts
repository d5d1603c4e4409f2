// Global SHAP values of one explained output as a horizontal bar chart: features sorted by |value|
// (largest first), the top ones only, the label column as wide as the longest name so none is cut.
import { escapeHtml, formatNumber } from './html.ts';
import { finiteExtent, labelWidth, linearScale, px, svgOpen, xAxis } from './svg.ts';

const ROW = 20;
const PLOT = 480;
const VALUE_ROOM = 60;
const TOP = 6;
const AXIS = 26;

/** Features with finite global values, largest |value| first (ties by name), and the count left out as non-finite. */
export function rankFeatures(values: Record<string, number>): { ranked: [string, number][]; nonFinite: number } {
  const all = Object.entries(values);
  const ranked = all.filter(([, v]) => typeof v === 'number' && Number.isFinite(v));
  ranked.sort((a, b) => Math.abs(b[1]) - Math.abs(a[1]) || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return { ranked, nonFinite: all.length - ranked.length };
}

/** The bar chart of the `top` (default 20) largest global SHAP values, named `caption` for screen readers. */
export function shapBarChart(values: Record<string, number>, caption: string, top = 20): string {
  const shown = rankFeatures(values).ranked.slice(0, top);
  if (shown.length === 0) return '';
  const [lo, hi] = finiteExtent(shown.map(([, v]) => v), [0]);
  const anyNegative = lo < 0;
  const left = Math.max(...shown.map(([f]) => labelWidth(f))) + 12 + (anyNegative ? VALUE_ROOM : 0);
  const x = linearScale(lo, hi, left, left + PLOT);
  const bottom = TOP + shown.length * ROW;
  const width = left + PLOT + VALUE_ROOM;
  const labelX = left - 8 - (anyNegative ? VALUE_ROOM : 0);
  let body = `<line class="zero" x1="${px(x(0))}" x2="${px(x(0))}" y1="${px(TOP)}" y2="${px(bottom)}"/>`;
  shown.forEach(([feature, v], i) => {
    const y = TOP + i * ROW;
    const a = Math.min(x(0), x(v));
    const w = Math.max(Math.abs(x(v) - x(0)), 1);
    const text = escapeHtml(formatNumber(v));
    body += `<text class="label" x="${px(labelX)}" y="${px(y + ROW / 2 + 4)}" text-anchor="end">${escapeHtml(feature)}</text>`;
    body += `<rect class="bar shap ${v < 0 ? 'neg' : 'pos'}" x="${px(a)}" y="${px(y + 3)}" width="${px(w)}" height="${px(ROW - 6)}"><title>${escapeHtml(feature)} = ${text}</title></rect>`;
    body += v < 0
      ? `<text class="value" x="${px(a - 4)}" y="${px(y + ROW / 2 + 4)}" text-anchor="end">${text}</text>`
      : `<text class="value" x="${px(a + w + 4)}" y="${px(y + ROW / 2 + 4)}">${text}</text>`;
  });
  body += xAxis(x, bottom + 2, 6);
  return `${svgOpen(width, bottom + AXIS, caption)}${body}</svg>`;
}
