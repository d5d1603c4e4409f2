// Feature and label scaling (normalize_data / unbias_data, normalize_label / unbias_label): means and
// standard deviations from a seeded sample of num_point_for_scaler rows, as SageMaker computes them from
// its first rows, applied as x' = (x − shift) / scale.
import { type FeatureMatrix, readRow } from '../matrix.ts';
import { SeededRandom } from '../random.ts';

/** x' = (x − shift) / scale per column (shift 0 and scale 1 where a switch is off or a column is constant). */
export interface Scaling {
  shift: Float32Array;
  scale: Float32Array;
}

/** `k` distinct rows of `n`, seeded (every row, in order, when k ≥ n). */
export function sampleRows(n: number, k: number, seed: number): Int32Array {
  const all = Int32Array.from({ length: n }, (_, i) => i);
  if (k >= n) return all;
  const rng = new SeededRandom(seed);
  for (let i = 0; i < k; i++) {
    const j = i + rng.nextInt(n - i);
    const t = all[i]; all[i] = all[j]; all[j] = t;
  }
  return all.subarray(0, k).sort();
}

/** Mean and population standard deviation of each column over `rows`, accumulated in double. */
export function featureScaling(m: FeatureMatrix, rows: Int32Array, center: boolean, scale: boolean): Scaling {
  const d = m.nCols;
  const sum = new Float64Array(d), sq = new Float64Array(d);
  const row = new Float32Array(d);
  for (const i of rows) {
    readRow(m, i, row);
    for (let j = 0; j < d; j++) sum[j] += row[j];
  }
  const mean = sum.map((s) => s / rows.length);
  for (const i of rows) {
    readRow(m, i, row);
    for (let j = 0; j < d; j++) sq[j] += (row[j] - mean[j]) ** 2;
  }
  const out: Scaling = { shift: new Float32Array(d), scale: new Float32Array(d).fill(1) };
  for (let j = 0; j < d; j++) {
    if (center) out.shift[j] = mean[j];
    const sd = Math.sqrt(sq[j] / rows.length);
    if (scale && sd > 0 && Number.isFinite(sd)) out.scale[j] = sd;
  }
  return out;
}

/** The same for the label (one column). */
export function labelScaling(labels: Float32Array, rows: Int32Array, center: boolean, scale: boolean): { shift: number; scale: number } {
  const s = featureScaling({ features: [labels], nRows: labels.length, nCols: 1 }, rows, center, scale);
  return { shift: s.shift[0], scale: s.scale[0] };
}

/** The scaled features as one row-major Float32Array. */
export function scaledRows(m: FeatureMatrix, s: Scaling): Float32Array {
  const { nRows, nCols } = m;
  const out = new Float32Array(nRows * nCols);
  const row = new Float32Array(nCols);
  for (let i = 0; i < nRows; i++) {
    readRow(m, i, row);
    const base = i * nCols;
    for (let j = 0; j < nCols; j++) out[base + j] = (row[j] - s.shift[j]) / s.scale[j];
  }
  return out;
}
