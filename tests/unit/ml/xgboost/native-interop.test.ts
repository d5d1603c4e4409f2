// mlpad against native XGBoost 1.7 (Debian's python3-xgboost through scripts/ml/xgb_reference.py).
// Skipped, with the reason in the title, where /usr/bin/python3 cannot import xgboost and sklearn.
// Python starts twice for the whole file (requests are batched in beforeAll): a start costs ~1.5 s.
import { beforeAll, describe, expect, it } from 'vitest';
import { rocAuc } from '../../../../src/lib/ml/metrics/auc.ts';
import { rmse } from '../../../../src/lib/ml/metrics/pointwise-metrics.ts';
import { SeededRandom } from '../../../../src/lib/ml/random.ts';
import { fromXGBoostJSON, toXGBoostJSON } from '../../../../src/lib/ml/xgboost/model-json.ts';
import type { XGBoostModel } from '../../../../src/lib/ml/xgboost/model.ts';
import { resolveXGBoostParams } from '../../../../src/lib/ml/xgboost/params.ts';
import { predictMargins, predictXGBoost } from '../../../../src/lib/ml/xgboost/predict.ts';
import { trainXGBoost } from '../../../../src/lib/ml/xgboost/train.ts';
import { hasNativeXGBoost, maxAbsDiff, native, nativeSkipReason, toData } from './native.ts';

interface Dataset { X_train: number[][]; y_train: number[]; X_test: number[][]; y_test: number[] }
interface Trained { model: string; margins: number[]; test_margins: number[]; test_preds: number[]; data?: Dataset }
type HP = Record<string, string | number>;

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

