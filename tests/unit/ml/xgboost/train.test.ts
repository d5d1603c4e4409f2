import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../../../../src/lib/ml/random.ts';
import { buildBinMatrix } from '../../../../src/lib/ml/xgboost/bin-matrix.ts';
import { buildHistogram, interleaveGradients, subtractHistogram } from '../../../../src/lib/ml/xgboost/histogram.ts';
import { resolveXGBoostParams } from '../../../../src/lib/ml/xgboost/params.ts';
import { addTreeMargins, addTreeMarginsColumns, predictMargins, predictXGBoost } from '../../../../src/lib/ml/xgboost/predict.ts';
import type { Tree } from '../../../../src/lib/ml/xgboost/tree.ts';
import { trainXGBoost } from '../../../../src/lib/ml/xgboost/train.ts';
import { evalMetric } from '../../../../src/lib/ml/xgboost/eval-metrics.ts';
import type { TrainingData } from '../../../../src/lib/ml/matrix.ts';
import { trainXGBoostAsync } from '../../../../src/lib/ml/xgboost/train-async.ts';
import { xgboostEstimator } from '../../../../src/lib/ml/xgboost/xgboost-estimator.ts';
import { trainCases } from '../gpu/train-fixtures.ts';

const f32 = (a: number[]) => Float32Array.from(a);

function synthetic(n: number, seed: number, missing = 0): TrainingData {
  const rng = new SeededRandom(seed);
  const cols = [new Float32Array(n), new Float32Array(n), new Float32Array(n)];
  const y = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    for (const c of cols) c[i] = rng.next() < missing ? NaN : Math.round(rng.next() * 1000) / 100;
    const a = Number.isNaN(cols[0][i]) ? 8 : cols[0][i];
    y[i] = a + 0.5 * (Number.isNaN(cols[1][i]) ? 0 : cols[1][i]) + rng.next() > 7 ? 1 : 0;
  }
  return { features: cols, nRows: n, nCols: 3, labels: y };
}

