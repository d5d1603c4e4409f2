// Shingling turns a time series into points: row i's point is the window of the `size` rows ending at it,
// oldest row first, each row's columns together ([x(i-size+1, 0..c-1), …, x(i, 0..c-1)]), rows in file
// order. A shingle of size 1 is the row itself.
import { rowMajor, type FeatureMatrix } from '../matrix.ts';

/** Points to score: `count` shingles of `dim` values each, row-major. */
export interface Shingles {
  values: Float32Array;
  count: number;
  dim: number;
}

/**
 * The nRows − size + 1 full shingles of `m` (the first belongs to row size − 1). Throws a RangeError when
 * `m` has fewer rows than `size`, naming shingle_size.
 */
export function shingles(m: FeatureMatrix, size: number): Shingles {
  const { nRows, nCols } = m;
  if (size > nRows) throw new RangeError(`shingle_size must be in [1, ${nRows}] (the number of rows); got ${size}`);
  const rows = rowMajor(m);
  if (size === 1) return { values: rows, count: nRows, dim: nCols };
  const count = nRows - size + 1;
  const dim = nCols * size;
  const values = new Float32Array(count * dim);
  // The window starting at row s is the contiguous slice rows[s·c, (s+size)·c).
  for (let s = 0; s < count; s++) values.set(rows.subarray(s * nCols, (s + size) * nCols), s * dim);
  return { values, count, dim };
}

/**
 * Spreads one score per shingle to one per row: row i ≥ size − 1 gets its shingle's score; the first
 * size − 1 rows, which have no full window, get the first shingle's score, so every row has a finite score.
 */
export function scoresPerRow(shingleScores: Float32Array, nRows: number, size: number): Float32Array {
  if (size === 1) return shingleScores;
  const out = new Float32Array(nRows);
  out.fill(shingleScores[0], 0, size - 1);
  out.set(shingleScores, size - 1);
  return out;
}
