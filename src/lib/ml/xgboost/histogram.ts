// Gradient histograms of one tree node: for each feature, the sums of gradient and hessian of the node's
// rows per bin (slot nBins is the missing cell's bin), interleaved [G, H] in a Float64Array of
// 2 × totalSlots. Sums are double, as in XGBoost 1.7's GHistRow, over float32 gradients.
//
// The kernel (parallel/histogram-kernel.ts, or its WebAssembly twin parallel/histogram-wasm.ts, which the
// grower's pool uses where it runs) walks the node's rows and, for each row, all its features' bins from the
// row-major bin matrix; with a HistogramPool of several threads the rows are split into chunks across
// threads and the chunk histograms summed (a different summation order, so only when nthread > 1).
import type { HistogramPool } from '../parallel/histogram-pool.ts';
import { histRows16, histRows8, histRowsSome } from '../parallel/histogram-kernel.ts';
import type { BinMatrix } from './bin-matrix.ts';

/** Interleaves per-row gradients and hessians into `gpair` ([g0, h0, g1, h1, …], XGBoost's GradientPair). */
export function interleaveGradients(grad: Float32Array, hess: Float32Array, gpair: Float32Array): void {
  for (let i = 0; i < grad.length; i++) { gpair[2 * i] = grad[i]; gpair[2 * i + 1] = hess[i]; }
}

/**
 * Builds the histogram of rows[begin, end) over `features` into `hist` (other features' slots are left
 * as they are). `gpair` holds each row's interleaved [gradient, hessian] (see interleaveGradients).
 * With `pool` (all features only) the build is split across its threads; the pool already holds
 * `bins`, `gpair` and `rows` in shared memory.
 */
export function buildHistogram(
  bins: BinMatrix, gpair: Float32Array, rows: Uint32Array, begin: number, end: number,
  features: Int32Array, hist: Float64Array, pool: HistogramPool | null = null,
): void {
  const { codes, nCols, histOffsets: offs } = bins;
  if (features.length === nCols) {
    if (pool) return pool.build(begin, end, hist);
    hist.fill(0, 0, offs[nCols] << 1);
    if (codes instanceof Uint8Array) histRows8(codes, nCols, offs, gpair, rows, begin, end, hist);
    else histRows16(codes, nCols, offs, gpair, rows, begin, end, hist);
    return;
  }
  for (let fi = 0; fi < features.length; fi++) {
    const j = features[fi];
    hist.fill(0, offs[j] << 1, offs[j + 1] << 1);
  }
  histRowsSome(codes, nCols, offs, features, gpair, rows, begin, end, hist);
}

/** sibling = parent − built, over the slots of `features` (the histogram subtraction trick). */
export function subtractHistogram(bins: BinMatrix, parent: Float64Array, built: Float64Array, sibling: Float64Array, features: Int32Array): void {
  const offsets = bins.histOffsets;
  if (features.length === bins.nCols) {
    const hi = offsets[bins.nCols] << 1;
    for (let s = 0; s < hi; s++) sibling[s] = parent[s] - built[s];
    return;
  }
  for (let fi = 0; fi < features.length; fi++) {
    const j = features[fi];
    const hi = offsets[j + 1] << 1;
    for (let s = offsets[j] << 1; s < hi; s++) sibling[s] = parent[s] - built[s];
  }
}