describe('trainXGBoost', () => {
  it('fits a stump at the threshold between the classes with leaves -G/(H+λ)·eta', () => {
    // x = 1, 2 → y = 0; x = 3, 4 → y = 1. At margin 0: g = 0.5 − y, h = 0.25.
    const data: TrainingData = { features: [f32([1, 2, 3, 4])], nRows: 4, nCols: 1, labels: f32([0, 0, 1, 1]) };
    const model = trainXGBoost(data, resolveXGBoostParams({ objective: 'binary:logistic', num_round: 1, max_depth: 1, min_child_weight: 0 }));
    const t = model.trees[0];
    expect(t.nNodes).toBe(3);
    expect(t.feature[0]).toBe(0);
    expect(t.threshold[0]).toBe(3); // x < 3 goes left
    // left: G = 1, H = 0.5 → w = -1/1.5; leaf = 0.3·w (float32)
    expect(Math.abs(t.threshold[1] - 0.3 * (-1 / 1.5))).toBeLessThan(1e-6);
    expect(Math.abs(t.threshold[2] - 0.3 * (1 / 1.5))).toBeLessThan(1e-6);
    // gain = 2·(1/1.5) − 0 (parent G = 0)
    expect(Math.abs(t.lossChange[0] - 2 / 1.5)).toBeLessThan(1e-6);
    expect(Array.from(t.sumHessian)).toEqual([1, 0.5, 0.5]);
  });

  it('learns to send missing values the way that lowers the loss', () => {
    // Missing x behaves like large x (label 1): the split must send missing right.
    const data: TrainingData = { features: [f32([1, 2, 3, 4, NaN, NaN])], nRows: 6, nCols: 1, labels: f32([0, 0, 1, 1, 1, 1]) };
    const m1 = trainXGBoost(data, resolveXGBoostParams({ objective: 'binary:logistic', num_round: 1, max_depth: 1, min_child_weight: 0 }));
    expect(m1.trees[0].defaultLeft[0]).toBe(0);
    // And when missing behaves like small x, left.
    const data2 = { ...data, labels: f32([0, 0, 1, 1, 0, 0]) };
    const m2 = trainXGBoost(data2, resolveXGBoostParams({ objective: 'binary:logistic', num_round: 1, max_depth: 1, min_child_weight: 0 }));
    expect(m2.trees[0].defaultLeft[0]).toBe(1);
    const p = predictXGBoost(m2, { features: [f32([NaN, 1.5, 3.5])], nRows: 3, nCols: 1 });
    expect(p[0]).toBeLessThan(0.5);
    expect(p[1]).toBeLessThan(0.5);
    expect(p[2]).toBeGreaterThan(0.5);
  });

  it('histogram subtraction equals building the sibling directly (to 1e-12)', () => {
    const d = synthetic(500, 3, 0.1);
    const bins = buildBinMatrix(d.features as Float32Array[], 500, 64);
    const rng = new SeededRandom(1);
    const g = Float32Array.from({ length: 500 }, () => rng.next() - 0.5);
    const h = Float32Array.from({ length: 500 }, () => rng.next());
    const rows = Uint32Array.from({ length: 500 }, (_, i) => i);
    const feats = Int32Array.from([0, 1, 2]);
    const size = bins.totalSlots * 2;
    const gpair = new Float32Array(1000);
    interleaveGradients(g, h, gpair);
    const parent = new Float64Array(size), left = new Float64Array(size), right = new Float64Array(size), sub = new Float64Array(size);
    buildHistogram(bins, gpair, rows, 0, 500, feats, parent);
    buildHistogram(bins, gpair, rows, 0, 200, feats, left);
    buildHistogram(bins, gpair, rows, 200, 500, feats, right);
    subtractHistogram(bins, parent, left, sub, feats);
    for (let i = 0; i < size; i++) expect(Math.abs(sub[i] - right[i])).toBeLessThan(1e-12);
  });

  it('respects max_depth, and lossguide respects max_leaves', () => {
    const d = synthetic(2000, 5);
    const deep = trainXGBoost(d, resolveXGBoostParams({ objective: 'binary:logistic', num_round: 3, max_depth: 2 }));
    for (const t of deep.trees) expect(t.nNodes).toBeLessThanOrEqual(7);
    const lg = trainXGBoost(d, resolveXGBoostParams({ objective: 'binary:logistic', num_round: 3, grow_policy: 'lossguide', max_depth: 0, max_leaves: 5 }));
    for (const t of lg.trees) {
      let leaves = 0;
      for (let k = 0; k < t.nNodes; k++) if (t.left[k] === -1) leaves++;
      expect(leaves).toBeLessThanOrEqual(5);
    }
  });

  it('gamma prunes splits whose loss change is below it', () => {
    const d = synthetic(1000, 6);
    const all = trainXGBoost(d, resolveXGBoostParams({ objective: 'binary:logistic', num_round: 1, gamma: 0 }));
    const few = trainXGBoost(d, resolveXGBoostParams({ objective: 'binary:logistic', num_round: 1, gamma: 5 }));
    expect(few.trees[0].nNodes).toBeLessThan(all.trees[0].nNodes);
    for (let k = 0; k < few.trees[0].nNodes; k++) if (few.trees[0].left[k] !== -1) expect(few.trees[0].lossChange[k]).toBeGreaterThanOrEqual(5);
  });

  it('gives the same model for the same seed with row and column sampling, another for another seed', () => {
    const d = synthetic(800, 7);
    const hp = { objective: 'binary:logistic', num_round: 5, subsample: 0.7, colsample_bytree: 0.7, colsample_bylevel: 0.8, colsample_bynode: 0.8 };
    const a = predictMargins(trainXGBoost(d, resolveXGBoostParams({ ...hp, seed: 1 })), d);
    const b = predictMargins(trainXGBoost(d, resolveXGBoostParams({ ...hp, seed: 1 })), d);
    const c = predictMargins(trainXGBoost(d, resolveXGBoostParams({ ...hp, seed: 2 })), d);
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(Array.from(a)).not.toEqual(Array.from(c));
  });

  it('training-set margins tracked during training equal predicting with the trees', () => {
    const d = synthetic(600, 8, 0.2);
    let last: number | undefined;
    const model = trainXGBoost(d, resolveXGBoostParams({ objective: 'binary:logistic', num_round: 8, eval_metric: 'logloss' }), {
      callbacks: { onRound: (_r, m) => { last = m.train!.logloss; } },
    });
    const p = predictXGBoost(model, d);
    let ll = 0;
    for (let i = 0; i < d.nRows; i++) ll -= d.labels[i] ? Math.log(p[i]) : Math.log(1 - p[i]);
    expect(Math.abs(ll / d.nRows - last!)).toBeLessThan(1e-6);
  });

  it('each round\'s training metrics are those of predicting with the trees so far (the kernel\'s sigmoid is the objective\'s)', () => {
    const d = synthetic(3000, 4, 0.1);
    const got: { logloss: number; auc: number }[] = [];
    const model = trainXGBoost(d, resolveXGBoostParams({ objective: 'binary:logistic', num_round: 6, max_depth: 4, eval_metric: 'logloss,auc' }), {
      callbacks: { onRound: (_r, m) => { got.push({ logloss: m.train!.logloss, auc: m.train!.auc }); } },
    });
    expect(got).toHaveLength(6);
    for (let r = 0; r < 6; r++) {
      const p = predictXGBoost({ ...model, trees: model.trees.slice(0, r + 1), treeInfo: model.treeInfo.slice(0, r + 1) }, d);
      expect(got[r]).toEqual({ logloss: evalMetric('logloss', p, d.labels, 0), auc: evalMetric('auc', p, d.labels, 0) });
    }
  });

  it('streams metrics each round and stops early on a validation set, recording best_iteration', () => {
    const train = synthetic(1000, 9), valid = synthetic(400, 10);
    const rounds: number[] = [];
    const model = trainXGBoost(train, resolveXGBoostParams({ objective: 'binary:logistic', num_round: 200, eta: 0.5, max_depth: 6, early_stopping_rounds: 5, eval_metric: 'logloss' }), {
      validation: valid, callbacks: { onRound: (r, m) => { rounds.push(r); expect(m.validation!.logloss).toBeGreaterThan(0); } },
    });
    expect(rounds.length).toBeLessThan(200);
    expect(model.bestIteration).toBe(rounds.length - 1 - 5);
    expect(model.attributes.best_iteration).toBe(String(model.bestIteration));
    expect(model.trees.length).toBe(rounds.length);
  });

  it('stops when shouldStop says so, keeping the rounds done', () => {
    const d = synthetic(300, 11);
    let n = 0;
    const model = trainXGBoost(d, resolveXGBoostParams({ objective: 'binary:logistic', num_round: 50 }), { callbacks: { shouldStop: () => n++ >= 3 } });
    expect(model.trees.length).toBe(3);
  });

  it('accepts row-major and columnar features alike', () => {
    const d = synthetic(300, 12);
    const cols = d.features as Float32Array[];
    const rowMajor = new Float32Array(300 * 3);
    for (let i = 0; i < 300; i++) for (let j = 0; j < 3; j++) rowMajor[i * 3 + j] = cols[j][i];
    const p = resolveXGBoostParams({ objective: 'binary:logistic', num_round: 4 });
    const a = predictMargins(trainXGBoost(d, p), d);
    const b = predictMargins(trainXGBoost({ ...d, features: rowMajor }, p), { ...d, features: rowMajor });
    expect(Array.from(a)).toEqual(Array.from(b));
  });

  it('rejects bad data with messages that name the argument', () => {
    const p = resolveXGBoostParams({ objective: 'binary:logistic', num_round: 1 });
    const ok = synthetic(10, 1);
    expect(() => trainXGBoost({ ...ok, labels: f32([0, 1, 0, 1, NaN, 0, 1, 0, 1, 0]) }, p)).toThrow('data.labels[4] is NaN; drop rows with a missing target before training');
    expect(() => trainXGBoost({ ...ok, labels: new Float32Array(10) }, p)).toThrow(/single class/);
    expect(() => trainXGBoost({ ...ok, labels: new Float32Array(9) }, p)).toThrow(/data.labels must be a Float32Array of 10 values; got 9/);
    expect(() => trainXGBoost({ features: [f32([1, Infinity])], nRows: 2, nCols: 1, labels: f32([0, 1]) }, p)).toThrow(/row 1 is Infinity/);
    expect(() => trainXGBoost({ ...ok, nCols: 4 }, p)).toThrow('data.features has 3 columns but nCols is 4');
    const multi = resolveXGBoostParams({ objective: 'multi:softprob', num_class: 2, num_round: 1 });
    expect(() => trainXGBoost({ ...ok, labels: f32([0, 1, 2, 0, 1, 0, 1, 0, 1, 0]) }, multi)).toThrow('data.labels[2] is 2, but with num_class = 2 labels must be integers in [0, 1]');
    expect(() => trainXGBoost(ok, resolveXGBoostParams({ objective: 'binary:logistic', early_stopping_rounds: 3 }))).toThrow(/early_stopping_rounds needs a validation set/);
  });

  it('trains on a constant and an all-missing feature without splitting on them', () => {
    const d = synthetic(200, 13);
    const cols = [...(d.features as Float32Array[]), new Float32Array(200).fill(5), new Float32Array(200).fill(NaN)];
    const model = trainXGBoost({ ...d, features: cols, nCols: 5 }, resolveXGBoostParams({ objective: 'binary:logistic', num_round: 5 }));
    for (const t of model.trees) for (let k = 0; k < t.nNodes; k++) if (t.left[k] !== -1) expect(t.feature[k]).toBeLessThan(3);
  });
});

