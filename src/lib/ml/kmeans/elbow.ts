// The elbow chart's numbers: the within-cluster sum of squared distances (ssd, float64) of a k-means fit
// for each k. k = 1 is the exact total sum of squares about the (weighted) mean. For each larger k the
// result is the better of a fresh fit and the previous k's centres grown farthest-first and refined by
// Lloyd, so the curve never rises as k grows (a fresh fit alone can land in a worse local optimum).
import type { FitData, RawHyperparameters } from '../estimator.ts';
import { rowMajor, validateFeatureMatrix } from '../matrix.ts';
import { lloyd } from './lloyd.ts';
import { resolveKMeansParams } from './params.ts';
import { chunkRows, disposePointSet, makePointSet } from './points.ts';
import { centred, refuseMissing, trainKMeans } from './train.ts';

/** One point of the elbow curve. */
export interface ElbowPoint {
  k: number;
  /** Weighted sum of squared distances of the rows to their closest of the k centres. */
  ssd: number;
}

/** Min squared distance per row to `centres` (c × d), in float64. */
function minDistances(x: Float32Array, n: number, d: number, centres: Float32Array, c: number): Float64Array {
  const out = new Float64Array(n).fill(Infinity);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < c; j++) {
      let s = 0;
      for (let f = 0; f < d; f++) { const z = x[i * d + f] - centres[j * d + f]; s += z * z; }
      if (s < out[i]) out[i] = s;
    }
  }
  return out;
}

function weightedSum(v: Float64Array, w: Float32Array | undefined): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += w ? w[i] * v[i] : v[i];
  return s;
}

/**
 * ssd of k-means for every k in `ks` (integers in [1, rows]), in ascending k. `params` are the other
 * k-means hyperparameters (SageMaker names; any `k` in them is replaced); defaults to SageMaker's.
 */
export async function elbowCurve(data: FitData, ks: readonly number[], params: RawHyperparameters = {}): Promise<ElbowPoint[]> {
  validateFeatureMatrix(data, 'data');
  refuseMissing(data, 'data');
  const { nRows: n, nCols: d } = data;
  for (const k of ks) {
    if (!Number.isInteger(k) || k < 1 || k > n) throw new RangeError(`ks must hold integers in [1, ${n}] (at most the number of rows); got ${k}`);
  }
  const sorted = [...new Set(ks)].sort((a, b) => a - b);
  const rest = { ...params };
  delete rest.k;
  const w = data.weights;
  const raw = rowMajor(data);
  const mean = new Float64Array(d);
  let total = 0;
  for (let i = 0; i < n; i++) total += w ? w[i] : 1;
  for (let i = 0; i < n; i++) for (let f = 0; f < d; f++) mean[f] += ((w ? w[i] : 1) * raw[i * d + f]) / total;
  const xc = centred(data, mean);
  const out: ElbowPoint[] = [];
  let prev: Float32Array | null = null;
  let prevK = 0;
  const points = makePointSet(xc, n, d, w ?? null, chunkRows(sorted[sorted.length - 1] ?? 1));
  try {
    for (const k of sorted) {
      let best: Float32Array = new Float32Array(d);
      let bestSsd = weightedSum(minDistances(xc, n, d, best, 1), w);
      if (k > 1) {
        const p = resolveKMeansParams({ ...rest, k });
        const fit = await trainKMeans({ features: xc, nRows: n, nCols: d, weights: w }, p);
        best = fit.model.centres;
        bestSsd = weightedSum(minDistances(xc, n, d, best, k), w);
        if (prev) {
          // Grow the previous centres farthest-first, then refine; both candidates never exceed prev's ssd.
          const grown = new Float32Array(k * d);
          grown.set(prev);
          const dist = minDistances(xc, n, d, prev, prevK);
          for (let c = prevK; c < k; c++) {
            let far = 0;
            let farDist = -1;
            for (let i = 0; i < n; i++) if ((!w || w[i] > 0) && dist[i] > farDist) { far = i; farDist = dist[i]; }
            grown.set(xc.subarray(far * d, (far + 1) * d), c * d);
            const added = minDistances(xc, n, d, grown.subarray(c * d, (c + 1) * d), 1);
            for (let i = 0; i < n; i++) dist[i] = Math.min(dist[i], added[i]);
          }
          const refined = await lloyd(points, grown, k, { maxIter: p.local_lloyd_max_iter, tol: p.local_lloyd_tol });
          for (const cand of [grown, refined.centres]) {
            const s = weightedSum(minDistances(xc, n, d, cand, k), w);
            if (s < bestSsd) { bestSsd = s; best = cand; }
          }
        }
      }
      out.push({ k, ssd: bestSsd });
      prev = best;
      prevK = k;
    }
  } finally {
    disposePointSet(points);
  }
  return out;
}
