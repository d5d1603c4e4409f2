// Local SHAP values as a beeswarm: one row per feature (the top ones by mean |SHAP|), one dot per data row
// at x = its SHAP value. Dots falling in the same x bin are stacked outward from the row's centre line in
// row order, a deterministic jitter whose spread follows the density. With feature values given, dots are
// coloured from blue (low) to red (high) between the feature's 5th and 95th percentiles; NaN is grey.
import { escapeHtml, formatNumber } from './html.ts';
import { finiteExtent, labelWidth, linearScale, px, svgOpen, xAxis } from './svg.ts';

/** Local SHAP values of one explained output, for the beeswarm. */
export interface LocalShap {
  /** Feature names, one per column of `values`. */
  features: string[];
  /** rows × features SHAP values, row-major. */
  values: Float64Array;
  /** rows × features feature values (NaN = not numeric), for the dot colour; absent: dots in one colour. */
  data?: Float64Array;
  rows: number;
  /** The explained output (label) the values belong to. */
  label: string;
}

const ROW = 34;
const PLOT = 560;
const TOP = 8;
const AXIS = 40;
const LEGEND = 90;
const BINS = 120;
const LOW: [number, number, number] = [0, 138, 251];
const HIGH: [number, number, number] = [255, 0, 82];

/** Feature indices by mean |SHAP| over the finite values, largest first (ties by index). */
export function rankLocalFeatures(local: LocalShap): number[] {
  const p = local.features.length;
  const score = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    let s = 0;
    let n = 0;
    for (let i = 0; i < local.rows; i++) {
      const v = local.values[i * p + j];
      if (Number.isFinite(v)) { s += Math.abs(v); n++; }
    }
    score[j] = n > 0 ? s / n : -1;
  }
  return Array.from({ length: p }, (_, j) => j).sort((a, b) => score[b] - score[a] || a - b);
}

function quantile(sorted: number[], q: number): number {
  const at = q * (sorted.length - 1);
  const lo = Math.floor(at);
  return sorted[lo] + (at - lo) * (sorted[Math.min(lo + 1, sorted.length - 1)] - sorted[lo]);
}

function colour(t: number): string {
  const c = LOW.map((l, k) => Math.round(l + (HIGH[k] - l) * Math.min(1, Math.max(0, t))));
  return `rgb(${c[0]},${c[1]},${c[2]})`;
}

/** The colour of each dot of feature `j`: by its value between the 5th and 95th percentile; grey for NaN. */
function featureColours(local: LocalShap, j: number): string[] {
  const p = local.features.length;
  if (!local.data) return new Array<string>(local.rows).fill('rgb(84,110,122)');
  const col = Array.from({ length: local.rows }, (_, i) => local.data![i * p + j]);
  const finite = col.filter(Number.isFinite).sort((a, b) => a - b);
  if (finite.length === 0) return col.map(() => 'rgb(158,158,158)');
  const [lo, hi] = [quantile(finite, 0.05), quantile(finite, 0.95)];
  return col.map((v) => (Number.isFinite(v) ? colour(hi > lo ? (v - lo) / (hi - lo) : 0.5) : 'rgb(158,158,158)'));
}

function legend(x0: number, y0: number, h: number): string {
  const steps = 10;
  let out = `<text class="tick" x="${px(x0 + 16)}" y="${px(y0 + 8)}">high</text>`;
  for (let k = 0; k < steps; k++) {
    out += `<rect x="${px(x0)}" y="${px(y0 + (k * h) / steps)}" width="10" height="${px(h / steps + 0.5)}" fill="${colour(1 - k / (steps - 1))}"/>`;
  }
  out += `<text class="tick" x="${px(x0 + 16)}" y="${px(y0 + h)}">low</text>`;
  return `${out}<text class="tick" x="${px(x0 + 16)}" y="${px(y0 + h / 2 + 4)}">feature value</text>`;
}

/** The beeswarm of the `top` (default 10) features with the largest mean |SHAP|. */
export function beeswarmChart(local: LocalShap, top = 10): string {
  const p = local.features.length;
  const order = rankLocalFeatures(local).slice(0, top);
  if (order.length === 0 || local.rows === 0) return '';
  const [lo0, hi0] = finiteExtent(order.flatMap((j) => Array.from({ length: local.rows }, (_, i) => local.values[i * p + j])), [0]);
  const pad = (hi0 - lo0) * 0.03;
  const left = Math.max(...order.map((j) => labelWidth(local.features[j]))) + 14;
  const x = linearScale(lo0 - pad, hi0 + pad, left, left + PLOT);
  const r = local.rows > 500 ? 2 : 2.6;
  const bottom = TOP + order.length * ROW;
  let body = `<line class="zero" x1="${px(x(0))}" x2="${px(x(0))}" y1="${px(TOP)}" y2="${px(bottom)}"/>`;
  order.forEach((j, k) => {
    const mid = TOP + k * ROW + ROW / 2;
    body += `<line class="grid" x1="${px(left)}" x2="${px(left + PLOT)}" y1="${px(mid)}" y2="${px(mid)}"/>`;
    body += `<text class="label" x="${px(left - 8)}" y="${px(mid + 4)}" text-anchor="end">${escapeHtml(local.features[j])}</text>`;
    const colours = featureColours(local, j);
    const bins = new Int32Array(BINS);
    const slot = new Int32Array(local.rows);
    for (let i = 0; i < local.rows; i++) {
      const v = local.values[i * p + j];
      if (!Number.isFinite(v)) { slot[i] = -1; continue; }
      const b = Math.min(BINS - 1, Math.max(0, Math.floor(((x(v) - left) / PLOT) * BINS)));
      slot[i] = bins[b]++;
    }
    const most = Math.max(1, ...bins);
    const step = Math.min(r * 1.6, (ROW / 2 - r - 1) / Math.ceil((most - 1) / 2 || 1));
    for (let i = 0; i < local.rows; i++) {
      if (slot[i] < 0) continue;
      const v = local.values[i * p + j];
      const s = slot[i];
      const dy = (s % 2 === 1 ? -1 : 1) * Math.ceil(s / 2) * step;
      body += `<circle cx="${px(x(v))}" cy="${px(mid + dy)}" r="${r}" fill="${colours[i]}"/>`;
    }
  });
  body += xAxis(x, bottom + 2, 6);
  body += `<text class="tick" x="${px(left + PLOT / 2)}" y="${px(bottom + 34)}" text-anchor="middle">SHAP value (impact on ${escapeHtml(local.label)}; ${escapeHtml(formatNumber(local.rows))} rows)</text>`;
  if (local.data) body += legend(left + PLOT + 20, TOP + 4, Math.min(160, order.length * ROW - 8));
  return `${svgOpen(left + PLOT + (local.data ? LEGEND + 20 : 20), bottom + AXIS, `Beeswarm of local SHAP values for ${local.label}`)}${body}</svg>`;
}
