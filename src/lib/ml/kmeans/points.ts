// Rows as TensorFlow.js chunks, and the two kernels every k-means step is made of: assign rows to their
// closest centre (squared distances as one matrix product, ||x||² − 2 x·c + ||c||², then argMin) and sum
// the rows of each cluster (one-hot matrix product). Chunks bound the rows × centres distance matrix so
// a million rows never allocate it whole; sums are read back and accumulated in float64.
import * as tf from '@tensorflow/tfjs';

/** Distance-matrix cells per chunk (rows × centres): 4 Mi float32 = 16 MiB. */
const CELLS_PER_CHUNK = 1 << 22;

/** Rows kept on the tensor backend, in chunks, with their squared norms and optional weights. */
export interface PointSet {
  chunks: { x: tf.Tensor2D; xx: tf.Tensor1D; w: tf.Tensor1D | null; rows: number; offset: number }[];
  n: number;
  d: number;
  /** Sum of the weights (n when unweighted). */
  totalWeight: number;
}

/** Rows per chunk so that a chunk's distance matrix to `centres` centres stays within CELLS_PER_CHUNK. */
export function chunkRows(centres: number): number {
  return Math.max(256, Math.floor(CELLS_PER_CHUNK / Math.max(1, centres)));
}

/** Uploads row-major `values` (n × d) and optional `weights` in chunks of `rowsPerChunk`. */
export function makePointSet(values: Float32Array, n: number, d: number, weights: Float32Array | Float64Array | null, rowsPerChunk: number): PointSet {
  const chunks: PointSet['chunks'] = [];
  for (let offset = 0; offset < n; offset += rowsPerChunk) {
    const rows = Math.min(rowsPerChunk, n - offset);
    const x = tf.tensor2d(values.subarray(offset * d, (offset + rows) * d), [rows, d]);
    const xx = tf.tidy(() => tf.sum(tf.square(x), 1)) as tf.Tensor1D;
    const w = weights ? tf.tensor1d(Float32Array.from(weights.subarray(offset, offset + rows))) : null;
    chunks.push({ x, xx, w, rows, offset });
  }
  let totalWeight = n;
  if (weights) { totalWeight = 0; for (let i = 0; i < n; i++) totalWeight += weights[i]; }
  return { chunks, n, d, totalWeight };
}

export function disposePointSet(p: PointSet): void {
  for (const c of p.chunks) { c.x.dispose(); c.xx.dispose(); c.w?.dispose(); }
  p.chunks = [];
}

/** Centres as a tensor with their squared norms. */
export interface CentreTensors { c: tf.Tensor2D; cc: tf.Tensor1D; k: number }

export function centreTensors(values: Float32Array, k: number, d: number): CentreTensors {
  const c = tf.tensor2d(values, [k, d]);
  const cc = tf.tidy(() => tf.sum(tf.square(c), 1)) as tf.Tensor1D;
  return { c, cc, k };
}

export function disposeCentres(c: CentreTensors): void {
  c.c.dispose();
  c.cc.dispose();
}

/** Squared distances rows × centres, clamped at 0 (the expansion can go slightly negative). */
export function squaredDistances(x: tf.Tensor2D, xx: tf.Tensor1D, centres: CentreTensors): tf.Tensor2D {
  return tf.tidy(() => tf.relu(tf.add(tf.sub(tf.expandDims(xx, 1), tf.mul(2, tf.matMul(x, centres.c, false, true))), tf.expandDims(centres.cc, 0))) as tf.Tensor2D);
}

/** Closest centre (int32) and squared distance to it, per row of a chunk. */
export function assignChunk(x: tf.Tensor2D, xx: tf.Tensor1D, centres: CentreTensors): { index: tf.Tensor1D; d2: tf.Tensor1D } {
  return tf.tidy(() => {
    const d2 = squaredDistances(x, xx, centres);
    return { index: tf.argMin(d2, 1) as tf.Tensor1D, d2: tf.min(d2, 1) as tf.Tensor1D };
  });
}