// The async driver of the same boosting code; its GPU runs are in tests/unit/ml/gpu/train-gpu.test.ts.
describe('trainXGBoostAsync without a device', () => {
  it('grows bit-identical trees to trainXGBoost and awaits betweenRounds once per round', async () => {
    for (const c of trainCases()) {
      const p = resolveXGBoostParams(c.params);
      const rounds: number[] = [];
      const model = await trainXGBoostAsync(c.data, p, { callbacks: { betweenRounds: (r) => { rounds.push(r); } } });
      expect(model).toEqual(trainXGBoost(c.data, p));
      expect(rounds).toEqual(Array.from({ length: p.num_round }, (_, r) => r));
    }
  });

  it('stops at shouldStop between rounds, like the sync path', async () => {
    const c = trainCases()[0];
    let n = 0;
    const model = await trainXGBoostAsync(c.data, resolveXGBoostParams(c.params), { callbacks: { onRound: () => { n++; }, shouldStop: () => n >= 2 } });
    expect(model.trees.length).toBe(2);
  });
});

describe('tree_method gpu_hist', () => {
  it('is a tree_method value, resolved as given (auto is decided at fit time)', () => {
    expect(resolveXGBoostParams({ tree_method: 'gpu_hist' }).tree_method).toBe('gpu_hist');
    expect(resolveXGBoostParams({ tree_method: 'auto' }).tree_method).toBe('auto');
  });

  it('sync trainXGBoost refuses it and names the async path', () => {
    const c = trainCases()[0];
    expect(() => trainXGBoost(c.data, xgboostEstimator.resolve({ ...c.params, tree_method: 'gpu_hist' })))
      .toThrow('tree_method gpu_hist trains asynchronously on WebGPU: call trainXGBoostAsync (or the estimator\'s fitAsync), or set tree_method to hist');
  });

  it('the estimator\'s fit without WebGPU (plain Node) rejects with the reason and the hist alternative', async () => {
    const c = trainCases()[0];
    const p = xgboostEstimator.resolve({ ...c.params, num_round: 1, tree_method: 'gpu_hist' });
    await expect(xgboostEstimator.fit(c.data, p)).rejects.toThrow(/^tree_method gpu_hist needs WebGPU: .* Set tree_method to hist \(or auto\) to train on the CPU\.$/);
  });

  it('the estimator\'s fit with tree_method hist or auto (small data) trains on the CPU, the same model as trainXGBoost', async () => {
    const c = trainCases()[1];
    for (const method of ['hist', 'auto']) {
      const p = xgboostEstimator.resolve({ ...c.params, tree_method: method });
      const fitted = await xgboostEstimator.fit(c.data, p);
      expect(fitted.model).toEqual(trainXGBoost(c.data, { ...p, tree_method: 'hist' }));
      expect(fitted.compute.label).toBe('CPU, 1 thread');
      expect(fitted.ran).toEqual({ tree_method: 'hist' });
    }
  });
});

