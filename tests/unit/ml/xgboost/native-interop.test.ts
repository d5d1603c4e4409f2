// mlpad against native XGBoost 1.7 (Debian's python3-xgboost through scripts/ml/xgb_reference.py).
// Skipped, with the reason in the title, where /usr/bin/python3 cannot import xgboost and sklearn.
import { describe, expect, it } from 'vitest';
import type { TrainingData } from '../../../../src/lib/ml/matrix.ts';
import { rocAuc } from '../../../../src/lib/ml/metrics/auc.ts';
import { rmse } from '../../../../src/lib/ml/metrics/pointwise-metrics.ts';
import { fromXGBoostJSON, toXGBoostJSON } from '../../../../src/lib/ml/xgboost/model-json.ts';
import { resolveXGBoostParams } from '../../../../src/lib/ml/xgboost/params.ts';
import { predictMargins, predictXGBoost } from '../../../../src/lib/ml/xgboost/predict.ts';
import { trainXGBoost } from '../../../../src/lib/ml/xgboost/train.ts';
import { SeededRandom } from '../../../../src/lib/ml/random.ts';
import { hasNativeXGBoost, maxAbsDiff, native, nativeSkipReason, toData } from './native.ts';

interface Dataset { X_train: number[][]; y_train: number[]; X_test: number[][]; y_test: number[] }
interface Trained { model: string; margins: number[]; test_margins: number[]; test_preds: number[] }

/** Rows with ~10% missing cells and a label that depends on missingness. */
function syntheticRows(n: number, seed: number): { X: (number | null)[][]; y: number[] } {
  const rng = new SeededRandom(seed);
  const X: (number | null)[][] = [];
  const y: number[] = [];
  for (let i = 0; i < n; i++) {
    const r = Array.from({ length: 5 }, (_, j) => (rng.next() < 0.1 ? null : Math.fround(Math.round((rng.next() * 4 - 2) * 100 * (j + 1)) / 100)));
    X.push(r);
    y.push((r[0] ?? 1) + 0.3 * (r[1] ?? -1) + 0.5 * rng.next() > 0.2 ? 1 : 0);
  }
  return { X, y };
}

const accuracy = (pred: Float32Array, y: number[], width: number) => {
  let ok = 0;
  for (let i = 0; i < y.length; i++) {
    let c = 0;
    if (width === 1) c = pred[i] > 0.5 ? 1 : 0;
    else for (let k = 1; k < width; k++) if (pred[i * width + k] > pred[i * width + c]) c = k;
    if (c === y[i]) ok++;
  }
  return ok / y.length;
};

describe('native XGBoost models in mlpad', () => {
  const tasks: [string, Record<string, string | number>][] = [
    ['binary:logistic', { objective: 'binary:logistic', max_depth: 4 }],
    ['multi:softprob', { objective: 'multi:softprob', num_class: 3, max_depth: 3 }],
    ['reg:squarederror', { objective: 'reg:squarederror', max_depth: 5, subsample: 0.8, colsample_bytree: 0.8 }],
    ['count:poisson', { objective: 'count:poisson', max_depth: 3 }],
  ];
  for (const [name, hp] of tasks) {
    it.skipIf(!hasNativeXGBoost)(`(a) a natively trained ${name} model predicts the native margins to 1e-5${nativeSkipReason}`, () => {
      const { X, y } = syntheticRows(500, 1);
      const labels = name.startsWith('multi') ? y.map((v, i) => (v + (i % 2)) % 3) : name === 'count:poisson' ? y.map((v, i) => v * (i % 4)) : y;
      const nat = native<Trained>({ cmd: 'train', params: hp, num_round: 15, X, y: labels, X_test: X });
      const m = predictMargins(fromXGBoostJSON(nat.model), toData(X, labels));
      expect(maxAbsDiff(m, nat.test_margins)).toBeLessThanOrEqual(1e-5);
    });
  }
});