/**
 * Row-wise one-hot of `index` over k columns as float32. Cast from the int32 one-hot: the wasm backend's
 * OneHot (tfjs 4.22) ignores a float32 `dtype` argument and writes integer bits (1 reads as 1e-45).
 */
export function oneHotFloat(index: tf.Tensor1D, k: number): tf.Tensor2D {
  return tf.tidy(() => tf.cast(tf.oneHot(index, k), 'float32') as tf.Tensor2D);
}

/** Per-cluster weighted sums of rows, weights and squared distances of one Lloyd pass, in float64. */
export interface ClusterSums {
  sums: Float64Array;
  counts: Float64Array;
  /** Weighted sum of squared distances to the closest centre. */
  ssd: number;
}

/** One assignment pass over `points`: cluster sums (for new means), counts and the loss of `centres`. */
export async function clusterSums(points: PointSet, centres: CentreTensors): Promise<ClusterSums> {
  const { k } = centres;
  const d = points.d;
  const sums = new Float64Array(k * d);
  const counts = new Float64Array(k);
  let ssd = 0;
  for (const ch of points.chunks) {
    const [s, cnt, loss] = tf.tidy(() => {
      const { index, d2 } = assignChunk(ch.x, ch.xx, centres);
      let oh = oneHotFloat(index, k);
      let wd2: tf.Tensor1D = d2;
      if (ch.w) { oh = tf.mul(oh, tf.expandDims(ch.w, 1)); wd2 = tf.mul(d2, ch.w); }
      return [tf.matMul(oh, ch.x, true, false), tf.sum(oh, 0), tf.sum(wd2)];
    });
    const [sv, cv, lv] = await Promise.all([s.data(), cnt.data(), loss.data()]);
    s.dispose(); cnt.dispose(); loss.dispose();
    for (let i = 0; i < sv.length; i++) sums[i] += sv[i];
    for (let j = 0; j < k; j++) counts[j] += cv[j];
    ssd += lv[0];
  }
  return { sums, counts, ssd };
}

/** Weighted sum of squared distances of `points` to their closest centre. */
export async function pointsLoss(points: PointSet, centres: CentreTensors): Promise<number> {
  let ssd = 0;
  for (const ch of points.chunks) {
    const loss = tf.tidy(() => {
      const { d2 } = assignChunk(ch.x, ch.xx, centres);
      return tf.sum(ch.w ? tf.mul(d2, ch.w) : d2);
    });
    ssd += (await loss.data())[0];
    loss.dispose();
  }
  return ssd;
}

/** The `m` rows (global indices) farthest from their closest centre among rows of positive weight. */
export async function farthestRows(points: PointSet, centres: CentreTensors, m: number): Promise<number[]> {
  const found: { d2: number; row: number }[] = [];
  for (const ch of points.chunks) {
    const take = Math.min(m, ch.rows);
    const top = tf.tidy(() => {
      const { d2 } = assignChunk(ch.x, ch.xx, centres);
      const masked = ch.w ? tf.where(tf.greater(ch.w, 0), d2, tf.fill([ch.rows], -1)) : d2;
      return tf.topk(masked, take);
    });
    const [vals, idx] = await Promise.all([top.values.data(), top.indices.data()]);
    top.values.dispose(); top.indices.dispose();
    for (let i = 0; i < take; i++) if (vals[i] >= 0) found.push({ d2: vals[i], row: ch.offset + idx[i] });
  }
  found.sort((a, b) => b.d2 - a.d2 || a.row - b.row);
  return found.slice(0, m).map((f) => f.row);
}

/** Reads row `row` of `points` back from the backend. */
export async function readPoint(points: PointSet, row: number): Promise<Float32Array> {
  const ch = points.chunks.find((c) => row >= c.offset && row < c.offset + c.rows);
  if (!ch) throw new RangeError(`row ${row} is outside the ${points.n} points`);
  const t = tf.slice(ch.x, [row - ch.offset, 0], [1, points.d]);
  const v = await t.data();
  t.dispose();
  return Float32Array.from(v);
}
