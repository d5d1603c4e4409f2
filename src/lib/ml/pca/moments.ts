// Column means and centred sums of squares in float64 on the CPU, and the centred float32 mini-batches the
// tensor passes multiply. Centring happens here, in float64 with the global mean, before the one rounding
// to float32: a column such as wine's proline (values near 1000, spread near 300) keeps its digits.
import { firstMissing, type FeatureMatrix } from '../matrix.ts';

/** Weighted first and second moments of every column. */
export interface ColumnMoments {
  /** Weighted mean per column. */
  mean: Float64Array;
  /** Σ w (x − mean)² per column: the diagonal of the centred scatter matrix. */
  sumSquares: Float64Array;
  /** Σ w: the row count when unweighted. */
  weight: number;
}

/** Throws a RangeError naming the first missing cell: PCA needs every value. */
export function assertNoMissing(m: FeatureMatrix, what: string): void {
  const hole = firstMissing(m);
  if (hole) {
    throw new RangeError(`${what} has a missing value (NaN) in column ${hole.column}, row ${hole.row}; pca needs every value, so impute or drop missing values first`);
  }
}

/** Weighted column means and centred sums of squares (two passes, float64). */
export function columnMoments(m: FeatureMatrix, weights?: Float32Array): ColumnMoments {
  const { nRows, nCols } = m;
  const mean = new Float64Array(nCols);
  const sumSquares = new Float64Array(nCols);
  let weight = 0;
  for (let i = 0; i < nRows; i++) weight += weights ? weights[i] : 1;
  if (!(weight > 0)) throw new RangeError('data.weights sum to 0; pca needs at least one row with a positive weight');
  const cols = Array.isArray(m.features) ? m.features : null;
  const flat = Array.isArray(m.features) ? null : m.features;
  for (let j = 0; j < nCols; j++) {
    let s = 0;
    for (let i = 0; i < nRows; i++) s += (weights ? weights[i] : 1) * (cols ? cols[j][i] : flat![i * nCols + j]);
    const mu = s / weight;
    let q = 0;
    for (let i = 0; i < nRows; i++) {
      const dx = (cols ? cols[j][i] : flat![i * nCols + j]) - mu;
      q += (weights ? weights[i] : 1) * dx * dx;
    }
    mean[j] = mu;
    sumSquares[j] = q;
  }
  return { mean, sumSquares, weight };
}

/**
 * Rows [start, end) of `m` as a row-major float32 batch of √w · (x − shift), computed in float64 and rounded
 * once; `shift` null leaves the rows uncentred, `weights` undefined weighs every row 1.
 */
export function centredBatch(m: FeatureMatrix, start: number, end: number, shift: Float64Array | null, weights?: Float32Array): Float32Array {
  const nCols = m.nCols;
  const out = new Float32Array((end - start) * nCols);
  const cols = Array.isArray(m.features) ? m.features : null;
  const flat = Array.isArray(m.features) ? null : m.features;
  for (let i = start; i < end; i++) {
    const scale = weights ? Math.sqrt(weights[i]) : 1;
    const base = (i - start) * nCols;
    for (let j = 0; j < nCols; j++) {
      const x = cols ? cols[j][i] : flat![i * nCols + j];
      out[base + j] = scale * (shift ? x - shift[j] : x);
    }
  }
  return out;
}
