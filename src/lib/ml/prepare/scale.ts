// Standardization of a numeric column for models that are sensitive to scale (linear models, MLP, k-NN):
// (x − mean) / std with the mean and the population standard deviation (as scikit-learn's StandardScaler)
// of the training rows' present values, computed in float64; a constant column (std 0) or one without
// values divides by 1. Missing stays NaN and is imputed downstream as any feature is.
import type { ColumnEncoding } from './types.ts';

export type ScaledEncoding = Extract<ColumnEncoding, { kind: 'scaled' }>;

/** The standardization of `name` from its values (NaN = missing) over the training `rows`. */
export function fitScaled(name: string, values: Float64Array, rows: Uint32Array): ScaledEncoding {
  let n = 0, sum = 0;
  for (const r of rows) { const v = values[r]; if (v === v) { sum += v; n++; } }
  const mean = n > 0 ? sum / n : 0;
  let ss = 0;
  for (const r of rows) { const v = values[r]; if (v === v) ss += (v - mean) * (v - mean); }
  const std = n > 0 ? Math.sqrt(ss / n) : 0;
  return { name, kind: 'scaled', mean, std: std > 0 && Number.isFinite(std) ? std : 1 };
}

/** The standardized values as float32 features. */
export function encodeScaled(values: Float64Array, enc: ScaledEncoding): Float32Array {
  return Float32Array.from(values, (v) => (v - enc.mean) / enc.std);
}
