// The quantised training matrix: one byte per cell, row-major (XGBoost's GHistIndexMatrix layout), so the
// histogram kernel reads a row's bins from contiguous memory. Cell (i, j) at codes[i * nCols + j] holds
// feature j's bin index, or nBins[j] for a missing cell, so a feature needs nBins + 1 codes; when some
// feature has 256 bins and also missing cells (rare), the whole matrix is stored as Uint16 instead.
import { sharedArray } from '../parallel/histogram-pool.ts';
import { computeCuts, type HistogramCuts } from './quantile-cuts.ts';

export interface BinMatrix {
  nRows: number;
  nCols: number;
  cuts: HistogramCuts;
  /** Number of (non-missing) bins of each feature. */
  nBins: Uint32Array;
  /** Row-major bin codes, nRows × nCols; code nBins[j] means missing. */
  codes: Uint8Array | Uint16Array;
  /** Feature j's histogram occupies slots [histOffsets[j], histOffsets[j+1]); the last one is "missing". */
  histOffsets: Uint32Array;
  /** Total histogram slots (sum of nBins + 1). */
  totalSlots: number;
  /** 1 where the column has a missing cell: only those need the missing-goes-left scan. */
  hasMissing: Uint8Array;
}

/**
 * Bins `columns` with freshly computed cuts (at most `maxBin` bins per feature). `shared` puts the codes on
 * a SharedArrayBuffer for histogram threads; defaults to false.
 */
export function buildBinMatrix(columns: readonly Float32Array[], nRows: number, maxBin: number, weights?: Float32Array, shared = false): BinMatrix {
  const nCols = columns.length;
  // Each column's count of present values: fewer than nRows means it has missing cells.
  const present = new Uint32Array(nCols);
  const cuts = computeCuts(columns, maxBin, weights, present);
  const nBins = new Uint32Array(nCols);
  const histOffsets = new Uint32Array(nCols + 1);
  const hasMissing = new Uint8Array(nCols);
  let wide = false;
  for (let j = 0; j < nCols; j++) {
    nBins[j] = cuts.ptrs[j + 1] - cuts.ptrs[j];
    histOffsets[j + 1] = histOffsets[j] + nBins[j] + 1;
    hasMissing[j] = present[j] < nRows ? 1 : 0;
    if (nBins[j] + 1 > 256 && hasMissing[j]) wide = true;
  }
  const codes = wide ? sharedArray(Uint16Array, nRows * nCols, shared) : sharedArray(Uint8Array, nRows * nCols, shared);
  for (let j = 0; j < nCols; j++) binColumn(columns[j], cuts, j, codes, j, nCols);
  return { nRows, nCols, cuts, nBins, codes, histOffsets, totalSlots: histOffsets[nCols], hasMissing };
}

/** The bin codes of feature `j`, one per row (a copy; for tests and inspection). */
export function columnCodes(b: BinMatrix, j: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < b.nRows; i++) out.push(b.codes[i * b.nCols + j]);
  return out;
}

/**
 * Writes the bin code of each value of feature `j` (missing → nBins) into `out[start + i * stride]`.
 * The bin is upper_bound over the feature's cuts, clamped to the last bin (searchBin), found by a
 * branch-free binary search run for four values at once: the comparisons are coin flips a branch would
 * mispredict, and four independent searches keep the CPU busy while each waits on its loads.
 */
export function binColumn(col: Float32Array, cuts: HistogramCuts, j: number, out: Uint8Array | Uint16Array, start = 0, stride = 1): void {
  const beg = cuts.ptrs[j];
  const end = cuts.ptrs[j + 1];
  const n0 = end - beg;
  const missing = n0;
  const vals = cuts.values;
  const n = col.length;
  let i = 0;
  let o = start;
  for (; i + 4 <= n; i += 4) {
    const v0 = col[i], v1 = col[i + 1], v2 = col[i + 2], v3 = col[i + 3];
    let b0 = beg, b1 = beg, b2 = beg, b3 = beg;
    // Invariant: the upper bound of each value lies in [b, b + len]; `half & -(x <= v)` adds half or 0.
    for (let len = n0; len > 1;) {
      const half = len >>> 1;
      b0 += half & -(vals[b0 + half] <= v0);
      b1 += half & -(vals[b1 + half] <= v1);
      b2 += half & -(vals[b2 + half] <= v2);
      b3 += half & -(vals[b3 + half] <= v3);
      len -= half;
    }
    out[o] = v0 !== v0 ? missing : clampBin(b0 + +(vals[b0] <= v0), end) - beg; o += stride;
    out[o] = v1 !== v1 ? missing : clampBin(b1 + +(vals[b1] <= v1), end) - beg; o += stride;
    out[o] = v2 !== v2 ? missing : clampBin(b2 + +(vals[b2] <= v2), end) - beg; o += stride;
    out[o] = v3 !== v3 ? missing : clampBin(b3 + +(vals[b3] <= v3), end) - beg; o += stride;
  }
  for (; i < n; i++, o += stride) {
    const v = col[i];
    if (v !== v) { out[o] = missing; continue; }
    let b = beg;
    for (let len = n0; len > 1;) {
      const half = len >>> 1;
      b += half & -(vals[b + half] <= v);
      len -= half;
    }
    out[o] = clampBin(b + +(vals[b] <= v), end) - beg;
  }
}

/** An upper bound past the last cut falls in the last bin. */
function clampBin(lo: number, end: number): number {
  return lo === end ? end - 1 : lo;
}
