// What the SHAP charts draw, computed from one SHAP run (values rows × labels × features): the global
// ranking, the beeswarm's dots (deterministic jitter, colour by the row's value within its column), one
// row's waterfall from the expected value to the row's output, and a feature's dependence points.
import type { ShapRun } from '../../lib/engine/clarify-engine-api.ts';

/** The parts of a SHAP run the charts read. */
export type ShapView = Pick<ShapRun, 'features' | 'labels' | 'rows' | 'values' | 'expectedValue' | 'global' | 'data' | 'valueText'>;

export interface RankedFeature {
  feature: string;
  /** Column of the feature in the run. */
  index: number;
  /** Its global value for the label. */
  value: number;
}

/** Features by global value for `label`, largest magnitude first (ties keep the run's order). */
export function globalRanking(r: ShapView, label: number): RankedFeature[] {
  const e = r.features.length;
  const out = r.features.map((feature, j) => ({ feature, index: j, value: r.global[label * e + j] }));
  return out.sort((a, b) => Math.abs(b.value) - Math.abs(a.value) || a.index - b.index);
}

/** The SHAP value of `row`, `label`, feature column `j`. */
export function shapAt(r: ShapView, row: number, label: number, j: number): number {
  const e = r.features.length;
  return r.values[(row * r.labels.length + label) * e + j];
}

/** A deterministic offset in [−1, 1] for `row` in band `band` (an integer hash, so redraws do not move dots). */
export function jitter(row: number, band: number): number {
  let h = (Math.imul(row + 1, 0x9e3779b1) ^ Math.imul(band + 1, 0x85ebca6b)) >>> 0;
  h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d) >>> 0;
  h = (h ^ (h >>> 12)) >>> 0;
  return (h / 0xffffffff) * 2 - 1;
}

export interface SwarmDot {
  row: number;
  /** Band (0 = the most important feature). */
  band: number;
  /** Column of the feature. */
  feature: number;
  shap: number;
  /** The row's value within its column, 0 (lowest) to 1 (highest); NaN when missing or the column is constant. */
  level: number;
  /** Offset in [−1, 1] within the band. */
  jitter: number;
}

/** One dot per row for each feature of `columns` (bands in that order). */
export function swarmDots(r: ShapView, label: number, columns: number[]): SwarmDot[] {
  const e = r.features.length;
  const out: SwarmDot[] = [];
  columns.forEach((j, band) => {
    let lo = Infinity;
    let hi = -Infinity;
    for (let i = 0; i < r.rows; i++) {
      const v = r.data[i * e + j];
      if (v === v) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
    }
    for (let i = 0; i < r.rows; i++) {
      const v = r.data[i * e + j];
      const level = v === v && hi > lo ? (v - lo) / (hi - lo) : NaN;
      out.push({ row: i, band, feature: j, shap: shapAt(r, i, label, j), level, jitter: jitter(i, band) });
    }
  });
  return out;
}

export interface WaterfallBar {
  /** The feature and the row's value, e.g. "income = 52000"; or "N other features". */
  name: string;
  value: number;
  /** Cumulative output before and after this bar. */
  start: number;
  end: number;
}

export interface Waterfall {
  expected: number;
  /** expected + every feature's contribution: the row's output on the explained scale. */
  output: number;
  bars: WaterfallBar[];
}

/** A value as text for a label: numbers the data stored as float32 (0.39399999380111694) back to 7 significant digits. */
export function valueLabel(text: string): string {
  if (text === '') return 'missing';
  const v = Number(text);
  return /^[-+]?(\d|\.\d)/.test(text) && Number.isFinite(v) ? String(Number(v.toPrecision(7))) : text;
}

/** Row `row`'s waterfall for `label`: the `maxBars` − 1 largest contributions, the rest summed in one bar. */
export function waterfall(r: ShapView, label: number, row: number, maxBars = 12): Waterfall {
  const e = r.features.length;
  const expected = r.expectedValue[label];
  const parts = r.features.map((f, j) => ({ j, name: `${f} = ${valueLabel(r.valueText[row * e + j])}`, value: shapAt(r, row, label, j) }));
  parts.sort((a, b) => Math.abs(b.value) - Math.abs(a.value) || a.j - b.j);
  const keep = parts.length > maxBars ? parts.slice(0, maxBars - 1) : parts;
  const rest = parts.slice(keep.length);
  const items = keep.map(({ name, value }) => ({ name, value }));
  if (rest.length) items.push({ name: `${rest.length} other features`, value: rest.reduce((s, p) => s + p.value, 0) });
  let at = expected;
  const bars = items.map(({ name, value }) => {
    const start = at;
    at += value;
    return { name, value, start, end: at };
  });
  return { expected, output: at, bars };
}

export interface DependencePoint {
  row: number;
  /** The row's value of the feature (a category's code for categorical columns). */
  x: number;
  /** The feature's SHAP value for the row. */
  y: number;
  /** The value as text. */
  text: string;
}

/** Points of feature column `j` for `label`, rows with a missing value left out. */
export function dependencePoints(r: ShapView, label: number, j: number): DependencePoint[] {
  const e = r.features.length;
  const out: DependencePoint[] = [];
  for (let i = 0; i < r.rows; i++) {
    const x = r.data[i * e + j];
    if (x === x) out.push({ row: i, x, y: shapAt(r, i, label, j), text: r.valueText[i * e + j] });
  }
  return out;
}
