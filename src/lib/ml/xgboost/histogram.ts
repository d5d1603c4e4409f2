// Gradient histograms of one tree node: for each feature, the sums of gradient and hessian of the node's
// rows per bin (slot nBins is the missing cell's bin), interleaved [G, H] in a Float64Array of
// 2 × totalSlots. Sums are double, as in XGBoost 1.7's GHistRow, over float32 gradients.
import type { BinMatrix } from './bin-matrix.ts';

function accumulate8(col: Uint8Array, rows: Uint32Array, begin: number, n: number, g: Float32Array, h: Float32Array, hist: Float64Array, off: number): void {
  for (let k = 0; k < n; k++) {
    const b = off + (col[rows[begin + k]] << 1);
    hist[b] += g[k];
    hist[b + 1] += h[k];
  }
}

function accumulate16(col: Uint16Array, rows: Uint32Array, begin: number, n: number, g: Float32Array, h: Float32Array, hist: Float64Array, off: number): void {
  for (let k = 0; k < n; k++) {
    const b = off + (col[rows[begin + k]] << 1);
    hist[b] += g[k];
    hist[b + 1] += h[k];
  }
}

/**
 * Builds the histogram of rows[begin, end) over `features` into `hist` (other features' slots are left
 * as they are). `gScratch`/`hScratch` (length ≥ end - begin) receive the node's gradients, gathered once
 * so that the per-feature loops read them sequentially.
 */
export function buildHistogram(
  bins: BinMatrix, grad: Float32Array, hess: Float32Array, rows: Uint32Array, begin: number, end: number,
  features: Int32Array, hist: Float64Array, gScratch: Float32Array, hScratch: Float32Array,
): void {
  const n = end - begin;
  for (let k = 0; k < n; k++) {
    const r = rows[begin + k];
    gScratch[k] = grad[r];
    hScratch[k] = hess[r];
  }
  const offsets = bins.histOffsets;
  for (let fi = 0; fi < features.length; fi++) {
    const j = features[fi];
    const lo = offsets[j] << 1;
    hist.fill(0, lo, offsets[j + 1] << 1);
    const col = bins.columns[j];
    if (col instanceof Uint8Array) accumulate8(col, rows, begin, n, gScratch, hScratch, hist, lo);
    else accumulate16(col, rows, begin, n, gScratch, hScratch, hist, lo);
  }
}

/** sibling = parent − built, over the slots of `features` (the histogram subtraction trick). */
export function subtractHistogram(bins: BinMatrix, parent: Float64Array, built: Float64Array, sibling: Float64Array, features: Int32Array): void {
  const offsets = bins.histOffsets;
  for (let fi = 0; fi < features.length; fi++) {
    const j = features[fi];
    const hi = offsets[j + 1] << 1;
    for (let s = offsets[j] << 1; s < hi; s++) sibling[s] = parent[s] - built[s];
  }
}