describe('mlpad models in native XGBoost', () => {
  const tasks: [string, Record<string, string | number>][] = [
    ['binary:logistic', { objective: 'binary:logistic', max_depth: 6 }],
    ['multi:softmax', { objective: 'multi:softmax', num_class: 3, max_depth: 4 }],
    ['reg:absoluteerror', { objective: 'reg:absoluteerror', max_depth: 4 }],
    ['binary:logitraw with sampling and lossguide', { objective: 'binary:logitraw', grow_policy: 'lossguide', max_leaves: 12, subsample: 0.8, colsample_bynode: 0.6 }],
  ];
  for (const [name, hp] of tasks) {
    it.skipIf(!hasNativeXGBoost)(`(b) an mlpad ${name} model loads in native XGBoost with margins equal to 1e-5${nativeSkipReason}`, () => {
      const { X, y } = syntheticRows(500, 2);
      const labels = name.startsWith('multi') ? y.map((v, i) => (v + (i % 2)) % 3) : y;
      const d = toData(X, labels);
      const model = trainXGBoost(d, resolveXGBoostParams({ ...hp, num_round: 15 }));
      const back = native<{ margins: number[] }>({ cmd: 'predict', model: toXGBoostJSON(model), X });
      expect(maxAbsDiff(predictMargins(model, d), back.margins)).toBeLessThanOrEqual(1e-5);
    });
  }

  it.skipIf(!hasNativeXGBoost)(`grows the same trees as native hist on data with missing values (no sampling)${nativeSkipReason}`, () => {
    const { X, y } = syntheticRows(800, 3);
    const hp = { objective: 'binary:logistic', max_depth: 5, eta: 0.3, lambda: 2, alpha: 0.1, min_child_weight: 2, gamma: 0.05 };
    const nat = native<Trained>({ cmd: 'train', params: hp, num_round: 10, X, y, X_test: X });
    const model = trainXGBoost(toData(X, y), resolveXGBoostParams({ ...hp, num_round: 10 }));
    const ours = JSON.parse(toXGBoostJSON(model)).learner.gradient_booster.model.trees;
    const theirs = JSON.parse(nat.model).learner.gradient_booster.model.trees;
    for (let t = 0; t < 10; t++) {
      for (const key of ['left_children', 'split_indices', 'split_conditions', 'default_left']) {
        expect(ours[t][key], `tree ${t} ${key}`).toEqual(theirs[t][key]);
      }
    }
    expect(maxAbsDiff(predictMargins(model, toData(X, y)), nat.test_margins)).toBeLessThanOrEqual(1e-5);
  });
});

describe('(c) accuracy parity with native XGBoost 1.7 hist (max_depth=6, eta=0.3, 100 rounds, 25% held out)', () => {
  const data = (ds: Dataset): [TrainingData, TrainingData] => [toData(ds.X_train, ds.y_train), toData(ds.X_test, ds.y_test)];

  it.skipIf(!hasNativeXGBoost)(`breast_cancer (binary): test AUC and accuracy within 0.01 of native${nativeSkipReason}`, () => {
    const ds = native<Dataset>({ cmd: 'dataset', name: 'breast_cancer' });
    const [train, test] = data(ds);
    const hp = { objective: 'binary:logistic', max_depth: 6, eta: 0.3 };
    const nat = native<Trained>({ cmd: 'train', params: hp, num_round: 100, X: ds.X_train, y: ds.y_train, X_test: ds.X_test });
    const p = predictXGBoost(trainXGBoost(train, resolveXGBoostParams({ ...hp, num_round: 100 })), test);
    const natP = Float32Array.from(nat.test_preds);
    expect(Math.abs(rocAuc(p, test.labels) - rocAuc(natP, test.labels))).toBeLessThanOrEqual(0.01);
    expect(Math.abs(accuracy(p, ds.y_test, 1) - accuracy(natP, ds.y_test, 1))).toBeLessThanOrEqual(0.01);
  });

  it.skipIf(!hasNativeXGBoost)(`wine (3 classes): test accuracy within 0.01 of native${nativeSkipReason}`, () => {
    const ds = native<Dataset>({ cmd: 'dataset', name: 'wine' });
    const [train, test] = data(ds);
    const hp = { objective: 'multi:softprob', num_class: 3, max_depth: 6, eta: 0.3 };
    const nat = native<Trained>({ cmd: 'train', params: hp, num_round: 100, X: ds.X_train, y: ds.y_train, X_test: ds.X_test });
    const p = predictXGBoost(trainXGBoost(train, resolveXGBoostParams({ ...hp, num_round: 100 })), test);
    expect(Math.abs(accuracy(p, ds.y_test, 3) - accuracy(Float32Array.from(nat.test_preds), ds.y_test, 3))).toBeLessThanOrEqual(0.01);
  });

  it.skipIf(!hasNativeXGBoost)(`diabetes (regression): test RMSE within 3% of native${nativeSkipReason}`, () => {
    const ds = native<Dataset>({ cmd: 'dataset', name: 'diabetes' });
    const [train, test] = data(ds);
    const hp = { objective: 'reg:squarederror', max_depth: 6, eta: 0.3 };
    const nat = native<Trained>({ cmd: 'train', params: hp, num_round: 100, X: ds.X_train, y: ds.y_train, X_test: ds.X_test });
    const ours = rmse(predictXGBoost(trainXGBoost(train, resolveXGBoostParams({ ...hp, num_round: 100 })), test), test.labels);
    const theirs = rmse(Float32Array.from(nat.test_preds), test.labels);
    expect(Math.abs(ours - theirs) / theirs).toBeLessThanOrEqual(0.03);
  });
});
