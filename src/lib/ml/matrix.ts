// The numeric matrix every estimator consumes: float32 features (NaN = missing), either one array per
// column or one row-major array (or compressed sparse rows, for wide one-hot data), plus labels and
// optional weights for training.
import { denseColumns, type SparseRows } from './sparse.ts';

/** Features of nRows × nCols; NaN marks a missing cell. */
export interface FeatureMatrix {
  /** One Float32Array of length nRows per column, or a single row-major Float32Array of nRows × nCols; an empty array when `sparse` holds the cells. */
  features: Float32Array[] | Float32Array;
  /** The cells as compressed sparse rows instead of `features` (wide one-hot data); defaults to none. */
  sparse?: SparseRows;
  nRows: number;
  nCols: number;
  /** Column names, carried into saved models; defaults to none. */
  featureNames?: string[];
}

/** A training (or validation) set. */
export interface TrainingData extends FeatureMatrix {
  /** One label per row (class index for classification). */
  labels: Float32Array;
  /** One non-negative weight per row; defaults to 1 for every row. */
  weights?: Float32Array;
}

function isCount(n: number): boolean {
  return Number.isInteger(n) && n >= 0;
}

/** Rows an estimator fits on: features, plus labels for supervised kinds (and anomaly evaluation), plus optional weights. */
export interface FitData extends FeatureMatrix {
  /** One label per row (class index for classification); absent for unsupervised jobs. */
  labels?: Float32Array;
  /** One non-negative weight per row; defaults to 1 for every row. */
  weights?: Float32Array;
}

/** Checks shapes; `what` names the argument in messages (e.g. 'data', 'validation'). */
export function validateFeatureMatrix(m: FeatureMatrix, what = 'features'): void {
  if (!isCount(m.nRows)) throw new RangeError(`${what}.nRows must be a non-negative integer; got ${m.nRows}`);
  if (!isCount(m.nCols) || m.nCols === 0) throw new RangeError(`${what}.nCols must be a positive integer; got ${m.nCols}`);
  if (m.sparse && Array.isArray(m.features) && m.features.length === 0) {
    if (m.sparse.nRows !== m.nRows || m.sparse.nCols !== m.nCols || m.sparse.indptr.length !== m.nRows + 1) {
      throw new RangeError(`${what}.sparse is ${m.sparse.nRows} × ${m.sparse.nCols} but the matrix is ${m.nRows} × ${m.nCols}`);
    }
  } else if (Array.isArray(m.features)) {
    if (m.features.length !== m.nCols) {
      throw new RangeError(`${what}.features has ${m.features.length} columns but nCols is ${m.nCols}`);
    }
    m.features.forEach((col, j) => {
      if (!(col instanceof Float32Array)) throw new TypeError(`${what}.features[${j}] must be a Float32Array`);
      if (col.length !== m.nRows) throw new RangeError(`${what}.features[${j}] has ${col.length} values but nRows is ${m.nRows}`);
    });
  } else {
    if (!(m.features instanceof Float32Array)) throw new TypeError(`${what}.features must be a Float32Array or an array of them`);
    if (m.features.length !== m.nRows * m.nCols) {
      throw new RangeError(`${what}.features has ${m.features.length} values but nRows × nCols is ${m.nRows * m.nCols}`);
    }
  }
  if (m.featureNames && m.featureNames.length !== m.nCols) {
    throw new RangeError(`${what}.featureNames has ${m.featureNames.length} names but nCols is ${m.nCols}`);
  }
}

/** Checks shapes, that labels are finite and weights finite and non-negative. */
export function validateTrainingData(d: TrainingData, what = 'data'): void {
  validateFeatureMatrix(d, what);
  if (d.nRows === 0) throw new RangeError(`${what} has no rows; training needs at least one`);
  if (!(d.labels instanceof Float32Array) || d.labels.length !== d.nRows) {
    throw new RangeError(`${what}.labels must be a Float32Array of ${d.nRows} values; got ${d.labels?.length ?? 'none'}`);
  }
  for (let i = 0; i < d.nRows; i++) {
    if (!Number.isFinite(d.labels[i])) {
      throw new RangeError(`${what}.labels[${i}] is ${d.labels[i]}; drop rows with a missing target before training`);
    }
  }
  if (d.weights) {
    if (d.weights.length !== d.nRows) throw new RangeError(`${what}.weights has ${d.weights.length} values but nRows is ${d.nRows}`);
    for (let i = 0; i < d.nRows; i++) {
      const w = d.weights[i];
      if (!(w >= 0) || !Number.isFinite(w)) throw new RangeError(`${what}.weights[${i}] must be a finite number ≥ 0; got ${w}`);
    }
  }
}

/** The features as one Float32Array per column (the input arrays themselves when already columnar). */
export function featureColumns(m: FeatureMatrix): Float32Array[] {
  if (m.sparse && Array.isArray(m.features) && m.features.length === 0) return denseColumns(m.sparse);
  if (Array.isArray(m.features)) return m.features;
  const { nRows, nCols } = m;
  const src = m.features;
  const cols: Float32Array[] = [];
  for (let j = 0; j < nCols; j++) cols.push(new Float32Array(nRows));
  for (let i = 0; i < nRows; i++) {
    const base = i * nCols;
    for (let j = 0; j < nCols; j++) cols[j][i] = src[base + j];
  }
  return cols;
}

/** Copies row `i` of `m` into `out` (length ≥ nCols). */
export function readRow(m: FeatureMatrix, i: number, out: Float32Array): void {
  const nCols = m.nCols;
  if (m.sparse && Array.isArray(m.features) && m.features.length === 0) {
    out.fill(0, 0, nCols);
    for (let e = m.sparse.indptr[i]; e < m.sparse.indptr[i + 1]; e++) out[m.sparse.indices[e]] = m.sparse.values[e];
    return;
  }
  if (Array.isArray(m.features)) {
    const cols = m.features;
    for (let j = 0; j < nCols; j++) out[j] = cols[j][i];
  } else {
    const src = m.features;
    const base = i * nCols;
    for (let j = 0; j < nCols; j++) out[j] = src[base + j];
  }
}

/** The features as one row-major Float32Array of nRows × nCols (the input array itself when already row-major). */
export function rowMajor(m: FeatureMatrix): Float32Array {
  if (!Array.isArray(m.features)) return m.features;
  const { nRows, nCols } = m;
  const cols = featureColumns(m);
  const out = new Float32Array(nRows * nCols);
  for (let j = 0; j < nCols; j++) {
    const c = cols[j];
    for (let i = 0; i < nRows; i++) out[i * nCols + j] = c[i];
  }
  return out;
}

/** Index of the first feature holding NaN, and a row where it does; null when every cell is a number. */
export function firstMissing(m: FeatureMatrix): { column: number; row: number } | null {
  const { nRows, nCols } = m;
  if (m.sparse && Array.isArray(m.features) && m.features.length === 0) {
    const s = m.sparse;
    for (let i = 0; i < nRows; i++) for (let e = s.indptr[i]; e < s.indptr[i + 1]; e++) if (s.values[e] !== s.values[e]) return { column: s.indices[e], row: i };
    return null;
  }
  if (Array.isArray(m.features)) {
    for (let j = 0; j < nCols; j++) {
      const c = m.features[j];
      for (let i = 0; i < nRows; i++) if (c[i] !== c[i]) return { column: j, row: i };
    }
    return null;
  }
  const f = m.features;
  for (let k = 0; k < f.length; k++) if (f[k] !== f[k]) return { column: k % nCols, row: Math.floor(k / nCols) };
  return null;
}
