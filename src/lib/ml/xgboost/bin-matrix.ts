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
  const cuts = computeCuts(columns, maxBin, weights);
  const nCols = columns.length;
  const nBins = new Uint32Array(nCols);
  const histOffsets = new Uint32Array(nCols + 1);
  const hasMissing = new Uint8Array(nCols);
  let wide = false;
  for (let j = 0; j < nCols; j++) {
    nBins[j] = cuts.ptrs[j + 1] - cuts.ptrs[j];
    histOffsets[j + 1] = histOffsets[j] + nBins[j] + 1;
    hasMissing[j] = hasNaN(columns[j]) ? 1 : 0;
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

function hasNaN(col: Float32Array): boolean {
  for (let i = 0; i < col.length; i++) if (col[i] !== col[i]) return true;
  return false;
}

/**
 * Writes the bin code of each value of feature `j` (missing → nBins) into `out[start + i * stride]`.
 */
export function binColumn(col: Float32Array, cuts: HistogramCuts, j: number, out: Uint8Array | Uint16Array, start = 0, stride = 1): void {
  const beg = cuts.ptrs[j];
  const end = cuts.ptrs[j + 1];
  const missing = end - beg;
  const vals = cuts.values;
  for (let i = 0, o = start; i < col.length; i++, o += stride) {
    const v = col[i];
    if (v !== v) { out[o] = missing; continue; }
    // upper_bound over this feature's cuts (searchBin, inlined: this runs once per cell).
    let lo = beg, hi = end;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (vals[mid] <= v) lo = mid + 1;
      else hi = mid;
    }
    out[o] = (lo === end ? end - 1 : lo) - beg;
  }
}
