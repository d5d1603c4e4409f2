// Exact k-nearest-neighbour search as batched matrix products on TensorFlow.js. For a batch of queries the
// tensors score every index row at once (L2: 2q·x − ‖x‖², which orders rows as −‖q − x‖² does, from one
// matMul with an augmented column; INNER_PRODUCT: q·x; COSINE: q̂·x̂), and top-k picks k + margin candidates.
// The CPU then re-ranks those candidates in float64 and certifies the answer: float32 scores are within a
// bound ε of the true ones, so when the k-th exact nearness beats the last candidate's score by more than ε
// no row left out can be as near. Otherwise (heavy ties, overflow) the query is scanned exactly in float64.
// Results are therefore those of a float64 brute-force search, ties broken by the lower row index.
import * as tf from '@tensorflow/tfjs';
import { norm, rankCandidates, scanAll, type ExactIndex } from './exact-nearness.ts';

/** Scores per batch: about 32 MB of float32, so a 100,000-row index takes ~80 queries at a time. */
const MAX_BATCH_CELLS = 1 << 23;
/** Unit roundoff of float32. */
const U = 2 ** -24;

/** The k nearest rows of each query. */
export interface NeighbourSearch {
  /** nQueries × k row indices, nearest first (ties: lower index first). */
  indices: Int32Array;
  /** nQueries × k float64 nearness (L2: minus the squared distance; else the dot product or cosine). */
  nearness: Float64Array;
  /** Queries that were scanned exhaustively on the CPU because their candidates could not be certified. */
  exhaustive: number;
}

/** The index as the tensors see it: (dim + augmentation) × nRows, feature-major (the fast matMul layout). */
interface TensorSide {
  columns: Float32Array;
  width: number;
  /** L2: the index mean the rows are centred on (distances are unchanged, float32 errors shrink). */
  centre: Float64Array | null;
  /** Largest norm of a (centred or normalised) index row. */
  radius: number;
}

function tensorSide(index: ExactIndex): TensorSide {
  const { rows, nRows: n, dim: d, metric } = index;
  const width = metric === 'L2' ? d + 1 : d;
  const columns = new Float32Array(width * n);
  const centre = metric === 'L2' ? new Float64Array(d) : null;
  if (centre) {
    for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) centre[j] += rows[i * d + j];
    for (let j = 0; j < d; j++) centre[j] /= n;
  }
  let radius = 0;
  const row = new Float32Array(d);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) row[j] = centre ? rows[i * d + j] - centre[j] : rows[i * d + j];
    const r = norm(row, 0, d);
    if (metric === 'COSINE' && r > 0) for (let j = 0; j < d; j++) row[j] = row[j] / r;
    radius = Math.max(radius, metric === 'COSINE' ? norm(row, 0, d) : r);
    for (let j = 0; j < d; j++) columns[j * n + i] = centre ? 2 * row[j] : row[j];
    if (centre) columns[d * n + i] = r * r;
  }
  return { columns, width, centre, radius };
}

/** The top `m` scores of one row of `scores` (a JS heap: tf.topk on the cpu backend boxes every score). */
function selectTop(scores: Float32Array, offset: number, n: number, m: number, out: Int32Array): number {
  const hv = new Float64Array(m);
  const siftDown = (p: number) => {
    for (;;) {
      const l = 2 * p + 1, r = l + 1;
      let s = p;
      if (l < m && hv[l] < hv[s]) s = l;
      if (r < m && hv[r] < hv[s]) s = r;
      if (s === p) return;
      [hv[p], hv[s]] = [hv[s], hv[p]];
      [out[p], out[s]] = [out[s], out[p]];
      p = s;
    }
  };
  for (let i = 0; i < m; i++) { hv[i] = scores[offset + i]; out[i] = i; }
  for (let p = (m >> 1) - 1; p >= 0; p--) siftDown(p);
  for (let i = m; i < n; i++) {
    const v = scores[offset + i];
    if (v > hv[0]) { hv[0] = v; out[0] = i; siftDown(0); }
  }
  return hv[0];
}

/**
 * The k nearest index rows of each of `nQueries` row-major queries (index.dim values each), searched
 * `batchSize` queries at a time (fewer when the index is large).
 */
