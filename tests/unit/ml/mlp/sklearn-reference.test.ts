// mlp against scikit-learn's MLPClassifier / MLPRegressor on its bundled datasets, small enough for the
// unit suite. The full-size digits comparison (all 1347 training rows, 200 epochs, defaults on both sides)
// is scripts/ml/mlp_digits_compare.ts.
import { beforeAll, expect, it } from 'vitest';
import type { FeatureMatrix } from '../../../../src/lib/ml/estimator.ts';
import { mlpEstimator as est } from '../../../../src/lib/ml/mlp/mlp-estimator.ts';
import { describeEachTfBackend } from '../tf-backends.ts';
import { hasSklearn, python, sklearnSkipReason } from '../sklearn.ts';
import { factsOf } from './fixtures.ts';

interface Reference { X_train: number[][]; y_train: number[]; X_test: number[][]; y_test: number[]; accuracy?: number; rmse?: number; mean_rmse: number }

function matrix(X: number[][]): FeatureMatrix {
  return { features: Float32Array.from(X.flat()), nRows: X.length, nCols: X[0].length };
}

let references: { digits: Reference; diabetes: Reference } | undefined;

/** scikit-learn's figures, computed once for both backends. Both sides standardise the features (and the diabetes target), as mlp's normalize_data / normalize_label do. */
function referenceFigures(): { digits: Reference; diabetes: Reference } {
  references ??= {
    digits: python<Reference>('sklearn_mlp.py', { dataset: 'digits', max_train: 600, scale: true, sklearn: { max_iter: 40 } }),
    diabetes: python<Reference>('sklearn_mlp.py', { dataset: 'diabetes', scale: true, sklearn: { max_iter: 50 } }),
  };
  return references;
}

describeEachTfBackend('mlp beside scikit-learn', () => {
  let digits: Reference, diabetes: Reference;
  beforeAll(() => {
    if (hasSklearn) ({ digits, diabetes } = referenceFigures());
  });

  it.skipIf(!hasSklearn)(`digits, 600 training rows, 40 epochs: test accuracy within 0.02 of MLPClassifier(max_iter=40)${sklearnSkipReason}`, async () => {
    const train = { ...matrix(digits.X_train), labels: Float32Array.from(digits.y_train) };
    const fitted = await est.fit(train, est.resolve({ epochs: 40 }), { facts: factsOf('multiclass', train, 10), evalTrain: false });
    const inf = await est.infer(fitted.model, matrix(digits.X_test));
    if (inf.kind !== 'classification') throw new Error('not classification');
    const acc = inf.predictedLabel.reduce((a, p, i) => a + (p === digits.y_test[i] ? 1 : 0), 0) / digits.y_test.length;
    expect(Math.abs(acc - (digits.accuracy as number))).toBeLessThanOrEqual(0.02);
  });

  it.skipIf(!hasSklearn)(`diabetes regressor, 50 epochs: test RMSE ≥ 10% below the mean predictor's and within 10% of MLPRegressor(max_iter=50)${sklearnSkipReason}`, async () => {
    const train = { ...matrix(diabetes.X_train), labels: Float32Array.from(diabetes.y_train) };
    const fitted = await est.fit(train, est.resolve({ epochs: 50 }), { facts: factsOf('regression', train), evalTrain: false });
    const inf = await est.infer(fitted.model, matrix(diabetes.X_test));
    if (inf.kind !== 'regression') throw new Error('not regression');
    const rmse = Math.sqrt(inf.score.reduce((a, p, i) => a + (p - diabetes.y_test[i]) ** 2, 0) / diabetes.y_test.length);
    expect(rmse).toBeLessThan(0.9 * diabetes.mean_rmse);
    expect(Math.abs(rmse / (diabetes.rmse as number) - 1)).toBeLessThanOrEqual(0.1);
  });
});
