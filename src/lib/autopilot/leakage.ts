// Target leakage: how well one column alone predicts the target, scored out of fold. The one-feature model
// is a lookup table: numbers fall into quantile bins (a depth-limited tree's leaves, in effect), categories
// are their own cells, missing is a cell of its own, and each cell predicts its training rows' target mean
// (a class rate for classification). A score near perfect from one column means the column is recorded
// with or after the outcome, and a model trained on it would fail where the column is not yet known.
import type { ColumnCells } from './column-cells.ts';
import { quantileSorted } from '../profile/quantile.ts';

/** Folds of the cross-validation. */
export const LEAKAGE_FOLDS = 5;

/** Quantile bins a numeric column is cut into. */
export const LEAKAGE_BINS = 64;

/** A one-feature score (AUC for classification, R² for regression) above this flags the column. */
export const LEAKAGE_THRESHOLD = 0.99;

/** Most classes averaged in a multiclass score (the most frequent ones), to bound the time. */
export const LEAKAGE_MAX_CLASSES = 20;

/** Cell codes of one column: 0…size−1, missing included as a code of its own. */
export interface FeatureCodes {
  codes: Int32Array;
  size: number;
}

function upperBound(edges: Float64Array, x: number): number {
  let lo = 0, hi = edges.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (edges[mid] <= x) lo = mid + 1; else hi = mid;
  }
  return lo;
}

/** The cells as codes: numbers by quantile bin (`bins`, tied edges merged), text by value. */
export function featureCodes(cells: ColumnCells, bins = LEAKAGE_BINS): FeatureCodes {
  const n = cells.values.length;
  const codes = new Int32Array(n);
  if (cells.kind === 'number') {
    const v = cells.values;
    const sorted = v.filter((x) => x === x).sort();
    const edges = [...new Set(Array.from({ length: bins - 1 }, (_, k) => quantileSorted(sorted, (k + 1) / bins)))].filter((e) => e === e);
    const e = Float64Array.from(edges);
    const missing = e.length + 1;
    for (let i = 0; i < n; i++) codes[i] = v[i] !== v[i] ? missing : upperBound(e, v[i]);
    return { codes, size: missing + 1 };
  }
  const index = new Map<string | null, number>();
  cells.values.forEach((s, i) => {
    let c = index.get(s);
    if (c === undefined) { c = index.size; index.set(s, c); }
    codes[i] = c;
  });
  return { codes, size: index.size };
}

/**
 * Out-of-fold predictions of `y` from the codes alone: each row gets the mean of `y` over the other folds'
 * rows with its code, shrunk towards their overall mean by one pseudo-row so a code seen once is not trusted.
 */
export function outOfFoldMeans(f: FeatureCodes, y: ArrayLike<number>, folds: Uint8Array): Float64Array {
  const n = y.length;
  const sum = new Float64Array(LEAKAGE_FOLDS * f.size), count = new Float64Array(LEAKAGE_FOLDS * f.size);
  const foldSum = new Float64Array(LEAKAGE_FOLDS), foldCount = new Float64Array(LEAKAGE_FOLDS);
  const totalSum = new Float64Array(f.size), totalCount = new Float64Array(f.size);
  for (let i = 0; i < n; i++) {
    const k = folds[i] * f.size + f.codes[i];
    sum[k] += y[i]; count[k]++;
    foldSum[folds[i]] += y[i]; foldCount[folds[i]]++;
    totalSum[f.codes[i]] += y[i]; totalCount[f.codes[i]]++;
  }
  let allSum = 0, allCount = 0;
  for (let k = 0; k < LEAKAGE_FOLDS; k++) { allSum += foldSum[k]; allCount += foldCount[k]; }
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const fold = folds[i], code = f.codes[i], k = fold * f.size + code;
    const prior = (allSum - foldSum[fold]) / Math.max(1, allCount - foldCount[fold]);
    const s = totalSum[code] - sum[k], c = totalCount[code] - count[k];
    out[i] = (s + prior) / (c + 1);
  }
  return out;
}

/** Area under the ROC curve of `scores` for `positive` (ties count half); NaN without both classes. */
export function auc(scores: Float64Array, positive: Uint8Array): number {
  const distinct = Float64Array.from(new Set(scores)).sort();
  const pos = new Float64Array(distinct.length), neg = new Float64Array(distinct.length);
  for (let i = 0; i < scores.length; i++) {
    const g = upperBound(distinct, scores[i]) - 1;
    if (positive[i]) pos[g]++; else neg[g]++;
  }
  let below = 0, area = 0, P = 0, N = 0;
  for (let g = 0; g < distinct.length; g++) {
    area += pos[g] * (below + neg[g] / 2);
    below += neg[g];
    P += pos[g]; N += neg[g];
  }
  return P === 0 || N === 0 ? NaN : area / (P * N);
}

