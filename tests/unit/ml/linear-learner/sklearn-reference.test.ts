// linear-learner with its defaults (normalize_data, adam, auto learning rates and wd; only epochs set)
// against scikit-learn's StandardScaler + LogisticRegression (C = 1) / Ridge (alpha = 1) on the same
// training rows of scikit-learn's bundled datasets (test_size 0.25, random_state 0, stratified for classes).
// Targets: accuracy and AUC no more than 0.01 below scikit-learn's, RMSE no more than 3% above.
import { expect, it } from 'vitest';
import type { FeatureMatrix, Task } from '../../../../src/lib/ml/estimator.ts';
import { linearLearnerEstimator as ll } from '../../../../src/lib/ml/linear-learner/linear-learner-estimator.ts';
import { rocAuc } from '../../../../src/lib/ml/metrics/auc.ts';
import { hasSklearn, python, sklearnSkipReason } from '../sklearn.ts';
import { describeEachTfBackend } from '../tf-backends.ts';

interface Split { X_train: number[][]; y_train: number[]; X_test: number[][]; y_test: number[]; reference: { accuracy?: number; auc?: number; rmse?: number } }

const cache = new Map<string, Split>();
function split(name: string, rows?: number): Split {
  const key = `${name}/${rows ?? 'all'}`;
  if (!cache.has(key)) cache.set(key, python<Split>('sklearn_linear-learner.py', { name, rows }));
  return cache.get(key)!;
}

const matrix = (X: number[][]): FeatureMatrix => ({ features: Float32Array.from(X.flat()), nRows: X.length, nCols: X[0].length });

/** Fits with the defaults for the task and `epochs`; returns the test figures. */
async function run(s: Split, task: Task, epochs: number) {
  const classes = task === 'regression' ? undefined : [...new Set(s.y_train)].sort((a, b) => a - b).map(String);
  const facts = { task, classes, nRows: s.y_train.length, nCols: s.X_train[0].length, featureNames: [] };
  const { model } = await ll.fit({ ...matrix(s.X_train), labels: Float32Array.from(s.y_train) }, ll.resolve({ ...ll.taskDefaults(facts), epochs }), { facts });
  const out = await ll.infer(model, matrix(s.X_test));
  const y = Float32Array.from(s.y_test);
  if (out.kind === 'regression') return { rmse: Math.sqrt(out.score.reduce((a, p, i) => a + (p - y[i]) ** 2, 0) / y.length) };
  if (out.kind !== 'classification') throw new Error('expected classification');
  const accuracy = out.predictedLabel.reduce((a, p, i) => a + (p === y[i] ? 1 : 0), 0) / y.length;
  return { accuracy, auc: task === 'binary' ? rocAuc(out.probabilities, y) : undefined };
}

describeEachTfBackend('linear-learner against scikit-learn', (backend) => {
  it.skipIf(!hasSklearn)(`breast_cancer (binary, 100 epochs): accuracy and AUC within 0.01 of LogisticRegression${sklearnSkipReason}`, async () => {
    const s = split('breast_cancer');
    const got = await run(s, 'binary', 100);
    expect(got.accuracy).toBeGreaterThanOrEqual(s.reference.accuracy! - 0.01);
    expect(got.auc).toBeGreaterThanOrEqual(s.reference.auc! - 0.01);
  });

  it.skipIf(!hasSklearn)(`wine (multiclass, 100 epochs): accuracy within 0.01 of LogisticRegression${sklearnSkipReason}`, async () => {
    const s = split('wine');
    expect((await run(s, 'multiclass', 100)).accuracy).toBeGreaterThanOrEqual(s.reference.accuracy! - 0.01);
  });

  // The tfjs cpu backend takes ~20 s for 100 epochs of all of digits, so it gets a stratified 500-row subset.
  const digitRows = backend === 'cpu' ? 500 : undefined;
  it.skipIf(!hasSklearn)(`digits (multiclass, 100 epochs, ${digitRows ?? 'all'} rows): accuracy within 0.01 of LogisticRegression${sklearnSkipReason}`, async () => {
    const s = split('digits', digitRows);
    expect((await run(s, 'multiclass', 100)).accuracy).toBeGreaterThanOrEqual(s.reference.accuracy! - 0.01);
  });

  it.skipIf(!hasSklearn)(`diabetes (regression, 100 epochs): test RMSE within 3% of Ridge${sklearnSkipReason}`, async () => {
    const s = split('diabetes');
    expect((await run(s, 'regression', 100)).rmse).toBeLessThanOrEqual(1.03 * s.reference.rmse!);
  });
});
