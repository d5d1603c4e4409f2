// The float64 side of the search: exact nearness of a query to index rows, and the k nearest by that
// nearness with ties broken by the lower row index (as scikit-learn's brute-force search and a stable sort
// do). The tensor pass only proposes candidates; every answer is decided here.
import type { IndexMetric } from './knn-params.ts';

/** Index rows as the CPU sees them. */
export interface ExactIndex {
  /** nRows × dim, row-major. */
  rows: Float32Array;
  nRows: number;
  dim: number;
  metric: IndexMetric;
  /** Euclidean norm of each row in float64 (COSINE only; null otherwise). */
  norms: Float64Array | null;
}

/** The index's rows with the norms COSINE needs. */
export function exactIndex(rows: Float32Array, nRows: number, dim: number, metric: IndexMetric): ExactIndex {
  let norms: Float64Array | null = null;
  if (metric === 'COSINE') {
    norms = new Float64Array(nRows);
    for (let i = 0; i < nRows; i++) norms[i] = norm(rows, i * dim, dim);
  }
  return { rows, nRows, dim, metric, norms };
}

/** Euclidean norm of `dim` values of `a` from `offset`, in float64. */
export function norm(a: Float32Array | Float64Array, offset: number, dim: number): number {
  let s = 0;
  for (let j = 0; j < dim; j++) s += a[offset + j] * a[offset + j];
  return Math.sqrt(s);
}

/**
 * Nearness of query `q` (dim values; `qNorm` its norm, used by COSINE) to index row `i`: larger is nearer.
 * L2: minus the squared distance; INNER_PRODUCT: the dot product; COSINE: the cosine similarity (0 when
 * either vector is zero).
 */
export function nearness(index: ExactIndex, q: Float64Array, qNorm: number, i: number): number {
  const { rows, dim } = index;
  const base = i * dim;
  let s = 0;
  if (index.metric === 'L2') {
    for (let j = 0; j < dim; j++) {
      const diff = q[j] - rows[base + j];
      s += diff * diff;
    }
    return -s;
  }
  for (let j = 0; j < dim; j++) s += q[j] * rows[base + j];
  if (index.metric === 'INNER_PRODUCT') return s;
  const xn = (index.norms as Float64Array)[i];
  return qNorm === 0 || xn === 0 ? 0 : s / (qNorm * xn);
}

/**
 * Ranks the candidate rows `candidates` for query `q` exactly and writes the k nearest (nearest first) into
 * `outIndex`/`outNearness` from `outOffset`. Returns the k-th nearness.
 */
export function rankCandidates(index: ExactIndex, q: Float64Array, qNorm: number, candidates: Int32Array, k: number,
  outIndex: Int32Array, outNearness: Float64Array, outOffset: number): number {
  const order = Array.from(candidates, (i) => ({ i, v: nearness(index, q, qNorm, i) }));
  order.sort((a, b) => (b.v - a.v) || (a.i - b.i));
  for (let r = 0; r < k; r++) {
    outIndex[outOffset + r] = order[r].i;
    outNearness[outOffset + r] = order[r].v;
  }
  return order[k - 1].v;
}

/** The k nearest rows of the whole index for query `q`, by a float64 scan (ties: lower index first). */
export function scanAll(index: ExactIndex, q: Float64Array, qNorm: number, k: number,
  outIndex: Int32Array, outNearness: Float64Array, outOffset: number): void {
  // Sorted best-first list of at most k; a later row enters only when strictly nearer than the worst kept,
  // so among equals the lower index stays.
  const idx = new Int32Array(k);
  const val = new Float64Array(k);
  let size = 0;
  for (let i = 0; i < index.nRows; i++) {
    const v = nearness(index, q, qNorm, i);
    if (size === k && !(v > val[k - 1])) continue;
    let p = size < k ? size++ : k - 1;
    while (p > 0 && v > val[p - 1]) {
      val[p] = val[p - 1];
      idx[p] = idx[p - 1];
      p--;
    }
    val[p] = v;
    idx[p] = i;
  }
  outIndex.set(idx, outOffset);
  outNearness.set(val, outOffset);
}
