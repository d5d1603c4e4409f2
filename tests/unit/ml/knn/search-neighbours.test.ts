import * as tf from '@tensorflow/tfjs';
import { expect, it } from 'vitest';
import { exactIndex, norm, scanAll } from '../../../../src/lib/ml/knn/exact-nearness.ts';
import type { IndexMetric } from '../../../../src/lib/ml/knn/knn-params.ts';
import { searchNeighbours } from '../../../../src/lib/ml/knn/search-neighbours.ts';
import { SeededRandom } from '../../../../src/lib/ml/random.ts';
import { describeEachTfBackend } from '../tf-backends.ts';

function gaussian(rng: SeededRandom): number {
  return Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
}

function randomRows(n: number, d: number, seed: number, offset = 0): Float32Array {
  const rng = new SeededRandom(seed);
  return Float32Array.from({ length: n * d }, () => offset + gaussian(rng));
}

/** The float64 scan's answer for every query, as the reference. */
function scanned(rows: Float32Array, n: number, d: number, metric: IndexMetric, queries: Float32Array, nq: number, k: number): Int32Array {
  const index = exactIndex(rows, n, d, metric);
  const out = new Int32Array(nq * k);
  const near = new Float64Array(nq * k);
  for (let i = 0; i < nq; i++) {
    const q = Float64Array.from(queries.subarray(i * d, (i + 1) * d));
    scanAll(index, q, norm(q, 0, d), k, out, near, i * k);
  }
  return out;
}

describeEachTfBackend('searchNeighbours', () => {
  for (const metric of ['L2', 'INNER_PRODUCT', 'COSINE'] as const) {
    it(`returns the float64 scan's ${metric} neighbours of 300 queries in 2,000 rows, in batches of 64`, async () => {
      const n = 2000, d = 12, nq = 300, k = 7;
      const rows = randomRows(n, d, 1);
      const queries = randomRows(nq, d, 2);
      const got = await searchNeighbours(exactIndex(rows, n, d, metric), queries, nq, k, 64);
      expect(Array.from(got.indices)).toEqual(Array.from(scanned(rows, n, d, metric, queries, nq, k)));
      // The tensor candidates certify nearly every query; the float64 scan is the exception.
      expect(got.exhaustive).toBeLessThan(nq / 10);
    });
  }

  it('stays exact for L2 on rows far from the origin (values 10,000 ± 1): the tensors score rows centred on the index mean', async () => {
    const n = 3000, d = 8, nq = 200, k = 5;
    const rows = randomRows(n, d, 3, 10_000);
    const queries = randomRows(nq, d, 4, 10_000);
    const got = await searchNeighbours(exactIndex(rows, n, d, 'L2'), queries, nq, k, 1000);
    expect(Array.from(got.indices)).toEqual(Array.from(scanned(rows, n, d, 'L2', queries, nq, k)));
  });

  it('scans in float64 when float32 cannot separate the candidates (500 rows on the unit circle around the query)', async () => {
    const n = 500, k = 5;
    const rows = new Float32Array(2 * n);
    for (let i = 0; i < n; i++) rows.set([Math.cos(2 * Math.PI * i / n), Math.sin(2 * Math.PI * i / n)], 2 * i);
    const index = exactIndex(rows, n, 2, 'L2');
    const got = await searchNeighbours(index, Float32Array.of(0, 0), 1, k, 10);
    expect(got.exhaustive).toBe(1);
    expect(Array.from(got.indices)).toEqual(Array.from(scanned(rows, n, 2, 'L2', Float32Array.of(0, 0), 1, k)));
  });

  it('breaks ties by the lower row index when 40 rows are identical (the scan decides)', async () => {
    const n = 100, d = 3, k = 5;
    const rows = randomRows(n, d, 5, 3);
    for (let i = 30; i < 70; i++) rows.set([0.5, -0.5, 0.25], i * d);
    const got = await searchNeighbours(exactIndex(rows, n, d, 'L2'), Float32Array.of(0.5, -0.5, 0.3), 1, k, 10);
    expect(Array.from(got.indices)).toEqual([30, 31, 32, 33, 34]);
    expect(got.exhaustive).toBe(1);
    expect(got.nearness[0]).toBe(-((Math.fround(0.3) - 0.25) ** 2));
  });

  it('ranks every row exactly when the index is smaller than k + 16', async () => {
    const rows = Float32Array.of(0, 0, 1, 1, 2, 2, 3, 3);
    const got = await searchNeighbours(exactIndex(rows, 4, 2, 'L2'), Float32Array.of(2.2, 2.2, 0.4, 0.4), 2, 3, 10);
    expect(Array.from(got.indices)).toEqual([2, 3, 1, 0, 1, 2]);
  });

  it('refuses k outside [1, rows] with the range', async () => {
    await expect(searchNeighbours(exactIndex(new Float32Array(6), 3, 2, 'L2'), new Float32Array(2), 1, 4, 10))
      .rejects.toThrow('k must be in [1, 3], the rows in the index; got 4');
  });

  it('leaves no tensor behind', async () => {
    const before = tf.memory().numTensors;
    await searchNeighbours(exactIndex(randomRows(500, 4, 6), 500, 4, 'COSINE'), randomRows(50, 4, 7), 50, 3, 16);
    expect(tf.memory().numTensors).toBe(before);
  });
});