describe('validation margins without a row-major copy', () => {
  it('trainXGBoost gives the same validation metrics for columnar and row-major validation features', () => {
    const data = synthetic(600, 21, 0.1);
    const valid = synthetic(300, 22, 0.1);
    const rowMajor = new Float32Array(valid.nRows * valid.nCols);
    (valid.features as Float32Array[]).forEach((c, j) => c.forEach((v, i) => { rowMajor[i * valid.nCols + j] = v; }));
    const params = resolveXGBoostParams({ objective: 'binary:logistic', num_round: 6, max_depth: 3, eval_metric: 'logloss,auc' });
    const seen = (v: TrainingData) => {
      const out: unknown[] = [];
      trainXGBoost(data, params, { validation: v, callbacks: { onRound: (_r, m) => { out.push(m.validation); } } });
      return out;
    };
    const columnar = seen(valid);
    expect(columnar).toHaveLength(6);
    expect(columnar).toEqual(seen({ ...valid, features: rowMajor }));
  });

  it('addTreeMarginsColumns adds the leaves addTreeMargins adds, missing cells taking the default direction', () => {
    const data = synthetic(400, 23, 0.2);
    const model = trainXGBoost(data, resolveXGBoostParams({ objective: 'reg:squarederror', num_round: 3, max_depth: 4 }));
    const cols = data.features as Float32Array[];
    const x = new Float32Array(data.nRows * 3);
    cols.forEach((c, j) => c.forEach((v, i) => { x[i * 3 + j] = v; }));
    // The same tree with each pair of children stored right first (right = left − 1), as a pruned model
    // loaded from XGBoost may store them: the walk that steps to left + (goes right) must not be taken.
    const swapped = (t: Tree): Tree => {
      const id = Int32Array.from({ length: t.nNodes }, (_, n) => n);
      for (let n = 0; n < t.nNodes; n++) if (t.left[n] !== -1) { id[t.left[n]] = t.right[n]; id[t.right[n]] = t.left[n]; }
      const out = { ...t, left: new Int32Array(t.nNodes), right: new Int32Array(t.nNodes), feature: new Int32Array(t.nNodes), threshold: new Float32Array(t.nNodes), defaultLeft: new Uint8Array(t.nNodes) };
      for (let n = 0; n < t.nNodes; n++) {
        const m = id[n];
        out.left[m] = t.left[n] === -1 ? -1 : id[t.left[n]];
        out.right[m] = t.right[n] === -1 ? -1 : id[t.right[n]];
        out.feature[m] = t.feature[n]; out.threshold[m] = t.threshold[n]; out.defaultLeft[m] = t.defaultLeft[n];
      }
      return out;
    };
    for (const tree of model.trees) {
      const a = new Float32Array(data.nRows), b = new Float32Array(data.nRows), c = new Float32Array(data.nRows);
      addTreeMargins(tree, x, data.nRows, 3, a, 1, 0);
      addTreeMarginsColumns(tree, cols, data.nRows, b, 1, 0);
      const other = swapped(tree);
      expect(other.right[0]).toBe(other.left[0] - 1);
      addTreeMarginsColumns(other, cols, data.nRows, c, 1, 0);
      expect(b).toEqual(a);
      expect(c).toEqual(a);
      expect(a.some((v) => v !== 0)).toBe(true);
    }
  });
});
