// How much of one split's spread a projection keeps, per component: what the results view shows for the
// training, validation and test rows. Pure float64 arithmetic on the CPU, two passes per column.
import type { FeatureMatrix } from '../matrix.ts';

/** Variance-sum of a strided float32 sequence about its own mean (times the count), in float64. */
function centredSumSquares(values: ArrayLike<number>, n: number, offset: number, stride: number): number {
  let s = 0;
  for (let i = 0; i < n; i++) s += values[offset + i * stride];
  const mean = s / n;
  let q = 0;
  for (let i = 0; i < n; i++) {
    const dx = values[offset + i * stride] - mean;
    q += dx * dx;
  }
  return q;
}

/**
 * Explained variance ratio of each column of `projection` (nRows × `components`, row-major) on the split
 * `data`: the variance of projection column j over the split's total variance (the sum of the variances
 * of its feature columns, each about its own mean). Both variances share a denominator, so it cancels;
 * for a PCA model with subtract_mean on, on its training rows, this equals the model's
 * explainedVarianceRatio. Returns 0 per component for a split without spread (under 2 rows, or constant).
 */
export function explainedVarianceRatios(data: FeatureMatrix, projection: Float32Array, components: number): Float64Array {
  const { nRows, nCols } = data;
  if (!Number.isInteger(components) || components < 1) throw new RangeError(`components must be a positive integer; got ${components}`);
  if (projection.length !== nRows * components) {
    throw new RangeError(`projection must hold nRows × components = ${nRows * components} values; it holds ${projection.length}`);
  }
  const out = new Float64Array(components);
  if (nRows < 2) return out;
  let total = 0;
  if (Array.isArray(data.features)) {
    for (const col of data.features) total += centredSumSquares(col, nRows, 0, 1);
  } else {
    for (let j = 0; j < nCols; j++) total += centredSumSquares(data.features, nRows, j, nCols);
  }
  if (!(total > 0)) return out;
  for (let j = 0; j < components; j++) out[j] = centredSumSquares(projection, nRows, j, components) / total;
  return out;
}
