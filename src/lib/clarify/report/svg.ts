// The few pieces the report's inline SVG charts share: coordinates (rounded, always finite), linear scales,
// round tick values, and the label width estimate (no fonts are measured: the renderer is a pure function).
import { escapeHtml, formatNumber } from './html.ts';

/** Estimated width of one character of 12 px sans-serif text, in px; generous, so labels are never cut. */
export const CHAR_PX = 7;
/** Estimated width of a capital, a digit, m, w or a character outside Latin-1 at 12 px (metric names are capitals). */
export const WIDE_CHAR_PX = 8.5;

/** Estimated width in px of `text` drawn at 12 px: CHAR_PX per character, WIDE_CHAR_PX for the wide ones. */
export function labelWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += /[A-Z0-9mw@%]|[^\u0000-\u00ff]/.test(ch) ? WIDE_CHAR_PX : CHAR_PX;
  return w;
}

/** A coordinate for an SVG attribute, rounded to 0.01 px. Throws on a non-finite number: a chart bug, never drawn. */
export function px(v: number): string {
  if (!Number.isFinite(v)) throw new Error(`report chart: non-finite coordinate ${String(v)}`);
  return String(Math.round(v * 100) / 100);
}

export interface Scale {
  (v: number): number;
  lo: number;
  hi: number;
}

/** Maps [lo, hi] linearly onto [r0, r1]; lo < hi. */
export function linearScale(lo: number, hi: number, r0: number, r1: number): Scale {
  const k = (r1 - r0) / (hi - lo);
  const s = ((v: number) => r0 + (v - lo) * k) as Scale;
  s.lo = lo;
  s.hi = hi;
  return s;
}

/** Smallest and largest finite value of `values` and `include`, widened to a non-empty interval. */
export function finiteExtent(values: Iterable<number>, include: number[] = []): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of [...values, ...include]) {
    if (!Number.isFinite(v)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (lo > hi) return [0, 1];
  if (lo === hi) {
    const d = lo === 0 ? 1 : Math.abs(lo) * 0.1;
    return [lo - d, hi + d];
  }
  return [lo, hi];
}

/** About `count` round values (1, 2 or 5 × 10^k steps) within [lo, hi], as d3's ticks. */
export function niceTicks(lo: number, hi: number, count = 5): number[] {
  const raw = (hi - lo) / Math.max(1, count);
  if (!(raw > 0) || !Number.isFinite(raw)) return [lo];
  const pow = 10 ** Math.floor(Math.log10(raw));
  const err = raw / pow;
  const step = (err >= 7.07 ? 10 : err >= 3.16 ? 5 : err >= 1.41 ? 2 : 1) * pow;
  const out: number[] = [];
  for (let i = Math.ceil(lo / step); i * step <= hi + step * 1e-9; i++) out.push(Number((i * step).toPrecision(12)) + 0);
  return out;
}

/** The opening tag of an inline SVG chart (no xmlns: HTML parsers supply it), with its accessible name. */
export function svgOpen(width: number, height: number, label: string): string {
  return `<svg class="chart" width="${px(width)}" height="${px(height)}" viewBox="0 0 ${px(width)} ${px(height)}" role="img" aria-label="${escapeHtml(label)}">`;
}

/** A horizontal axis at `y`: a baseline from the scale's range, tick marks and labels at niceTicks. */
export function xAxis(x: Scale, y: number, count = 5): string {
  const [a, b] = [x(x.lo), x(x.hi)];
  let out = `<line class="axis" x1="${px(a)}" x2="${px(b)}" y1="${px(y)}" y2="${px(y)}"/>`;
  for (const t of niceTicks(x.lo, x.hi, count)) {
    out += `<line class="axis" x1="${px(x(t))}" x2="${px(x(t))}" y1="${px(y)}" y2="${px(y + 4)}"/>`;
    out += `<text class="tick" x="${px(x(t))}" y="${px(y + 15)}" text-anchor="middle">${escapeHtml(formatNumber(t))}</text>`;
  }
  return out;
}

/** A vertical axis at `x`: tick labels right-aligned left of it, with light grid lines to `x2`. */
export function yAxis(y: Scale, x: number, x2: number, count = 4): string {
  let out = `<line class="axis" x1="${px(x)}" x2="${px(x)}" y1="${px(y(y.lo))}" y2="${px(y(y.hi))}"/>`;
  for (const t of niceTicks(y.lo, y.hi, count)) {
    out += `<line class="grid" x1="${px(x)}" x2="${px(x2)}" y1="${px(y(t))}" y2="${px(y(t))}"/>`;
    out += `<text class="tick" x="${px(x - 4)}" y="${px(y(t) + 4)}" text-anchor="end">${escapeHtml(formatNumber(t))}</text>`;
  }
  return out;
}
