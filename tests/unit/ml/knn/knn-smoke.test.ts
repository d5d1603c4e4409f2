// A large exact search through the estimator: fit a 100,000-row index, infer 10,000 queries, print the
// time (never asserted: speed belongs in benchmarks) and check a sample of the answers against a float64 scan.
import { expect, it } from 'vitest';
import { knnEstimator } from '../../../../src/lib/ml/knn/knn-estimator.ts';
import { exactIndex, norm, scanAll } from '../../../../src/lib/ml/knn/exact-nearness.ts';
import { neighboursOf } from '../../../../src/lib/ml/knn/knn-predict.ts';
import { SeededRandom } from '../../../../src/lib/ml/random.ts';
import { describeEachTfBackend } from '../tf-backends.ts';

function gaussianRows(n: number, d: number, seed: number): Float32Array {
  const rng = new SeededRandom(seed);
  return Float32Array.from({ length: n * d }, () => Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next()));
}

describeEachTfBackend('knn smoke run', (backend) => {
  // The cpu backend's matMul does ~2·10^10 multiply-adds at ~0.3 GFLOP/s (over a minute), so the smoke
  // run is timed on wasm only.
  it.skipIf(backend === 'cpu')('fits 100,000 × 20 rows and finds the 10 nearest of 10,000 queries (prints the time)', async () => {
    const n = 100_000, d = 20, nq = 10_000, k = 10;
    const rows = gaussianRows(n, d, 8);
    const labels = Float32Array.from({ length: n }, (_, i) => (rows[i * d] + rows[i * d + 1] > 0 ? 1 : 0));
    const queries = { features: gaussianRows(nq, d, 9), nRows: nq, nCols: d };
    const t0 = performance.now();
    const { model } = await knnEstimator.fit({ features: rows, nRows: n, nCols: d, labels }, knnEstimator.resolve({ k }),
      { facts: { task: 'binary', classes: ['0', '1'], nRows: n, nCols: d, featureNames: [] } });
    const t1 = performance.now();
    const found = await neighboursOf(model, queries);
    const t2 = performance.now();
    console.log(`knn smoke on ${backend}: fit 100,000 × 20 in ${((t1 - t0) / 1000).toFixed(1)} s; 10,000 queries, k = 10, in ${((t2 - t1) / 1000).toFixed(1)} s (${found.exhaustive} scanned exhaustively)`);
    const index = exactIndex(rows, n, d, 'L2');
    const want = new Int32Array(k), near = new Float64Array(k);
    for (let i = 0; i < nq; i += 500) {
      const q = Float64Array.from(queries.features.subarray(i * d, (i + 1) * d));
      scanAll(index, q, norm(q, 0, d), k, want, near, 0);
      expect(Array.from(found.indices.subarray(i * k, (i + 1) * k))).toEqual(Array.from(want));
    }
  }, 180_000);
});
