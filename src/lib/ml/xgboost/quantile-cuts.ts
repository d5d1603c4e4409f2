// Histogram cut points per feature, as XGBoost 1.7's `hist` computes them (HostSketchContainer::MakeCuts
// and AddCutPoint in src/common/quantile.cc). Bin b of a feature holds values in [cut[b-1], cut[b]); a
// split after bin b has split_condition cut[b] and sends x < cut[b] left. On a column with at most
// ~4,000 present values the sketch is exact in XGBoost too, and the cuts here are identical to native;
// on larger columns XGBoost's sketch is approximate and these (exact-summary) cuts differ slightly.
import { radixSortFloat32 } from '../radix-sort.ts';
import { prunedSummaryOfSorted, pruneSummary, sketchLimitSize, summaryFromSorted, type QuantileSummary } from './quantile-summary.ts';

const f = Math.fround;
const EPS5 = Math.fround(1e-5);
/** WQSketch::kFactor: the intermediate summary keeps kFactor × max_bin entries. */
const SKETCH_FACTOR = 8;

/** Cut points of every feature, concatenated. */
export interface HistogramCuts {
  /** Feature j's cuts are values[ptrs[j] .. ptrs[j+1]); it has ptrs[j+1] - ptrs[j] bins. */
  ptrs: Uint32Array;
  values: Float32Array;
  /** A value below every training value of feature j: the split condition that sends only missing left. */
  minValues: Float32Array;
}

/** Working memory reused across a matrix's columns: the present values and the radix sort's scratch. */
interface SortScratch { values: Float32Array; keys: Uint32Array }

/**
 * Sorted present (non-NaN, positive-weight) values of a column, and their weights when weighted. Unweighted,
 * the values are a view of `scratch` (valid until the next column).
 */
function sortedPresent(col: Float32Array, weights: Float32Array | undefined, scratch: SortScratch): { values: Float32Array; w: Float32Array | null; count: number } {
  const n = col.length;
  if (!weights) {
    if (scratch.values.length < n) { scratch.values = new Float32Array(n); scratch.keys = new Uint32Array(n); }
    const values = scratch.values;
    let m = 0;
    for (let i = 0; i < n; i++) { const v = col[i]; if (v === v) values[m++] = v; }
    const present = radixSortFloat32(values.subarray(0, m), scratch.keys);
    return { values: present, w: null, count: m };
  }
  const idx: number[] = [];
  let count = 0;
  for (let i = 0; i < n; i++) {
    const v = col[i];
    if (v === v) { count++; if (weights[i] > 0) idx.push(i); }
  }
  idx.sort((a, b) => col[a] - col[b]);
  const values = new Float32Array(idx.length);
  const w = new Float32Array(idx.length);
  for (let k = 0; k < idx.length; k++) { values[k] = col[idx[k]]; w[k] = weights[idx[k]]; }
  return { values, w, count };
}

/** The final summary of one column and the number of bins XGBoost allows it. */
function columnSummary(col: Float32Array, weights: Float32Array | undefined, maxBin: number, scratch: SortScratch): { summary: QuantileSummary | null; maxNumBins: number; count: number } {
  const { values, w, count } = sortedPresent(col, weights, scratch);
  if (count === 0 || values.length === 0) return { summary: null, maxNumBins: 0, count };
  const nBinsSketch = Math.max(1, Math.min(maxBin, count));
  const limit = sketchLimitSize(count, 1 / f(nBinsSketch * SKETCH_FACTOR));
  // Unweighted, the exact summary's prune walks the sorted runs directly (same entries, no full-size summary).
  let s = !w && values.length <= 2 ** 24
    ? prunedSummaryOfSorted(values, values.length, limit)
    : pruneSummary(summaryFromSorted(values, values.length, w), limit);
  const numCuts = Math.min(count, maxBin * SKETCH_FACTOR);
  s = pruneSummary(s, numCuts);
  const maxNumBins = Math.min(numCuts, maxBin);
  return { summary: pruneSummary(s, maxNumBins + 1), maxNumBins, count };
}

/**
 * Cut points of each column for at most `maxBin` bins per feature. NaN is missing and gets no bin.
 * `weights` (sample weights) weight the quantiles as XGBoost's sketch does. `present`, when given, receives
 * each column's count of present (non-NaN) values.
 */
export function computeCuts(columns: readonly Float32Array[], maxBin: number, weights?: Float32Array, present?: Uint32Array): HistogramCuts {
  const nCols = columns.length;
  const ptrs = new Uint32Array(nCols + 1);
  const minValues = new Float32Array(nCols);
  const all: number[] = [];
  const scratch: SortScratch = { values: new Float32Array(0), keys: new Uint32Array(0) };
  for (let j = 0; j < nCols; j++) {
    const { summary: a, maxNumBins, count } = columnSummary(columns[j], weights, maxBin, scratch);
    if (present) present[j] = count;
    if (a && a.size > 0) {
      const mval = a.value[0];
      minValues[j] = f(f(mval - Math.abs(mval)) - EPS5);
      const required = Math.min(a.size, maxNumBins);
      for (let i = 1; i < required; i++) {
        const cpt = a.value[i];
        if (i === 1 || cpt > all[all.length - 1]) all.push(cpt);
      }
      const top = a.value[a.size - 1];
      all.push(f(top + f(Math.abs(top) + EPS5)));
    } else {
      // An empty (all-missing) column: one bin, never split.
      minValues[j] = EPS5;
      all.push(f(EPS5 + f(EPS5 + EPS5)));
    }
    ptrs[j + 1] = all.length;
  }
  return { ptrs, values: Float32Array.from(all), minValues };
}

/** The bin of value `v` (not NaN) in feature `j`: upper_bound over its cuts, clamped to the last bin. */
export function searchBin(cuts: HistogramCuts, j: number, v: number): number {
  const beg = cuts.ptrs[j];
  const end = cuts.ptrs[j + 1];
  const vals = cuts.values;
  let lo = beg;
  let hi = end;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (vals[mid] <= v) lo = mid + 1;
    else hi = mid;
  }
  return (lo === end ? end - 1 : lo) - beg;
}
