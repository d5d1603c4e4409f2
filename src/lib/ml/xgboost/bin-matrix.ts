// The quantised training matrix: one byte per cell, column-major. Column j stores its bin index, or
// nBins[j] for a missing cell, so a feature needs nBins + 1 codes; the rare column that has 256 bins and
// also missing cells is stored as Uint16 instead.
import { computeCuts, type HistogramCuts } from './quantile-cuts.ts';

export interface BinMatrix {
  nRows: number;
  nCols: number;
  cuts: HistogramCuts;
  /** Number of (non-missing) bins of each feature. */
  nBins: Uint32Array;
  /** Bin codes of each column; code nBins[j] means missing. Uint8 views into one buffer where they fit. */
  columns: (Uint8Array | Uint16Array)[];
  /** Feature j's histogram occupies slots [histOffsets[j], histOffsets[j+1]); the last one is "missing". */
  histOffsets: Uint32Array;
  /** Total histogram slots (sum of nBins + 1). */
  totalSlots: number;
  /** 1 where the column has a missing cell: only those need the missing-goes-left scan. */
  hasMissing: Uint8Array;
}

/** Bins `columns` with freshly computed cuts (at most `maxBin` bins per feature). */
export function buildBinMatrix(columns: readonly Float32Array[], nRows: number, maxBin: number, weights?: Float32Array): BinMatrix {
  const cuts = computeCuts(columns, maxBin, weights);
  const nCols = columns.length;
  const nBins = new Uint32Array(nCols);
  const histOffsets = new Uint32Array(nCols + 1);
  const wide = new Uint8Array(nCols);
  const hasMissing = new Uint8Array(nCols);
  let nNarrow = 0;
  for (let j = 0; j < nCols; j++) {
    nBins[j] = cuts.ptrs[j + 1] - cuts.ptrs[j];
    histOffsets[j + 1] = histOffsets[j] + nBins[j] + 1;
    hasMissing[j] = hasNaN(columns[j]) ? 1 : 0;
    if (nBins[j] + 1 > 256 && hasMissing[j]) wide[j] = 1;
    else nNarrow++;
  }
  const buffer = new Uint8Array(nRows * nNarrow);
  const out: (Uint8Array | Uint16Array)[] = [];
  let k = 0;
  for (let j = 0; j < nCols; j++) {
    const codes = wide[j] ? new Uint16Array(nRows) : buffer.subarray(k * nRows, (k + 1) * nRows);
    if (!wide[j]) k++;
    binColumn(columns[j], cuts, j, codes);
    out.push(codes);
  }
  return { nRows, nCols, cuts, nBins, columns: out, histOffsets, totalSlots: histOffsets[nCols], hasMissing };
}

function hasNaN(col: Float32Array): boolean {
  for (let i = 0; i < col.length; i++) if (col[i] !== col[i]) return true;
  return false;
}

/** Writes the bin code of each value of feature `j` into `out` (missing → nBins). */
export function binColumn(col: Float32Array, cuts: HistogramCuts, j: number, out: Uint8Array | Uint16Array): void {
  const beg = cuts.ptrs[j];
  const end = cuts.ptrs[j + 1];
  const missing = end - beg;
  const vals = cuts.values;
  for (let i = 0; i < col.length; i++) {
    const v = col[i];
    if (v !== v) { out[i] = missing; continue; }
    // upper_bound over this feature's cuts (searchBin, inlined: this runs once per cell).
    let lo = beg, hi = end;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (vals[mid] <= v) lo = mid + 1;
      else hi = mid;
    }
    out[i] = (lo === end ? end - 1 : lo) - beg;
  }
}
