// Global SHAP values from local ones, as Clarify's agg_method: mean_abs (mean of |φ| over the rows,
// Clarify's default), median (the median of the signed φ over the rows, as Clarify's guide words it:
// "median of SHAP values for all instances"; a feature pushing half the rows up and half down scores
// near 0), mean_sq (mean of φ²).

export type ShapAggregation = 'mean_abs' | 'median' | 'mean_sq';

export const SHAP_AGGREGATIONS: readonly ShapAggregation[] = ['mean_abs', 'median', 'mean_sq'];

/**
 * One global value per output and feature (outputs × features) from `values` laid out as kernelShap's
 * (rows × outputs × features). `method` defaults to 'mean_abs'.
 */
export function aggregateShap(values: Float64Array, rows: number, outputs: number, features: number, method: ShapAggregation = 'mean_abs'): Float64Array {
  if (!SHAP_AGGREGATIONS.includes(method)) throw new RangeError(`agg_method must be one of ${SHAP_AGGREGATIONS.join(', ')}; got ${String(method)}`);
  if (values.length !== rows * outputs * features) {
    throw new RangeError(`values has ${values.length} entries; rows × outputs × features is ${rows * outputs * features}`);
  }
  if (rows < 1) throw new RangeError('aggregateShap needs at least one row of values');
  const out = new Float64Array(outputs * features);
  const column = new Float64Array(rows);
  for (let o = 0; o < outputs; o++) {
    for (let j = 0; j < features; j++) {
      for (let i = 0; i < rows; i++) column[i] = values[(i * outputs + o) * features + j];
      out[o * features + j] = method === 'median' ? median(column) : meanOf(column, method === 'mean_abs' ? Math.abs : (v) => v * v);
    }
  }
  return out;
}

function meanOf(v: Float64Array, g: (x: number) => number): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += g(v[i]);
  return s / v.length;
}

/** numpy's median: the middle value, or the mean of the two middle ones. */
function median(v: Float64Array): number {
  const s = Float64Array.from(v).sort();
  const h = s.length >> 1;
  return s.length % 2 ? s[h] : (s[h - 1] + s[h]) / 2;
}
