// mlpad's k-means against scikit-learn's KMeans(init='k-means++', n_init=10, random_state=0) through
// scripts/ml/sklearn_kmeans.py: the final sum of squared distances (float64, on the same float32 rows)
// must be within 1% of scikit-learn's with SageMaker's default hyperparameters. Python starts once.
import { beforeAll, expect, it } from 'vitest';
import { kmeansEstimator } from '../../../../src/lib/ml/kmeans/kmeans-estimator.ts';
import { hasSklearn, python, rows, sklearnSkipReason } from '../sklearn.ts';
import { describeEachTfBackend } from '../tf-backends.ts';
import { ssd } from './fixtures.ts';

interface Case { name: string; dataset: string; k: number; standardize?: boolean; blobs?: Record<string, number> }
interface Result { X: number[][]; inertia: number }

const CASES: Case[] = [
  { name: 'iris, k = 3', dataset: 'iris', k: 3 },
  { name: 'wine (standardized), k = 3', dataset: 'wine', k: 3, standardize: true },
  { name: 'make_blobs(1500 × 5, 6 centres, std 2, random_state 7), k = 6', dataset: 'blobs', k: 6,
    blobs: { n_samples: 1500, centers: 6, n_features: 5, cluster_std: 2.0, random_state: 7 } },
  // Beyond the natural k, scikit-learn's own best of 10 varies by ~1% with its seed; these stay within 2%.
  { name: 'iris, k = 5', dataset: 'iris', k: 5 },
  { name: 'wine (standardized), k = 5', dataset: 'wine', k: 5, standardize: true },
];

let results: Result[] = [];
beforeAll(() => {
  if (hasSklearn) results = python<{ results: Result[] }>('sklearn_kmeans.py', { cases: CASES }).results;
});

describeEachTfBackend('kmeans against scikit-learn', () => {
  CASES.forEach((c, i) => {
    const tolerance = c.k === 3 || c.dataset === 'blobs' ? 0.01 : 0.02;
    it.skipIf(!hasSklearn)(`${c.name}: ssd within ${tolerance * 100}% of KMeans(n_init=10) for seeds 0, 1, 2${sklearnSkipReason}`, async () => {
      const { X, inertia } = results[i];
      const data = { features: rows(X), nRows: X.length, nCols: X[0].length };
      for (const seed of [0, 1, 2]) {
        const { model } = await kmeansEstimator.fit(data, kmeansEstimator.resolve({ k: c.k, seed }));
        const mine = ssd(data.features, data.nRows, data.nCols, model.centres, c.k);
        expect(mine / inertia - 1, `seed ${seed}: mlpad ${mine.toFixed(3)} vs scikit-learn ${inertia.toFixed(3)}`).toBeLessThan(tolerance);
      }
    });
  });
});
