// SageMaker's streaming pass: K = k × extra_center_factor centres seeded from the first mini-batch,
// then for every mini-batch each centre moves to the weighted mean of its old position (weight W, the
// rows it has absorbed so far) and the batch rows now closest to it. With half_life_time_size h the old
// weight decays by 0.5^(b/h) per batch of b rows, so a row's pull halves after h more rows.
import * as tf from '@tensorflow/tfjs';
import type { SeededRandom } from '../random.ts';
import type { KMeansInitMethod } from './params.ts';
import { chunkRows, oneHotFloat } from './points.ts';
import { seedCentres, type CpuPoints } from './seeding.ts';

/** Row-major rows in training order, with optional weights. */
export interface RowSource {
  values: Float32Array;
  n: number;
  d: number;
  weights: Float32Array | null;
}

/** The over-provisioned centres and the (decayed) weight each has absorbed. */
export interface StreamState {
  centres: tf.Tensor2D;
  weights: tf.Tensor1D;
  K: number;
}

function gather(src: RowSource, order: Int32Array, start: number, end: number): CpuPoints {
  const { d } = src;
  const b = end - start;
  const values = new Float32Array(b * d);
  const weights = src.weights ? new Float64Array(b) : null;
  for (let r = 0; r < b; r++) {
    const i = order[start + r];
    values.set(src.values.subarray(i * d, (i + 1) * d), r * d);
    if (weights && src.weights) weights[r] = src.weights[i];
  }
  return { values, n: b, d, weights };
}

/** K centres chosen by `method` among the first max(batchSize, K) rows of `order`; weights start at 0. */
export function initStream(src: RowSource, order: Int32Array, K: number, batchSize: number, method: KMeansInitMethod, rng: SeededRandom): StreamState {
  const pool = gather(src, order, 0, Math.min(src.n, Math.max(batchSize, K)));
  const values = seedCentres(pool, K, method, rng);
  return { centres: tf.tensor2d(values, [K, src.d]), weights: tf.zeros([K]) as tf.Tensor1D, K };
}

/**
 * One pass of mini-batch updates over the rows in `order`; updates `state` in place (old tensors
 * disposed). `sliceRows` bounds the rows assigned at once; defaults to a 16 MiB distance matrix.
 */
export async function streamEpoch(state: StreamState, src: RowSource, order: Int32Array, batchSize: number, halfLife: number,
  sliceRows = chunkRows(state.K)): Promise<void> {
  const { d } = src;
  for (let start = 0; start < src.n; start += batchSize) {
    const end = Math.min(src.n, start + batchSize);
    const batch = gather(src, order, start, end);
    const decay = halfLife > 0 ? Math.pow(0.5, (end - start) / halfLife) : 1;
    const [centres, weights] = tf.tidy(() => {
      // Assign in slices so a big batch × K distance matrix is never whole; then one update per batch.
      const x = tf.tensor2d(batch.values, [batch.n, d]);
      const w = batch.weights ? tf.tensor1d(Float32Array.from(batch.weights)) : null;
      const cc = tf.sum(tf.square(state.centres), 1);
      const step = sliceRows;
      let sums: tf.Tensor = tf.zeros([state.K, d]);
      let counts: tf.Tensor = tf.zeros([state.K]);
      for (let r = 0; r < batch.n; r += step) {
        const [s, c] = tf.tidy(() => {
          const rows = Math.min(step, batch.n - r);
          const xs = tf.slice(x, [r, 0], [rows, d]);
          const xx = tf.sum(tf.square(xs), 1);
          const d2 = tf.add(tf.sub(tf.expandDims(xx, 1), tf.mul(2, tf.matMul(xs, state.centres, false, true))), tf.expandDims(cc, 0));
          let oh = oneHotFloat(tf.argMin(d2, 1) as tf.Tensor1D, state.K);
          if (w) oh = tf.mul(oh, tf.expandDims(tf.slice(w, [r], [rows]), 1));
          return [tf.add(sums, tf.matMul(oh, xs, true, false)), tf.add(counts, tf.sum(oh, 0))];
        });
        sums.dispose();
        counts.dispose();
        sums = s;
        counts = c;
      }
      const kept = tf.mul(state.weights, decay);
      const total = tf.add(kept, counts);
      const moved = tf.div(tf.add(tf.mul(state.centres, tf.expandDims(kept, 1)), sums), tf.expandDims(tf.maximum(total, 1e-30), 1));
      const c = tf.where(tf.expandDims(tf.greater(total, 0), 1), moved, state.centres) as tf.Tensor2D;
      return [c, total as tf.Tensor1D];
    });
    state.centres.dispose();
    state.weights.dispose();
    state.centres = centres;
    state.weights = weights;
    // Let the backend finish the batch before queueing the next (bounds memory on async backends).
    await weights.data();
  }
}

/** Reads the centres and weights back: K × d row-major values and K float64 weights. */
export async function readStream(state: StreamState): Promise<{ values: Float32Array; weights: Float64Array }> {
  const [v, w] = await Promise.all([state.centres.data(), state.weights.data()]);
  return { values: Float32Array.from(v), weights: Float64Array.from(w) };
}

export function disposeStream(state: StreamState): void {
  state.centres.dispose();
  state.weights.dispose();
}
