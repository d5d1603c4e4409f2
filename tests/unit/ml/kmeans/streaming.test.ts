import * as tf from '@tensorflow/tfjs';
import { expect, it } from 'vitest';
import { SeededRandom } from '../../../../src/lib/ml/random.ts';
import { disposeStream, initStream, readStream, streamEpoch, type RowSource } from '../../../../src/lib/ml/kmeans/streaming.ts';
import { describeEachTfBackend } from '../tf-backends.ts';
import { blobs } from './fixtures.ts';

/** The streaming update in float64 on the CPU: centre ← (decay·W·c + Σ batch rows) / (decay·W + batch weight). */
function reference(src: RowSource, order: Int32Array, init: Float32Array, K: number, batch: number, halfLife: number) {
  const { d } = src;
  const c = Float64Array.from(init);
  const W = new Float64Array(K);
  for (let start = 0; start < src.n; start += batch) {
    const end = Math.min(src.n, start + batch);
    const decay = halfLife > 0 ? 0.5 ** ((end - start) / halfLife) : 1;
    const sums = new Float64Array(K * d);
    const cnt = new Float64Array(K);
    for (let r = start; r < end; r++) {
      const i = order[r];
      let best = Infinity;
      let at = 0;
      for (let j = 0; j < K; j++) {
        let t = 0;
        for (let f = 0; f < d; f++) { const z = src.values[i * d + f] - c[j * d + f]; t += z * z; }
        if (t < best) { best = t; at = j; }
      }
      const w = src.weights ? src.weights[i] : 1;
      cnt[at] += w;
      for (let f = 0; f < d; f++) sums[at * d + f] += w * src.values[i * d + f];
    }
    for (let j = 0; j < K; j++) {
      const total = decay * W[j] + cnt[j];
      if (total > 0) for (let f = 0; f < d; f++) c[j * d + f] = (decay * W[j] * c[j * d + f] + sums[j * d + f]) / total;
      W[j] = total;
    }
  }
  return { c, W };
}

describeEachTfBackend('streamEpoch', () => {
  for (const halfLife of [0, 50]) {
    it(`moves centres to the decayed running means of their rows (half_life_time_size ${halfLife}), however the batch is sliced`, async () => {
      const data = blobs(500, 3, 4, 31);
      const weights = Float32Array.from({ length: 500 }, (_, i) => 0.5 + (i % 3));
      const src: RowSource = { values: data.features, n: 500, d: 3, weights };
      const order = Int32Array.from({ length: 500 }, (_, i) => (i * 7) % 500);
      const before = tf.memory().numTensors;
      for (const slice of [1 << 20, 13]) {
        const state = initStream(src, order, 12, 120, 'kmeans++', new SeededRandom(3));
        const init = (await readStream(state)).values;
        await streamEpoch(state, src, order, 120, halfLife, slice);
        const got = await readStream(state);
        disposeStream(state);
        const ref = reference(src, order, init, 12, 120, halfLife);
        for (let i = 0; i < ref.c.length; i++) expect(got.values[i]).toBeCloseTo(ref.c[i], 3);
        for (let j = 0; j < 12; j++) expect(got.weights[j] / Math.max(ref.W[j], 1e-9)).toBeCloseTo(ref.W[j] > 0 ? 1 : 0, 5);
      }
      expect(tf.memory().numTensors).toBe(before);
    });
  }
});
