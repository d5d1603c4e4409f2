// Per-feature drift between a reference sample and a current one, beyond what Model Monitor writes: the
// two-sample Kolmogorov-Smirnov test and the Wasserstein distance (both as SciPy computes them), the
// population stability index and the Jensen-Shannon distance over stated bins (drift-binning.ts), and
// driftReport, the `drift.json` of `mlpad monitor drift`: one entry per reference column.
import type { Table } from 'apache-arrow';
import { binShares, categoryShares, quantileEdges, type CategoricalBinning, type NumericBinning } from './drift-binning.ts';
import { driftColumn } from './drift-columns.ts';
import { ksTwoSample, presentSorted } from './drift-ks.ts';

export { ksTwoSample, type KsResult } from './drift-ks.ts';
export type { CategoricalBinning, NumericBinning } from './drift-binning.ts';

/** Share given to an empty bin in PSI, whose log-ratio is otherwise infinite. */
export const PSI_EPSILON = 1e-4;
/** Quantile bins of the reference that PSI and the JS distance count in. */
export const DRIFT_BINS = 10;

export interface BinningOptions {
  /** Number of quantile bins of the reference (fewer when quantiles coincide); defaults to 10. */
  bins?: number;
  /** Inner bin edges to use instead of the reference's quantiles (ascending, right-closed bins); defaults to none. */
  edges?: readonly number[];
}

export interface PsiOptions extends BinningOptions {
  /** Share substituted for an empty bin (on either side) before taking logs; defaults to 1e-4. */
  epsilon?: number;
}

export interface PsiResult<B extends NumericBinning | CategoricalBinning = NumericBinning | CategoricalBinning> {
  /** Σ (current − reference) · ln(current / reference) over the bins, natural log. */
  value: number;
  /** Number of bins counted. */
  bins: number;
  epsilon: number;
  /** How the bins were made. */
  binning: B;
}

export interface JsResult {
  /** √(JS divergence) with base-2 logs: 0 for equal histograms, 1 for disjoint ones. */
  value: number;
  base: 2;
  binning: NumericBinning | CategoricalBinning;
}

/** scipy.stats.wasserstein_distance(a, b): ∫ |F_a − F_b| over the line. NaN values are missing and ignored. */
export function wasserstein(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const x = presentSorted(a, 'a', 'wasserstein');
  const y = presentSorted(b, 'b', 'wasserstein');
  let i = 0, j = 0, sum = 0;
  let prev = Math.min(x[0], y[0]);
  while (i < x.length || j < y.length) {
    const v = j >= y.length || (i < x.length && x[i] <= y[j]) ? x[i] : y[j];
    sum += Math.abs(i / x.length - j / y.length) * (v - prev);
    prev = v;
    while (i < x.length && x[i] <= v) i++;
    while (j < y.length && y[j] <= v) j++;
  }
  return sum;
}

function numericBinning(fn: string, ref: Float64Array, options: BinningOptions): NumericBinning {
  let edges: number[];
  if (options.edges !== undefined) {
    edges = [...options.edges];
    for (let i = 0; i < edges.length; i++) {
      if (!Number.isFinite(edges[i]) || (i > 0 && edges[i] <= edges[i - 1])) throw new RangeError(`${fn}: 'edges' must be finite and strictly ascending; edges[${i}] = ${edges[i]}`);
    }
  } else {
    const k = options.bins ?? DRIFT_BINS;
    if (!Number.isInteger(k) || k < 2) throw new RangeError(`${fn}: 'bins' must be an integer >= 2, got ${k}`);
    edges = quantileEdges(ref, k);
  }
  return { method: 'quantile', bins: edges.length + 1, edges };
}

function psiOf(fn: string, ref: Float64Array, cur: Float64Array, epsilon: number): number {
  if (!(epsilon > 0 && epsilon < 1)) throw new RangeError(`${fn}: 'epsilon' must be in (0, 1), got ${epsilon}`);
  let sum = 0;
  for (let i = 0; i < ref.length; i++) {
    const r = ref[i] === 0 ? epsilon : ref[i];
    const c = cur[i] === 0 ? epsilon : cur[i];
    sum += (c - r) * Math.log(c / r);
  }
  return sum;
}

/** scipy.spatial.distance.jensenshannon(p, q, base=2) on two histograms of equal length. */
export function jensenShannon(p: ArrayLike<number>, q: ArrayLike<number>): number {
  let sp = 0, sq = 0;
  for (let i = 0; i < p.length; i++) { sp += p[i]; sq += q[i]; }
  let left = 0, right = 0;
  for (let i = 0; i < p.length; i++) {
    const pi = p[i] / sp, qi = q[i] / sq, m = (pi + qi) / 2;
    if (pi > 0) left += pi * Math.log(pi / m);
    if (qi > 0) right += qi * Math.log(qi / m);
  }
  return Math.sqrt(Math.max(0, (left + right) / Math.LN2) / 2);
}

/** Population stability index of `b` (current) against `a` (reference) over quantile bins of `a`; NaN ignored. */
export function psi(a: ArrayLike<number>, b: ArrayLike<number>, options: PsiOptions = {}): PsiResult<NumericBinning> {
  const ref = presentSorted(a, 'a', 'psi');
  const cur = presentSorted(b, 'b', 'psi');
  const binning = numericBinning('psi', ref, options);
  const epsilon = options.epsilon ?? PSI_EPSILON;
  const value = psiOf('psi', binShares(ref, binning.edges), binShares(cur, binning.edges), epsilon);
  return { value, bins: binning.bins, epsilon, binning };
}

