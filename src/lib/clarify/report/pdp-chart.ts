// Partial dependence of one feature as a small chart of the first label's mean prediction: a line over
// the grid for a numerical feature, points at evenly spaced positions for a categorical one (category
// names under them, slanted). Non-numeric grid values and non-finite predictions are left out, not drawn.
import type { PdpFeature } from '../analysis.ts';
import { escapeHtml } from './html.ts';
import { finiteExtent, labelWidth, linearScale, px, svgOpen, xAxis, yAxis } from './svg.ts';

const W = 320;
const H = 150;
const LEFT = 52;
const RIGHT = 14;
const TOP = 10;
const MAX_CATEGORY_CHARS = 16;

function shortLabel(s: string): string {
  const chars = Array.from(s);
  return chars.length > MAX_CATEGORY_CHARS ? `${chars.slice(0, MAX_CATEGORY_CHARS - 1).join('')}…` : s;
}

/** The SVG chart of `pdp` for its first label; '' when it has no finite point. */
export function pdpChart(pdp: PdpFeature): string {
  const ys = (pdp.model_predictions?.[0] ?? []).map(Number);
  const n = Math.min(ys.length, pdp.feature_values.length);
  const categorical = pdp.data_type === 'categorical';
  const xs = pdp.feature_values.slice(0, n).map((v, i) => (categorical ? i : typeof v === 'number' ? v : Number(v)));
  const keep = Array.from({ length: n }, (_, i) => i).filter((i) => Number.isFinite(xs[i]) && Number.isFinite(ys[i]));
  if (keep.length === 0) return '';
  const names = pdp.feature_values.map((v) => shortLabel(String(v)));
  const bottomRoom = categorical ? Math.max(...keep.map((i) => labelWidth(names[i]))) * 0.72 + 16 : 26;
  const plotBottom = TOP + H;
  const [ylo, yhi] = finiteExtent(keep.map((i) => ys[i]));
  const ypad = (yhi - ylo) * 0.06;
  const y = linearScale(ylo - ypad, yhi + ypad, plotBottom, TOP);
  const caption = `Partial dependence of ${pdp.label_headers?.[0] ?? 'the prediction'} on ${pdp.feature_name}`;
  // A slanted first category name reaches left of its point by about cos 40° of its width.
  const left = categorical ? Math.max(LEFT, labelWidth(names[keep[0]]) * 0.77 - 8) : LEFT;
  let body = yAxis(y, left, W - RIGHT, 4);
  if (categorical) {
    const x = linearScale(-0.5, Math.max(n - 0.5, 0.5), left, W - RIGHT);
    for (const i of keep) {
      const cx = x(i);
      body += `<circle class="pdp" cx="${px(cx)}" cy="${px(y(ys[i]))}" r="3.5"><title>${escapeHtml(String(pdp.feature_values[i]))}</title></circle>`;
      body += `<text class="tick" transform="translate(${px(cx)},${px(plotBottom + 12)}) rotate(-40)" text-anchor="end">${escapeHtml(names[i])}</text>`;
    }
    body += `<line class="axis" x1="${px(left)}" x2="${px(W - RIGHT)}" y1="${px(plotBottom)}" y2="${px(plotBottom)}"/>`;
  } else {
    const [xlo, xhi] = finiteExtent(keep.map((i) => xs[i]));
    const x = linearScale(xlo, xhi, left, W - RIGHT);
    const d = keep.map((i, k) => `${k === 0 ? 'M' : 'L'}${px(x(xs[i]))},${px(y(ys[i]))}`).join('');
    body += `<path class="pdp" d="${d}"/>`;
    if (keep.length === 1) body += `<circle class="pdp" cx="${px(x(xs[keep[0]]))}" cy="${px(y(ys[keep[0]]))}" r="3.5"/>`;
    body += xAxis(x, plotBottom, 4);
  }
  return `${svgOpen(W, plotBottom + bottomRoom, caption)}${body}</svg>`;
}

/** The PDP section's body: one small chart per feature, for the first label of each. */
export function renderPdp(features: PdpFeature[]): string {
  if (features.length === 0) return '<p class="note">No features.</p>';
  const cards = features.map((f) => {
    const chart = pdpChart(f);
    const label = f.label_headers?.[0];
    return `<figure class="pdp-card"><figcaption><code>${escapeHtml(f.feature_name)}</code> <span class="muted">(${escapeHtml(f.data_type)}${label === undefined ? '' : `; ${escapeHtml(label)}`})</span></figcaption>`
      + `${chart === '' ? '<p class="note">No finite points to draw.</p>' : chart}</figure>`;
  });
  return `<div class="pdp-grid">${cards.join('')}</div>`;
}
