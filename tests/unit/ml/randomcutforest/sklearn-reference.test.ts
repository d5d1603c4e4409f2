// Accuracy against scikit-learn: on a seeded seasonal series with planted spikes, the ROC AUC of mlpad's
// RCF scores with shingle_size 4 is at least that of IsolationForest(random_state=0) on the same shingles.
import { describe, expect, it } from 'vitest';
import { rocAuc } from '../../../../src/lib/ml/metrics/auc.ts';
import { randomCutForestEstimator as rcf } from '../../../../src/lib/ml/randomcutforest/randomcutforest-estimator.ts';
import { hasSklearn, python, sklearnSkipReason } from '../sklearn.ts';
import { seasonalWithSpikes } from './fixtures.ts';

interface Reference { isolationForestAuc: number; rcfAuc: number; scores: number[] }

describe('randomcutforest against scikit-learn', () => {
  it.skipIf(!hasSklearn)(`RCF with shingle_size 4 ranks planted spikes at least as well as IsolationForest (ROC AUC)${sklearnSkipReason}`, async () => {
    // sin(2πi/50) + N(0, 0.1²), 2,000 points, 20 spikes of ±U(0.5, 1.5); label 1 on each spiked row.
    const { values, labels } = seasonalWithSpikes({ n: 2000, spikes: 20, minSpike: 0.5, maxSpike: 1.5, seed: 7 });
    const x = { features: values, nRows: 2000, nCols: 1 };
    const { model } = await rcf.fit(x, rcf.resolve({ shingle_size: 4, seed: 0 }));
    const out = await rcf.infer(model, x);
    if (out.kind !== 'anomaly') throw new Error('expected anomaly scores');
    const ref = python<Reference>('sklearn_randomcutforest.py', {
      values: Array.from(values), nCols: 1, shingleSize: 4, labels: Array.from(labels), rcfScores: Array.from(out.score),
    });
    console.log(`ROC AUC on the spiked sine: mlpad RCF ${ref.rcfAuc.toFixed(4)}, sklearn IsolationForest ${ref.isolationForestAuc.toFixed(4)}`);
    // mlpad's own rocAuc agrees with sklearn's roc_auc_score on the same scores.
    expect(rocAuc(out.score, labels)).toBeCloseTo(ref.rcfAuc, 6);
    expect(ref.rcfAuc).toBeGreaterThanOrEqual(ref.isolationForestAuc);
    expect(ref.isolationForestAuc).toBeGreaterThan(0.9); // the fixture is neither trivial nor hopeless
    expect(ref.isolationForestAuc).toBeLessThan(0.99);
  });
});