/** Jensen-Shannon distance (base 2) between the histograms of `a` and `b` over quantile bins of `a`; NaN ignored. */
export function jsDistance(a: ArrayLike<number>, b: ArrayLike<number>, options: BinningOptions = {}): JsResult {
  const ref = presentSorted(a, 'a', 'jsDistance');
  const cur = presentSorted(b, 'b', 'jsDistance');
  const binning = numericBinning('jsDistance', ref, options);
  return { value: jensenShannon(binShares(ref, binning.edges), binShares(cur, binning.edges)), base: 2, binning };
}

function categorical(fn: string, a: readonly (string | null)[], b: readonly (string | null)[]) {
  for (const [name, col] of [['a', a], ['b', b]] as const) {
    if (!Array.isArray(col)) throw new TypeError(`${fn}: '${name}' must be an array of strings`);
    if (!col.some((v) => v !== null)) throw new RangeError(`${fn}: '${name}' holds no values (it is empty or every value is missing)`);
  }
  return categoryShares(a, b);
}

/** PSI over categories (one bin per category, see CategoricalBinning); null values are missing and ignored. */
export function psiCategorical(a: readonly (string | null)[], b: readonly (string | null)[], options: { epsilon?: number } = {}): PsiResult<CategoricalBinning> {
  const s = categorical('psiCategorical', a, b);
  const epsilon = options.epsilon ?? PSI_EPSILON;
  const value = psiOf('psiCategorical', s.reference, s.current, epsilon);
  return { value, bins: s.categories.length, epsilon, binning: { method: 'categories', categories: s.categories } };
}

/** Jensen-Shannon distance (base 2) over categories; null values are missing and ignored. */
export function jsDistanceCategorical(a: readonly (string | null)[], b: readonly (string | null)[]): JsResult {
  const s = categorical('jsDistanceCategorical', a, b);
  return { value: jensenShannon(s.reference, s.current), base: 2, binning: { method: 'categories', categories: s.categories } };
}

/** One feature of drift.json; a statistic that does not apply, or could not be computed, is null and `note` says why. */
export interface FeatureDrift {
  name: string;
  kind: 'numeric' | 'categorical';
  ks_statistic: number | null;
  ks_pvalue: number | null;
  wasserstein: number | null;
  psi: number | null;
  js_distance: number | null;
  /** The bins PSI and JS were computed over, with PSI's epsilon; null when they were not computed. */
  binning: ((NumericBinning | CategoricalBinning) & { epsilon: number; js_base: 2 }) | null;
  note?: string;
}

export interface DriftReport {
  features: FeatureDrift[];
}

export interface DriftReportOptions extends PsiOptions {
  /** Columns to compare, in this order; defaults to every column of the reference. */
  columns?: readonly string[];
}

function present(values: Float64Array | (string | null)[]): boolean {
  for (const v of values) if (v !== null && !(typeof v === 'number' && Number.isNaN(v))) return true;
  return false;
}

/** drift.json: every reference column against the current table's column of the same name. */
export function driftReport(reference: Table, current: Table, options: DriftReportOptions = {}): DriftReport {
  const names = options.columns ?? reference.schema.fields.map((f) => f.name);
  const features = names.map((name): FeatureDrift => {
    const ref = driftColumn(reference, name);
    const cur = driftColumn(current, name);
    const kind = ref?.kind ?? cur?.kind ?? 'numeric';
    const empty = { name, kind, ks_statistic: null, ks_pvalue: null, wasserstein: null, psi: null, js_distance: null, binning: null };
    if (!ref) return { ...empty, note: `column '${name}' is not in the reference data` };
    if (!cur) return { ...empty, note: `column '${name}' is not in the current data` };
    if (ref.kind !== cur.kind) return { ...empty, note: `column '${name}' is ${ref.kind} in the reference data but ${cur.kind} in the current data` };
    if (!present(ref.values)) return { ...empty, note: `column '${name}' has no values in the reference data` };
    if (!present(cur.values)) return { ...empty, note: `column '${name}' has no values in the current data` };
    if (ref.kind === 'categorical' && cur.kind === 'categorical') {
      const p = psiCategorical(ref.values, cur.values, options);
      const js = jsDistanceCategorical(ref.values, cur.values);
      return { ...empty, psi: p.value, js_distance: js.value, binning: { ...p.binning, epsilon: p.epsilon, js_base: 2 },
        note: `'${name}' is text: the Kolmogorov-Smirnov test and the Wasserstein distance need numbers` };
    }
    const a = ref.values as Float64Array, b = cur.values as Float64Array;
    const ks = ksTwoSample(a, b);
    const p = psi(a, b, options);
    return { ...empty, ks_statistic: ks.statistic, ks_pvalue: ks.pvalue, wasserstein: wasserstein(a, b), psi: p.value,
      js_distance: jsDistance(a, b, { edges: p.binning.edges }).value, binning: { ...p.binning, epsilon: p.epsilon, js_base: 2 } };
  });
  return { features };
}