function labelsFor(objective: string, y: number[]): number[] {
  if (objective.startsWith('multi')) return y.map((v, i) => (v + (i % 2)) % 3);
  if (objective === 'count:poisson') return y.map((v, i) => v * (i % 4));
  return y;
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

const LOAD_TASKS: HP[] = [
  { objective: 'binary:logistic', max_depth: 4 },
  { objective: 'multi:softprob', num_class: 3, max_depth: 3 },
  { objective: 'reg:squarederror', max_depth: 5, subsample: 0.8, colsample_bytree: 0.8 },
  { objective: 'count:poisson', max_depth: 3 },
];
const SAVE_TASKS: [string, HP][] = [
  ['binary:logistic', { objective: 'binary:logistic', max_depth: 6 }],
  ['multi:softmax', { objective: 'multi:softmax', num_class: 3, max_depth: 4 }],
  ['reg:absoluteerror', { objective: 'reg:absoluteerror', max_depth: 4 }],
  ['binary:logitraw with sampling and lossguide', { objective: 'binary:logitraw', grow_policy: 'lossguide', max_leaves: 12, subsample: 0.8, colsample_bynode: 0.6 }],
];
const SAME_TREES: HP = { objective: 'binary:logistic', max_depth: 5, eta: 0.3, lambda: 2, alpha: 0.1, min_child_weight: 2, gamma: 0.05 };
const PARITY: [string, HP][] = [
  ['breast_cancer', { objective: 'binary:logistic', max_depth: 6, eta: 0.3 }],
  ['wine', { objective: 'multi:softprob', num_class: 3, max_depth: 6, eta: 0.3 }],
  ['diabetes', { objective: 'reg:squarederror', max_depth: 6, eta: 0.3 }],
];
const ROUNDS = 15;
const PARITY_ROUNDS = 100;

const loadRows = syntheticRows(500, 1);
const saveRows = syntheticRows(500, 2);
const treeRows = syntheticRows(800, 3);
let loaded: Trained[] = [];
let sameTrees: Trained;
let parity: Trained[] = [];
let saved: XGBoostModel[] = [];
let nativeOnSaved: { margins: number[] }[] = [];

beforeAll(() => {
  if (!hasNativeXGBoost) return;
  const answers = native<Trained[]>({
    cmd: 'batch',
    requests: [
      ...LOAD_TASKS.map((hp) => ({ cmd: 'train', params: hp, num_round: ROUNDS, X: loadRows.X, y: labelsFor(String(hp.objective), loadRows.y), X_test: loadRows.X })),
      { cmd: 'train', params: SAME_TREES, num_round: 10, X: treeRows.X, y: treeRows.y, X_test: treeRows.X },
      ...PARITY.map(([name, hp]) => ({ cmd: 'train', params: hp, num_round: PARITY_ROUNDS, dataset: name })),
    ],
  });
  loaded = answers.slice(0, LOAD_TASKS.length);
  sameTrees = answers[LOAD_TASKS.length];
  parity = answers.slice(LOAD_TASKS.length + 1);
  saved = SAVE_TASKS.map(([, hp]) => trainXGBoost(toData(saveRows.X, labelsFor(String(hp.objective), saveRows.y)), resolveXGBoostParams({ ...hp, num_round: ROUNDS })));
  nativeOnSaved = native({ cmd: 'batch', requests: saved.map((m) => ({ cmd: 'predict', model: toXGBoostJSON(m), X: saveRows.X })) });
}, 120_000);

describe('native XGBoost models in mlpad', () => {
  LOAD_TASKS.forEach((hp, i) => {
    it.skipIf(!hasNativeXGBoost)(`(a) a natively trained ${hp.objective} model predicts the native margins to 1e-5${nativeSkipReason}`, () => {
      const m = predictMargins(fromXGBoostJSON(loaded[i].model), toData(loadRows.X, labelsFor(String(hp.objective), loadRows.y)));
      expect(maxAbsDiff(m, loaded[i].test_margins)).toBeLessThanOrEqual(1e-5);
    });
  });
});

describe('mlpad models in native XGBoost', () => {
  SAVE_TASKS.forEach(([name, hp], i) => {
    it.skipIf(!hasNativeXGBoost)(`(b) an mlpad ${name} model loads in native XGBoost with margins equal to 1e-5${nativeSkipReason}`, () => {
      const d = toData(saveRows.X, labelsFor(String(hp.objective), saveRows.y));
      expect(maxAbsDiff(predictMargins(saved[i], d), nativeOnSaved[i].margins)).toBeLessThanOrEqual(1e-5);
    });
  });

  it.skipIf(!hasNativeXGBoost)(`grows the same trees as native hist on data with missing values (no sampling)${nativeSkipReason}`, () => {
    const d = toData(treeRows.X, treeRows.y);
    const model = trainXGBoost(d, resolveXGBoostParams({ ...SAME_TREES, num_round: 10 }));
    const ours = JSON.parse(toXGBoostJSON(model)).learner.gradient_booster.model.trees;
    const theirs = JSON.parse(sameTrees.model).learner.gradient_booster.model.trees;
    for (let t = 0; t < 10; t++) {
      for (const key of ['left_children', 'split_indices', 'split_conditions', 'default_left']) {
        expect(ours[t][key], `tree ${t} ${key}`).toEqual(theirs[t][key]);
      }
    }
    expect(maxAbsDiff(predictMargins(model, d), sameTrees.test_margins)).toBeLessThanOrEqual(1e-5);
  });
});

describe(`(c) accuracy parity with native XGBoost 1.7 hist (max_depth=6, eta=0.3, ${PARITY_ROUNDS} rounds, 25% held out)`, () => {
  const run = (i: number) => {
    const [, hp] = PARITY[i];
    const ds = parity[i].data!;
    const train = toData(ds.X_train, ds.y_train), test = toData(ds.X_test, ds.y_test);
    const ours = predictXGBoost(trainXGBoost(train, resolveXGBoostParams({ ...hp, num_round: PARITY_ROUNDS })), test);
    return { ours, theirs: Float32Array.from(parity[i].test_preds), test, y: ds.y_test };
  };

  it.skipIf(!hasNativeXGBoost)(`breast_cancer (binary): test AUC and accuracy within 0.01 of native${nativeSkipReason}`, () => {
    const { ours, theirs, test, y } = run(0);
    expect(Math.abs(rocAuc(ours, test.labels) - rocAuc(theirs, test.labels))).toBeLessThanOrEqual(0.01);
    expect(Math.abs(accuracy(ours, y, 1) - accuracy(theirs, y, 1))).toBeLessThanOrEqual(0.01);
  });

  it.skipIf(!hasNativeXGBoost)(`wine (3 classes): test accuracy within 0.01 of native${nativeSkipReason}`, () => {
    const { ours, theirs, y } = run(1);
    expect(Math.abs(accuracy(ours, y, 3) - accuracy(theirs, y, 3))).toBeLessThanOrEqual(0.01);
  });

  it.skipIf(!hasNativeXGBoost)(`diabetes (regression): test RMSE within 3% of native${nativeSkipReason}`, () => {
    const { ours, theirs, test } = run(2);
    const a = rmse(ours, test.labels), b = rmse(theirs, test.labels);
    expect(Math.abs(a - b) / b).toBeLessThanOrEqual(0.03);
  });
});