export async function searchNeighbours(index: ExactIndex, queries: Float32Array, nQueries: number, k: number,
  batchSize: number): Promise<NeighbourSearch> {
  const { nRows: n, dim: d, metric } = index;
  if (!(k >= 1 && k <= n)) throw new RangeError(`k must be in [1, ${n}], the rows in the index; got ${k}`);
  if (queries.length !== nQueries * d) throw new RangeError(`queries hold ${queries.length} values, not ${nQueries} × ${d}`);
  const indices = new Int32Array(nQueries * k);
  const nearness = new Float64Array(nQueries * k);
  const m = Math.min(n, k + Math.max(16, k));
  const q = new Float64Array(d);
  const cand = new Int32Array(m);
  if (m === n) {
    // A small index: every row is a candidate, ranked exactly.
    for (let i = 0; i < n; i++) cand[i] = i;
    for (let qi = 0; qi < nQueries; qi++) {
      for (let j = 0; j < d; j++) q[j] = queries[qi * d + j];
      rankCandidates(index, q, metric === 'COSINE' ? norm(q, 0, d) : 0, cand, k, indices, nearness, qi * k);
    }
    return { indices, nearness, exhaustive: 0 };
  }
  const side = tensorSide(index);
  const { width, centre, radius } = side;
  const batch = Math.max(1, Math.min(batchSize, Math.floor(MAX_BATCH_CELLS / n)));
  const onCpu = tf.getBackend() === 'cpu';
  const table = tf.tensor2d(side.columns, [width, n]);
  let exhaustive = 0;
  try {
    for (let start = 0; start < nQueries; start += batch) {
      const b = Math.min(batch, nQueries - start);
      const qa = new Float32Array(b * width);
      const scale = new Float64Array(b);
      for (let r = 0; r < b; r++) {
        const base = (start + r) * d;
        for (let j = 0; j < d; j++) qa[r * width + j] = centre ? queries[base + j] - centre[j] : queries[base + j];
        const qn = norm(qa, r * width, d);
        if (metric === 'COSINE' && qn > 0) for (let j = 0; j < d; j++) qa[r * width + j] /= qn;
        if (centre) qa[r * width + d] = -1;
        // |float32 score − exact score| ≤ ε = 8 (width + 4) u × scale: a generous multiple of the dot-product bound.
        const sq = metric === 'COSINE' ? norm(qa, r * width, d) : qn;
        scale[r] = centre ? (qn + radius) ** 2 : sq * radius;
      }
      const scores = tf.tidy(() => tf.matMul(tf.tensor2d(qa, [b, width]), table));
      let values: Float32Array | undefined, tops: Int32Array | undefined, all: Float32Array | undefined;
      try {
        if (onCpu) {
          all = (await scores.data()) as Float32Array;
        } else {
          const top = tf.topk(scores, m, true);
          try {
            [values, tops] = await Promise.all([top.values.data() as Promise<Float32Array>, top.indices.data() as Promise<Int32Array>]);
          } finally {
            tf.dispose([top.values, top.indices]);
          }
        }
      } finally {
        scores.dispose();
      }
      for (let r = 0; r < b; r++) {
        const qi = start + r;
        for (let j = 0; j < d; j++) q[j] = queries[qi * d + j];
        const qNorm = metric === 'COSINE' ? norm(q, 0, d) : 0;
        const out = qi * k;
        let last: number;
        if (all) {
          last = selectTop(all, r * n, n, m, cand);
        } else {
          cand.set((tops as Int32Array).subarray(r * m, (r + 1) * m));
          last = (values as Float32Array)[r * m + m - 1];
        }
        const kth = rankCandidates(index, q, qNorm, cand, k, indices, nearness, out);
        const eps = 8 * (width + 4) * U * scale[r];
        // L2 scores are ‖cq‖² − distance²: a row outside the candidates is at least ‖cq‖² − last − ε away.
        const certified = Number.isFinite(eps) && scale[r] < 1e37 && (centre
          ? -kth < norm(qa, r * width, d) ** 2 - last - eps
          : kth > last + eps);
        if (!certified) {
          scanAll(index, q, qNorm, k, indices, nearness, out);
          exhaustive++;
        }
      }
    }
  } finally {
    table.dispose();
  }
  return { indices, nearness, exhaustive };
}
