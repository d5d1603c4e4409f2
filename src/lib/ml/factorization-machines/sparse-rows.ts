// The non-zero cells of a feature matrix, row by row (CSR). Factorization machines are for wide, mostly-zero
// inputs (one 0/1 column per user and per item), so fit and infer work on these lists: a row costs its
// non-zeros, not the column count. A caller that has its data sparse already (the job runner one-hot
// encoding high-cardinality columns) can hand them over as `sparse` and skip the dense matrix.
import { validateFeatureMatrix, type FeatureMatrix } from '../matrix.ts';
import type { SparseRows } from '../sparse.ts';

export type { SparseRows } from '../sparse.ts';

/** A feature matrix that may carry its cells as sparse rows; when `sparse` is set, fit and infer read it and not `features`. */
export interface SparseFeatureMatrix extends FeatureMatrix {
  /** The same cells as `features`, as CSR; defaults to none (the dense matrix is read). */
  sparse?: SparseRows;
}

function missing(what: string, m: FeatureMatrix, row: number, col: number, x: number): RangeError {
  const name = m.featureNames?.[col];
  return new RangeError(`${what} holds ${x} in feature ${col}${name ? ` (${JSON.stringify(name)})` : ''}, row ${row}; `
    + 'factorization-machines needs every cell a finite number (the job runner fills missing values with the training means)');
}

/** The non-zero cells of `m`. Throws a RangeError naming the cell when one is NaN or infinite. */
export function sparseRowsOf(m: FeatureMatrix, what = 'features'): SparseRows {
  validateFeatureMatrix(m, what);
  const { nRows, nCols } = m;
  const indptr = new Int32Array(nRows + 1);
  if (Array.isArray(m.features)) {
    const cols = m.features;
    for (let j = 0; j < nCols; j++) {
      const c = cols[j];
      for (let i = 0; i < nRows; i++) {
        const x = c[i];
        if (x !== 0) {
          if (x - x !== 0) throw missing(what, m, i, j, x);
          indptr[i + 1]++;
        }
      }
    }
    for (let i = 0; i < nRows; i++) indptr[i + 1] += indptr[i];
    const indices = new Int32Array(indptr[nRows]);
    const values = new Float32Array(indptr[nRows]);
    const next = indptr.slice(0, nRows);
    for (let j = 0; j < nCols; j++) {
      const c = cols[j];
      for (let i = 0; i < nRows; i++) {
        if (c[i] !== 0) {
          indices[next[i]] = j;
          values[next[i]++] = c[i];
        }
      }
    }
    return { nRows, nCols, indptr, indices, values };
  }
  const f = m.features;
  for (let i = 0; i < nRows; i++) {
    let count = 0;
    for (let j = 0, base = i * nCols; j < nCols; j++) {
      const x = f[base + j];
      if (x !== 0) {
        if (x - x !== 0) throw missing(what, m, i, j, x);
        count++;
      }
    }
    indptr[i + 1] = indptr[i] + count;
  }
  const indices = new Int32Array(indptr[nRows]);
  const values = new Float32Array(indptr[nRows]);
  for (let i = 0, e = 0; i < nRows; i++) {
    for (let j = 0, base = i * nCols; j < nCols; j++) {
      const x = f[base + j];
      if (x !== 0) {
        indices[e] = j;
        values[e++] = x;
      }
    }
  }
  return { nRows, nCols, indptr, indices, values };
}

/** Checks the shape and contents of sparse rows said to be `nRows` × `nCols`. */
export function validateSparseRows(s: SparseRows, nRows: number, nCols: number, what = 'features.sparse'): void {
  if (s.nRows !== nRows || s.nCols !== nCols) {
    throw new RangeError(`${what} is ${s.nRows} × ${s.nCols} but the matrix is ${nRows} × ${nCols}`);
  }
  if (!(s.indptr instanceof Int32Array) || s.indptr.length !== nRows + 1 || s.indptr[0] !== 0) {
    throw new RangeError(`${what}.indptr must be an Int32Array of ${nRows + 1} offsets starting at 0`);
  }
  const nnz = s.indptr[nRows];
  if (!(s.indices instanceof Int32Array) || !(s.values instanceof Float32Array) || s.indices.length !== nnz || s.values.length !== nnz) {
    throw new RangeError(`${what}.indices (Int32Array) and .values (Float32Array) must both hold indptr[nRows] = ${nnz} entries`);
  }
  for (let i = 0; i < nRows; i++) {
    let prev = -1;
    if (s.indptr[i + 1] < s.indptr[i]) throw new RangeError(`${what}.indptr must not decrease; it does after row ${i}`);
    for (let e = s.indptr[i]; e < s.indptr[i + 1]; e++) {
      const j = s.indices[e];
      if (!(j > prev && j < nCols)) throw new RangeError(`${what} row ${i}: columns must ascend within [0, ${nCols}); got ${j} after ${prev}`);
      if (!Number.isFinite(s.values[e])) throw new RangeError(`${what} row ${i}, feature ${j} is ${s.values[e]}; every value must be a finite number`);
      prev = j;
    }
  }
}

/** The sparse rows of `m`: its `sparse` field (validated) when set, else built from its features. */
export function rowsOf(m: SparseFeatureMatrix, what = 'features'): SparseRows {
  if (m.sparse) {
    validateSparseRows(m.sparse, m.nRows, m.nCols, `${what}.sparse`);
    return m.sparse;
  }
  return sparseRowsOf(m, what);
}