/** Quantile bins of a numeric column when each bin holds a line (regression): few, as a line already follows the trend. */
export const LEAKAGE_LINE_BINS = 8;

/** Fewest training rows in a bin before its regression prediction is a line rather than a mean. */
const MIN_LINEAR_ROWS = 5;

/**
 * Out-of-fold predictions of a numeric `y` from numeric `x` (NaN = missing) with a line per quantile bin: a
 * model tree with linear leaves, so that a column equal to the target plus noise scores as it should and is
 * not held back by the bins' width. Bins with fewer than MIN_LINEAR_ROWS training rows, or with one x value,
 * fall back to outOfFoldMeans' shrunk mean.
 */
export function outOfFoldLines(f: FeatureCodes, x: Float64Array, y: ArrayLike<number>, folds: Uint8Array): Float64Array {
  const n = y.length, size = f.size;
  // Per fold and code: count, Σx, Σy, Σx², Σxy (missing x adds 0; its bin predicts the mean anyway).
  const acc = new Float64Array(LEAKAGE_FOLDS * size * 5), tot = new Float64Array(size * 5);
  for (let i = 0; i < n; i++) {
    const xi = x[i] === x[i] ? x[i] : 0, k = (folds[i] * size + f.codes[i]) * 5, t = f.codes[i] * 5;
    const terms = [1, xi, y[i], xi * xi, xi * y[i]];
    for (let m = 0; m < 5; m++) { acc[k + m] += terms[m]; tot[t + m] += terms[m]; }
  }
  const means = outOfFoldMeans(f, y, folds);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const k = (folds[i] * size + f.codes[i]) * 5, t = f.codes[i] * 5;
    const [c, sx, sy, sxx, sxy] = [0, 1, 2, 3, 4].map((m) => tot[t + m] - acc[k + m]);
    const varX = sxx - (sx * sx) / c;
    if (x[i] !== x[i] || c < MIN_LINEAR_ROWS || !(varX > 1e-12 * Math.max(1, sxx))) { out[i] = means[i]; continue; }
    const slope = (sxy - (sx * sy) / c) / varX;
    out[i] = sy / c + slope * (x[i] - sx / c);
  }
  return out;
}

/** R² of `predictions` against `y`: 1 − SSE / SST; NaN when `y` is constant. */
export function rSquared(predictions: Float64Array, y: ArrayLike<number>): number {
  let mean = 0;
  for (let i = 0; i < y.length; i++) mean += y[i];
  mean /= y.length;
  let sse = 0, sst = 0;
  for (let i = 0; i < y.length; i++) {
    sse += (y[i] - predictions[i]) ** 2;
    sst += (y[i] - mean) ** 2;
  }
  return sst === 0 ? NaN : 1 - sse / sst;
}

/** What the one-feature model is scored on: class indices (classification) or values (regression). */
export interface LeakageTarget {
  labels: Float64Array;
  /** Number of classes; 0 for regression. */
  classes: number;
  folds: Uint8Array;
}

/**
 * The one-feature model's cross-validated score: AUC for binary (class 1 positive), the mean one-vs-rest AUC
 * over the LEAKAGE_MAX_CLASSES most frequent classes for multiclass, R² for regression (with a line per bin
 * for numeric columns).
 */
export function oneFeatureScore(cells: ColumnCells, target: LeakageTarget): number {
  const { labels, folds } = target;
  if (target.classes === 0 && cells.kind === 'number') return rSquared(outOfFoldLines(featureCodes(cells, LEAKAGE_LINE_BINS), cells.values, labels, folds), labels);
  const f = featureCodes(cells);
  if (target.classes === 0) return rSquared(outOfFoldMeans(f, labels, folds), labels);
  const counts = new Float64Array(target.classes);
  for (const l of labels) counts[l]++;
  const order = Array.from(counts.keys()).filter((c) => counts[c] > 0).sort((a, b) => counts[b] - counts[a] || a - b);
  const scored = target.classes === 2 ? [1] : order.slice(0, LEAKAGE_MAX_CLASSES);
  let total = 0, used = 0;
  for (const c of scored) {
    const positive = Uint8Array.from(labels, (l) => (l === c ? 1 : 0));
    const a = auc(outOfFoldMeans(f, positive, folds), positive);
    if (a === a) { total += a; used++; }
  }
  return used === 0 ? NaN : total / used;
}
