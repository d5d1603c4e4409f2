// Partial dependence and ICE (Clarify's pdp config): for one feature, every row is evaluated with that
// feature set to each grid value (its ICE curve), and the PDP is the mean of the curves. The grid is
// scikit-learn's partial_dependence grid: a feature with fewer distinct values than grid_resolution
// (categorical codes included) uses its sorted distinct values; otherwise grid_resolution values evenly
// spaced from its 5th to its 95th percentile (linear interpolation, numpy's default), which keeps a few
// outliers from stretching the axis. The rows × grid evaluations go through the model in batches.
import type { BatchModel, ShapRows } from './shap/kernel-shap.ts';
import { DEFAULT_BATCH_ROWS } from './shap/kernel-shap.ts';

export interface PdpOptions {
  /** Grid values for a numeric feature (Clarify's grid_resolution); defaults to 15. */
  gridResolution?: number;
  /** The feature holds category codes: its grid is every code present; defaults to false. */
  categorical?: boolean;
  /** Most rows in one model call; defaults to 32768. */
  batchRows?: number;
  /** Called after each model call with the (row, grid value) pairs evaluated and the total; defaults to none. */
  onProgress?(done: number, total: number): void;
}

export interface PdpResult {
  feature: number;
  /** The grid, ascending. */
  grid: Float64Array;
  outputs: number;
  /** rows × grid × outputs: the ICE curves. */
  ice: Float64Array;
  /** grid × outputs: the mean of the ICE curves. */
  pdp: Float64Array;
}

export const DEFAULT_GRID_RESOLUTION = 15;
/** Clarify's top_k_features default. */
export const DEFAULT_PDP_TOP_K = 10;

function percentile(sorted: Float64Array, q: number): number {
  const at = q * (sorted.length - 1);
  const lo = Math.floor(at);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo] + (at - lo) * (sorted[hi] - sorted[lo]);
}

/** The grid of column `feature` (see the file comment); NaN cells are skipped. */
export function pdpGrid(data: ShapRows, feature: number, gridResolution = DEFAULT_GRID_RESOLUTION, categorical = false): Float64Array {
  if (!Number.isInteger(gridResolution) || gridResolution < 2) throw new RangeError(`grid_resolution must be an integer ≥ 2; got ${gridResolution}`);
  const { values, nRows: n, nCols: f } = data;
  const column: number[] = [];
  for (let i = 0; i < n; i++) { const v = values[i * f + feature]; if (!Number.isNaN(v)) column.push(v); }
  if (column.length === 0) throw new RangeError(`feature ${feature} has no values to build a grid from`);
  const sorted = Float64Array.from(column).sort();
  const distinct = Float64Array.from(new Set(sorted));
  if (categorical || distinct.length < gridResolution) return distinct;
  const lo = percentile(sorted, 0.05), hi = percentile(sorted, 0.95);
  if (lo === hi) throw new RangeError(`feature ${feature}: its 5th and 95th percentiles are equal (${lo}); mark it categorical or use more rows`);
  return Float64Array.from({ length: gridResolution }, (_, g) => lo + ((hi - lo) * g) / (gridResolution - 1));
}

/** Partial dependence and ICE curves of `model` on column `feature` over the rows of `data`. */
export async function partialDependence(model: BatchModel, data: ShapRows, feature: number, options: PdpOptions = {}): Promise<PdpResult> {
  const { values, nRows: n, nCols: f } = data;
  if (!Number.isInteger(feature) || feature < 0 || feature >= f) throw new RangeError(`feature must be a column from 0 to ${f - 1}; got ${feature}`);
  if (n < 1) throw new RangeError('partialDependence needs at least one row');
  const batchRows = options.batchRows ?? DEFAULT_BATCH_ROWS;
  if (!Number.isInteger(batchRows) || batchRows < 1) throw new RangeError(`batchRows must be a positive integer; got ${batchRows}`);
  const grid = pdpGrid(data, feature, options.gridResolution ?? DEFAULT_GRID_RESOLUTION, options.categorical ?? false);
  const g = grid.length;
  const total = n * g;
  const buffer = new Float32Array(Math.min(batchRows, total) * f);
  let ice: Float64Array | null = null;
  let d = 0;
  // Synthetic row t is (row ⌊t / g⌋, grid point t mod g), so each row's curve is contiguous.
  for (let start = 0; start < total; start += batchRows) {
    const count = Math.min(batchRows, total - start);
    for (let t = start; t < start + count; t++) {
      const i = Math.floor(t / g);
      const at = (t - start) * f;
      buffer.set(values.subarray(i * f, (i + 1) * f), at);
      buffer[at + feature] = grid[t - i * g];
    }
    const out = await model(buffer.subarray(0, count * f), count);
    if (d === 0) d = out.length / count;
    if (!Number.isInteger(d) || d < 1 || out.length !== count * d) {
      throw new RangeError(`the model returned ${out.length} values for ${count} rows; it must return rows × outputs`);
    }
    ice ??= new Float64Array(total * d);
    for (let v = 0; v < count * d; v++) ice[start * d + v] = out[v];
    options.onProgress?.(start + count, total);
  }
  const pdp = new Float64Array(g * d);
  for (let i = 0; i < n; i++) for (let v = 0; v < g * d; v++) pdp[v] += ice![i * g * d + v] / n;
  return { feature, grid, outputs: d, ice: ice!, pdp };
}

/** The `topK` (default 10, Clarify's top_k_features) columns with the largest global values, largest first. */
export function pdpFeatures(globalValues: ArrayLike<number>, topK = DEFAULT_PDP_TOP_K): number[] {
  if (!Number.isInteger(topK) || topK < 1) throw new RangeError(`top_k_features must be a positive integer; got ${topK}`);
  return Array.from({ length: globalValues.length }, (_, j) => j)
    .sort((a, b) => globalValues[b] - globalValues[a] || a - b)
    .slice(0, topK);
}
