// Clarify's Flip Test (posttraining.FT): a k-NN classifier (k = 5, or 1 when the advantaged group has at most
// 9 rows; Euclidean distance, uniform votes) is fitted on the advantaged rows' features with the model's
// predicted labels, then predicts each disadvantaged row. FT = (model positive & k-NN negative − model negative
// & k-NN positive) / n_d. Exact search; rows at equal distance are taken in row order (scikit-learn's tree
// search may order such ties differently).

import { isTextColumn } from './column-type.ts';
import { divide } from './common.ts';
import type { FeatureColumns } from './types.ts';

/** Clarify's FT_DEFAULT_NEIGHBOR, FT_MIN_NEIGHBOR and FT_SAMPLES_COUNT_THRESHOLD. */
const DEFAULT_NEIGHBORS = 5;
const MIN_NEIGHBORS = 1;
const SAMPLES_THRESHOLD = 9;

export function flipTest(features: FeatureColumns | undefined, sensitive: Uint8Array, predicted: Uint8Array): number {
  const n = sensitive.length;
  let nd = 0;
  for (let i = 0; i < n; i++) nd += sensitive[i];
  const na = n - nd;
  if (nd === 0) throw new Error('Facet set is empty');
  if (na === 0) throw new Error('Negated Facet set is empty');
  const cols = Object.values(features ?? {});
  if (cols.some(isTextColumn)) throw new Error('FlipTest does not support non-numeric columns');
  const p = cols.length;
  if (p === 0) throw new Error('FlipTest needs numeric feature columns (features): Found array with 0 feature(s)');
  for (const [name, col] of Object.entries(features as FeatureColumns)) {
    if (col.length !== n) throw new Error(`features column '${name}' has ${col.length} rows, the label column has ${n}`);
  }

  const xa = new Float64Array(na * p);
  const ya = new Uint8Array(na);
  const xd = new Float64Array(nd * p);
  const yd = new Uint8Array(nd);
  let ia = 0;
  let id = 0;
  for (let i = 0; i < n; i++) {
    const target = sensitive[i] ? xd : xa;
    const row = sensitive[i] ? id : ia;
    for (let j = 0; j < p; j++) {
      const v = (cols[j] as Float64Array | Float32Array)[i];
      if (Number.isNaN(v)) throw new Error('Input X contains NaN.');
      target[row * p + j] = v;
    }
    if (sensitive[i]) yd[id++] = predicted[i];
    else ya[ia++] = predicted[i];
  }

  const k = na > SAMPLES_THRESHOLD ? DEFAULT_NEIGHBORS : MIN_NEIGHBORS;
  const bestDist = new Float64Array(k);
  const bestIdx = new Int32Array(k);
  let flipPos = 0;
  let flipNeg = 0;
  for (let r = 0; r < nd; r++) {
    bestDist.fill(Infinity);
    bestIdx.fill(-1);
    const off = r * p;
    for (let s = 0; s < na; s++) {
      let dist = 0;
      const so = s * p;
      for (let j = 0; j < p; j++) {
        const t = xd[off + j] - xa[so + j];
        dist += t * t;
      }
      if (dist >= bestDist[k - 1]) continue; // strict: an earlier row wins a tie
      let pos = k - 1;
      while (pos > 0 && bestDist[pos - 1] > dist) {
        bestDist[pos] = bestDist[pos - 1];
        bestIdx[pos] = bestIdx[pos - 1];
        pos--;
      }
      bestDist[pos] = dist;
      bestIdx[pos] = s;
    }
    let votes = 0;
    for (let q = 0; q < k; q++) votes += ya[bestIdx[q]];
    const knn = votes * 2 > k ? 1 : 0; // k is odd: no tied vote
    if (yd[r] > knn) flipPos++;
    else if (yd[r] < knn) flipNeg++;
  }
  return divide(flipPos - flipNeg, nd);
}
