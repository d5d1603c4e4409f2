// Feature matrices whose cells are mostly zero (one 0/1 feature per user and per item), kept as compressed
// sparse rows so that a ratings table of 100,000 rows and 2,600 categories costs its non-zeros, not 1 GiB.
// Only estimators that ask for `categorical: 'one-hot'` get them (factorization machines); anything generic
// that needs columns densifies (featureColumns, rowMajor in matrix.ts).

/** Non-zero cells in compressed sparse row form: row i's cells are entries indptr[i] .. indptr[i+1]−1. */
export interface SparseRows {
  nRows: number;
  nCols: number;
  /** nRows + 1 offsets into `indices` / `values`, starting at 0. */
  indptr: Int32Array;
  /** Column of each entry, ascending within a row. */
  indices: Int32Array;
  /** Value of each entry (zeros may be left out; NaN marks a missing cell). */
  values: Float32Array;
}

/** Rows `rows` of `s`, in that order. */
export function gatherSparseRows(s: SparseRows, rows: ArrayLike<number>): SparseRows {
  const indptr = new Int32Array(rows.length + 1);
  for (let k = 0; k < rows.length; k++) indptr[k + 1] = indptr[k] + s.indptr[rows[k] + 1] - s.indptr[rows[k]];
  const indices = new Int32Array(indptr[rows.length]);
  const values = new Float32Array(indptr[rows.length]);
  for (let k = 0; k < rows.length; k++) {
    const from = s.indptr[rows[k]], to = s.indptr[rows[k] + 1];
    indices.set(s.indices.subarray(from, to), indptr[k]);
    values.set(s.values.subarray(from, to), indptr[k]);
  }
  return { nRows: rows.length, nCols: s.nCols, indptr, indices, values };
}

/** The cells of `s` as one Float32Array per column. */
export function denseColumns(s: SparseRows): Float32Array[] {
  const cols = Array.from({ length: s.nCols }, () => new Float32Array(s.nRows));
  for (let i = 0; i < s.nRows; i++) for (let e = s.indptr[i]; e < s.indptr[i + 1]; e++) cols[s.indices[e]][i] = s.values[e];
  return cols;
}

/**
 * Sparse rows from per-column parts: each part gives, for every row, its entries as (column offset within
 * the part, value) through `each`. Parts are laid side by side in order, `widths` columns each.
 */
export function sparseFromParts(nRows: number, widths: readonly number[], each: readonly ((row: number, emit: (col: number, value: number) => void) => void)[]): SparseRows {
  const offsets: number[] = [];
  let nCols = 0;
  for (const w of widths) { offsets.push(nCols); nCols += w; }
  const indptr = new Int32Array(nRows + 1);
  for (let i = 0; i < nRows; i++) {
    let count = 0;
    for (const part of each) part(i, () => { count++; });
    indptr[i + 1] = indptr[i] + count;
  }
  const indices = new Int32Array(indptr[nRows]);
  const values = new Float32Array(indptr[nRows]);
  for (let i = 0, e = 0; i < nRows; i++) {
    each.forEach((part, p) => part(i, (col, value) => { indices[e] = offsets[p] + col; values[e++] = value; }));
  }
  return { nRows, nCols, indptr, indices, values };
}
