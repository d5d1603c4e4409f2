import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { lloyd } from '../../../../src/lib/ml/kmeans/lloyd.ts';
import { disposePointSet, makePointSet } from '../../../../src/lib/ml/kmeans/points.ts';
import { kmeansPlusPlus, randomRows } from '../../../../src/lib/ml/kmeans/seeding.ts';
import { SeededRandom } from '../../../../src/lib/ml/random.ts';
import { describeEachTfBackend } from '../tf-backends.ts';
import { blobs, ssd } from './fixtures.ts';

describe('seeding', () => {
  const data = blobs(200, 2, 5, 41, 0.5);
  const cpu = { values: data.features, n: 200, d: 2, weights: null };

  it('kmeansPlusPlus puts one seed in each of 5 far-apart blobs (rows i ≡ blob i mod 5)', () => {
    for (const trials of [1, 3]) {
      const rows = kmeansPlusPlus(cpu, 5, new SeededRandom(1), trials);
      expect(new Set(Array.from(rows, (r) => r % 5)).size).toBe(5);
    }
  });

  it('never seeds from rows of weight 0, and repeats only when fewer rows have weight than seeds', () => {
    const weights = new Float64Array(200);
    weights[3] = 1; weights[8] = 2;
    const w = { ...cpu, weights };
    expect(new Set(kmeansPlusPlus(w, 2, new SeededRandom(2), 3))).toEqual(new Set([3, 8]));
    expect(new Set(randomRows(w, 2, new SeededRandom(2)))).toEqual(new Set([3, 8]));
    expect(Array.from(randomRows(w, 3, new SeededRandom(2))).every((r) => r === 3 || r === 8)).toBe(true);
  });
});

describeEachTfBackend('lloyd', () => {
  it('relocates an empty cluster to the farthest row and converges to the blob means', async () => {
    const data = blobs(300, 2, 3, 42, 0.5);
    const points = makePointSet(data.features, 300, 2, null, 64);
    const before = tf.memory().numTensors;
    // Three copies of one row: two clusters start empty.
    const init = new Float32Array(6);
    for (let j = 0; j < 3; j++) init.set(data.features.subarray(0, 2), j * 2);
    const run = await lloyd(points, init, 3, { maxIter: 100, tol: 0 });
    expect(tf.memory().numTensors).toBe(before);
    disposePointSet(points);
    const means = new Float64Array(6);
    for (let i = 0; i < 300; i++) for (let f = 0; f < 2; f++) means[(i % 3) * 2 + f] += data.features[i * 2 + f] / 100;
    expect(run.ssd / ssd(data.features, 300, 2, means, 3)).toBeCloseTo(1, 4);
    expect(Array.from(run.counts).sort()).toEqual([100, 100, 100]);
  });
});
