// Feature standardisation with statistics stored in the model, done on the CPU before upload so training
// and inference transform rows identically on every backend.
import { featureColumns, type FeatureMatrix } from '../matrix.ts';

/** Per-column mean and scale of `m` (population standard deviation; 1 where a column is constant, as scikit-learn's StandardScaler). */
export function featureStats(m: FeatureMatrix): { mean: Float32Array; scale: Float32Array } {
  const cols = featureColumns(m);
  const mean = new Float32Array(m.nCols), scale = new Float32Array(m.nCols);
  for (let j = 0; j < m.nCols; j++) {
    const c = cols[j];
    let s = 0;
    for (let i = 0; i < m.nRows; i++) s += c[i];
    const mu = m.nRows > 0 ? s / m.nRows : 0;
    let ss = 0;
    for (let i = 0; i < m.nRows; i++) ss += (c[i] - mu) ** 2;
    const sd = m.nRows > 0 ? Math.sqrt(ss / m.nRows) : 0;
    mean[j] = mu;
    scale[j] = sd > 1e-12 * Math.max(1, Math.abs(mu)) ? sd : 1;
  }
  return { mean, scale };
}

/** `m` as a row-major Float32Array, standardised with `mean`/`scale` when given (always a fresh array). */
export function standardizedRows(m: FeatureMatrix, mean: Float32Array | null, scale: Float32Array | null): Float32Array {
  const { nRows, nCols } = m;
  const out = new Float32Array(nRows * nCols);
  if (Array.isArray(m.features)) {
    for (let j = 0; j < nCols; j++) {
      const c = m.features[j];
      const mu = mean ? mean[j] : 0, sc = scale ? scale[j] : 1;
      for (let i = 0; i < nRows; i++) out[i * nCols + j] = (c[i] - mu) / sc;
    }
  } else {
    const src = m.features;
    for (let k = 0; k < src.length; k++) {
      const j = k % nCols;
      out[k] = mean && scale ? (src[k] - mean[j]) / scale[j] : src[k];
    }
  }
  return out;
}

/** Mean and population standard deviation of `labels` (scale 1 when constant). */
export function labelStats(labels: Float32Array): { mean: number; scale: number } {
  let s = 0;
  for (let i = 0; i < labels.length; i++) s += labels[i];
  const mean = s / labels.length;
  let ss = 0;
  for (let i = 0; i < labels.length; i++) ss += (labels[i] - mean) ** 2;
  const sd = Math.sqrt(ss / labels.length);
  return { mean: Math.fround(mean), scale: sd > 1e-12 * Math.max(1, Math.abs(mean)) ? Math.fround(sd) : 1 };
}
