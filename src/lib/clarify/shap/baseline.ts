// Baselines for Kernel SHAP. kmeansBaseline is shap.kmeans (Clarify's num_clusters): the centres of k
// clusters of the data, each weighted by its cluster's size, and (round, as shap's round_values=True
// default) each centre coordinate snapped to the nearest value its column takes in the data, so that
// one-hot and integer codes stay valid inputs. Clustering is scikit-learn's KMeans as shap calls it:
// greedy k-means++ seeding, Lloyd to tol × mean column variance, best of nInit runs by inertia. Empty
// clusters are dropped (shap would keep them at weight 0, which costs model calls and adds nothing).
// summaryRow is the one-row baseline: the mean of numeric columns and the mode of categorical ones.
import { SeededRandom } from '../../ml/random.ts';
import { greedyTrials, kmeansPlusPlus } from '../../ml/kmeans/seeding.ts';
import type { ShapRows } from './kernel-shap.ts';

export interface KMeansBaselineOptions {
  /** Snap each centre coordinate to the nearest value of its column in the data; defaults to true (shap's round_values). */
  round?: boolean;
  /** Seed of the k-means++ seeding; defaults to 0. */
  seed?: number;
  /** Seeding runs, the lowest inertia kept; defaults to 10 (scikit-learn 1.2's n_init). */
  nInit?: number;
  /** Lloyd iterations per run; defaults to 300. */
  maxIter?: number;
  /** Stop when centres move less (squared, summed) than tol × mean column variance; defaults to 1e-4. */
  tol?: number;
}

/** A weighted baseline, ready to spread into kernelShap's options. */
export interface WeightedBaseline {
  /** k × F row-major centres. */
  baseline: Float32Array;
  /** Rows in each centre's cluster. */
  baselineWeights: Float64Array;
  /** Centres kept (≤ the k asked: empty clusters are dropped). */
  k: number;
  /** Sum of squared distances of the rows to their (unrounded) centres. */
  inertia: number;
}

function refuseNaN(data: ShapRows, what: string): void {
  for (let i = 0; i < data.values.length; i++) {
    if (Number.isNaN(data.values[i])) {
      throw new RangeError(`${what} has a missing value at row ${Math.floor(i / data.nCols)}, column ${i % data.nCols}; impute or drop it first`);
    }
  }
}

/** One Lloyd run from `centres` (updated in place); returns labels and inertia. */
function lloyd(x: Float32Array, n: number, f: number, centres: Float64Array, k: number, maxIter: number, tol: number) {
  const labels = new Int32Array(n);
  const sums = new Float64Array(k * f);
  const counts = new Float64Array(k);
  let inertia = 0;
  let converged = false;
  for (let iter = 0; iter <= maxIter; iter++) {
    inertia = 0;
    sums.fill(0); counts.fill(0);
    for (let i = 0; i < n; i++) {
      let best = 0, bestD = Infinity;
      for (let c = 0; c < k; c++) {
        let s = 0;
        for (let j = 0; j < f; j++) { const z = x[i * f + j] - centres[c * f + j]; s += z * z; }
        if (s < bestD) { bestD = s; best = c; }
      }
      labels[i] = best; inertia += bestD; counts[best]++;
      for (let j = 0; j < f; j++) sums[best * f + j] += x[i * f + j];
    }
    if (iter === maxIter || converged) break;
    let shift = 0;
    for (let c = 0; c < k; c++) {
      if (counts[c] === 0) continue;
      for (let j = 0; j < f; j++) { const v = sums[c * f + j] / counts[c]; shift += (v - centres[c * f + j]) ** 2; centres[c * f + j] = v; }
    }
    // One more assignment pass so labels and inertia belong to the final centres.
    converged = shift <= tol;
  }
  return { labels, counts, inertia };
}

/** shap.kmeans(data, k): k weighted centres of `data` (see the file comment). */
export function kmeansBaseline(data: ShapRows, k: number, options: KMeansBaselineOptions = {}): WeightedBaseline {
  const { values: x, nRows: n, nCols: f } = data;
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`num_clusters must be a positive integer; got ${k}`);
  if (n < k) throw new RangeError(`num_clusters (${k}) must not exceed the number of rows (${n})`);
  refuseNaN(data, 'data');
  const { round = true, seed = 0, nInit = 10, maxIter = 300, tol = 1e-4 } = options;
  let meanVar = 0;
  for (let j = 0; j < f; j++) {
    let s = 0, ss = 0;
    for (let i = 0; i < n; i++) { const v = x[i * f + j]; s += v; ss += v * v; }
    meanVar += Math.max(0, ss / n - (s / n) ** 2) / f;
  }
  const rng = new SeededRandom(seed);
  let best: { centres: Float64Array; counts: Float64Array; inertia: number } | null = null;
  for (let run = 0; run < Math.max(1, nInit); run++) {
    const seeds = kmeansPlusPlus({ values: x, n, d: f, weights: null }, k, rng, greedyTrials(k));
    const centres = new Float64Array(k * f);
    for (let c = 0; c < k; c++) for (let j = 0; j < f; j++) centres[c * f + j] = x[seeds[c] * f + j];
    const r = lloyd(x, n, f, centres, k, maxIter, tol * meanVar);
    if (!best || r.inertia < best.inertia) best = { centres, counts: r.counts, inertia: r.inertia };
  }
  const kept = Array.from({ length: k }, (_, c) => c).filter((c) => best!.counts[c] > 0);
  const baseline = new Float32Array(kept.length * f);
  const baselineWeights = new Float64Array(kept.length);
  kept.forEach((c, at) => {
    baselineWeights[at] = best!.counts[c];
    for (let j = 0; j < f; j++) {
      const v = best!.centres[c * f + j];
      let snapped = v;
      if (round) {
        let bestD = Infinity;
        for (let i = 0; i < n; i++) { const dv = Math.abs(x[i * f + j] - v); if (dv < bestD) { bestD = dv; snapped = x[i * f + j]; } }
      }
      baseline[at * f + j] = snapped;
    }
  });
  return { baseline, baselineWeights, k: kept.length, inertia: best!.inertia };
}

/**
 * A one-row baseline: the mean of each numeric column and the mode (smallest value on ties) of each
 * column flagged in `categorical` (defaults to none); NaN cells are skipped.
 */
export function summaryRow(data: ShapRows, categorical: readonly boolean[] = []): Float32Array {
  const { values: x, nRows: n, nCols: f } = data;
  if (categorical.length > f) throw new RangeError(`categorical has ${categorical.length} flags but the data has ${f} columns`);
  const out = new Float32Array(f);
  for (let j = 0; j < f; j++) {
    if (categorical[j]) {
      const counts = new Map<number, number>();
      for (let i = 0; i < n; i++) { const v = x[i * f + j]; if (!Number.isNaN(v)) counts.set(v, (counts.get(v) ?? 0) + 1); }
      let mode = NaN, most = 0;
      for (const [v, c] of counts) if (c > most || (c === most && v < mode)) { mode = v; most = c; }
      out[j] = mode;
    } else {
      let s = 0, c = 0;
      for (let i = 0; i < n; i++) { const v = x[i * f + j]; if (!Number.isNaN(v)) { s += v; c++; } }
      out[j] = c > 0 ? s / c : NaN;
    }
  }
  return out;
}
