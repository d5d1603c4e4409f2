// Per-feature drift between a reference sample and a current one, beyond what Model Monitor writes: the
// two-sample Kolmogorov-Smirnov test and the Wasserstein distance (both as SciPy computes them), the
// population stability index and the Jensen-Shannon distance over stated bins (drift-binning.ts), and
// driftReport, the `drift.json` of `mlpad monitor drift`: one entry per reference column.
// The kernels on sorted samples and the reference prepared once live in drift-reference.ts.
import type { Table } from 'apache-arrow';
import { binShares, categoryShares, type CategoricalBinning, type NumericBinning } from './drift-binning.ts';
import { presentSorted } from './drift-ks.ts';
import { binningOf, checkEpsilon, driftAgainst, jensenShannon, PSI_EPSILON, prepareReference, psiFromShares, readDriftColumn, wassersteinSorted } from './drift-reference.ts';

export { ksTwoSample, type KsResult } from './drift-ks.ts';
export type { CategoricalBinning, NumericBinning } from './drift-binning.ts';
export { DRIFT_BINS, jensenShannon, PSI_EPSILON, prepareReference, driftAgainst, type DriftReference } from './drift-reference.ts';

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
  return wassersteinSorted(presentSorted(a, 'a', 'wasserstein'), presentSorted(b, 'b', 'wasserstein'));
}

function psiOf(fn: string, ref: Float64Array, cur: Float64Array, epsilon: number): number {
  checkEpsilon(fn, epsilon);
  return psiFromShares(ref, cur, epsilon);
}

/** Population stability index of `b` (current) against `a` (reference) over quantile bins of `a`; NaN ignored. */
export function psi(a: ArrayLike<number>, b: ArrayLike<number>, options: PsiOptions = {}): PsiResult<NumericBinning> {
  const ref = presentSorted(a, 'a', 'psi');
  const cur = presentSorted(b, 'b', 'psi');
  const binning = binningOf('psi', ref, options);
  const epsilon = options.epsilon ?? PSI_EPSILON;
  const value = psiOf('psi', binShares(ref, binning.edges), binShares(cur, binning.edges), epsilon);
  return { value, bins: binning.bins, epsilon, binning };
}

/** Jensen-Shannon distance (base 2) between the histograms of `a` and `b` over quantile bins of `a`; NaN ignored. */
export function jsDistance(a: ArrayLike<number>, b: ArrayLike<number>, options: BinningOptions = {}): JsResult {
  const ref = presentSorted(a, 'a', 'jsDistance');
  const cur = presentSorted(b, 'b', 'jsDistance');
  const binning = binningOf('jsDistance', ref, options);
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

/** drift.json: every reference column against the current table's column of the same name. */
export function driftReport(reference: Table, current: Table, options: DriftReportOptions = {}): DriftReport {
  return { features: driftAgainst(prepareReference(reference, options), (name) => readDriftColumn(current, name)) };
}
