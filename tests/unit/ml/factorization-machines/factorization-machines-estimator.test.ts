import * as tf from '@tensorflow/tfjs';
import { expect, it } from 'vitest';
import type { DataFacts, Inference, RoundMetrics } from '../../../../src/lib/ml/estimator.ts';
import { factorizationMachinesEstimator as fm } from '../../../../src/lib/ml/factorization-machines/factorization-machines-estimator.ts';
import type { FmModel } from '../../../../src/lib/ml/factorization-machines/model.ts';
import { sparseRowsOf } from '../../../../src/lib/ml/factorization-machines/sparse-rows.ts';
import { HyperparameterError } from '../../../../src/lib/ml/hyperparameters.ts';
import type { FitData } from '../../../../src/lib/ml/matrix.ts';
import { rocAuc } from '../../../../src/lib/ml/metrics/auc.ts';
import { rmse } from '../../../../src/lib/ml/metrics/pointwise-metrics.ts';
import { ModelFileError, writeModelFile } from '../../../../src/lib/ml/model-file.ts';
import { hasSklearn, python, sklearnSkipReason } from '../sklearn.ts';
import { describeEachTfBackend } from '../tf-backends.ts';
import { oneHot, split, synthetic, userMeanItemBias } from './ratings.ts';

const SLOW = 120_000;

function factsOf(d: FitData, task: DataFacts['task']): DataFacts {
  return { task, nRows: d.nRows, nCols: d.nCols, featureNames: d.featureNames ?? [], ...(task === 'binary' ? { classes: ['0', '1'] } : {}) };
}

/** Hyperparameters that train the small synthetic tables in tens of epochs (SageMaker's defaults are for huge data). */
const SMALL_DATA = { epochs: 20, mini_batch_size: 500, factors_lr: 0.02, linear_lr: 0.02, factors_init_sigma: 0.1 };

function scores(inf: Inference): Float32Array {
  if (inf.kind === 'regression') return inf.score;
  if (inf.kind === 'classification') return inf.probabilities;
  throw new Error(`unexpected inference ${inf.kind}`);
}

function tinyRatings(seed = 3) {
  const d = synthetic({ nUsers: 40, nItems: 20, nRows: 600, rank: 2, factorSd: 0.7, biasSd: 0.5, noiseSd: 0.3, seed });
  const { train, test } = split(d, 0.8);
  return { train: oneHot(d, train), test: oneHot(d, test) };
}

describeEachTfBackend('factorization-machines estimator', () => {
  it('on a 200 users × 100 items ratings table, test RMSE is at least 30% below the user-mean + item-bias baseline', async () => {
    const d = synthetic({ nUsers: 200, nItems: 100, nRows: 8000, rank: 3, factorSd: 0.6, biasSd: 0.5, noiseSd: 0.3, seed: 1 });
    const { train, test } = split(d, 0.8);
    const tr = oneHot(d, train), te = oneHot(d, test);
    const rounds: RoundMetrics[] = [];
    const fit = await fm.fit(tr, fm.resolve(SMALL_DATA), { validation: te, facts: factsOf(tr, 'regression'), callbacks: { onRound: (i, m) => { rounds[i] = m; } } });
    expect(fit.ran).toEqual({ predictor_type: 'regressor' });
    expect(fit.rounds).toBe(20);
    expect(fit.compute.label).toBe(`TensorFlow.js ${tf.getBackend()}`);
    const fmRmse = rmse(scores(await fm.infer(fit.model, te)), te.labels!);
    const baseline = rmse(userMeanItemBias(d, train, test), te.labels!);
    // Measured: FM 0.395, baseline 0.717 (noise floor 0.3).
    expect(baseline).toBeGreaterThan(0.65);
    expect(fmRmse).toBeLessThan(0.7 * baseline);
    expect(rounds).toHaveLength(20);
    expect(Object.keys(rounds[0].train!)).toEqual(['rmse']);
    expect(rounds[19].validation!.rmse).toBeCloseTo(fmRmse, 5);
    expect(rounds[19].train!.rmse).toBeLessThan(rounds[0].train!.rmse);
  }, SLOW);

  it.skipIf(!hasSklearn)(`on clicks with user × item interactions, test AUC beats logistic regression on the one-hot features by 0.1${sklearnSkipReason}`, async () => {
    const d = synthetic({ nUsers: 100, nItems: 50, nRows: 8000, rank: 2, factorSd: 1.2, biasSd: 0.5, noiseSd: 0, binary: true, repeatPairs: true, seed: 2 });
    const { train, test } = split(d, 0.8);
    const tr = oneHot(d, train), te = oneHot(d, test);
    const rounds: RoundMetrics[] = [];
    const fit = await fm.fit(tr, fm.resolve({ ...SMALL_DATA, epochs: 15, num_factors: 4, predictor_type: 'binary_classifier' }),
      { validation: te, facts: factsOf(tr, 'binary'), callbacks: { onRound: (i, m) => { rounds[i] = m; } } });
    expect(fit.ran).toBeUndefined();
    const inf = await fm.infer(fit.model, te);
    if (inf.kind !== 'classification') throw new Error('expected a classification');
    expect(inf.classes).toBe(2);
    for (let i = 0; i < inf.probabilities.length; i++) expect(inf.predictedLabel[i]).toBe(inf.probabilities[i] > 0.5 ? 1 : 0);
    const auc = rocAuc(inf.probabilities, te.labels!);
    const pick = (rows: Int32Array, a: ArrayLike<number>) => Array.from(rows, (r) => a[r]);
    const ref = python<{ lr_auc: number; fm_auc: number }>('sklearn_factorization-machines.py', {
      mode: 'logistic', nUsers: d.nUsers, nItems: d.nItems,
      trainUsers: pick(train, d.users), trainItems: pick(train, d.items), trainY: pick(train, d.y),
      testUsers: pick(test, d.users), testItems: pick(test, d.items), testY: pick(test, d.y), fmProbabilities: [...inf.probabilities],
    });
    // Measured: FM 0.816, logistic regression 0.629.
    expect(ref.fm_auc).toBeCloseTo(auc, 9);
    expect(auc).toBeGreaterThan(ref.lr_auc + 0.1);
    expect(Object.keys(rounds[0].validation!)).toEqual(['binary_classification_accuracy', 'binary_classification_cross_entropy', 'binary_f_beta']);
    expect(rounds[14].validation!.binary_classification_cross_entropy).toBeLessThan(rounds[0].validation!.binary_classification_cross_entropy);
  }, SLOW);

  it('the same seed gives the same model bit for bit; another seed another', async () => {
    const { train } = tinyRatings();
    const params = fm.resolve({ ...SMALL_DATA, epochs: 3, mini_batch_size: 64, predictor_type: 'regressor', seed: 11 });
    const a = await fm.fit(train, params);
    const b = await fm.fit(train, params);
    const c = await fm.fit(train, { ...params, seed: 12 });
    expect(a.model.factors).toEqual(b.model.factors);
    expect(a.model.linear).toEqual(b.model.linear);
    expect(a.model.bias).toBe(b.model.bias);
    expect(c.model.factors).not.toEqual(a.model.factors);
  }, SLOW);

  it('serialize → deserialize keeps parameters, attributes and predictions', async () => {
    const { train, test } = tinyRatings();
    const { model } = await fm.fit(train, fm.resolve({ ...SMALL_DATA, epochs: 2, predictor_type: 'regressor' }));
    const bytes = fm.serialize(model, { mlpad_encoding: '{"columns":[]}' });
    const back = fm.deserialize(bytes);
    expect(back.linear).toEqual(model.linear);
    expect(back.factors).toEqual(model.factors);
    expect(back.bias).toBe(Math.fround(model.bias));
    expect(back.featureNames).toEqual(train.featureNames);
    expect(fm.attributes(back)).toEqual({ mlpad_encoding: '{"columns":[]}' });
    expect(fm.featureCount(back)).toBe(60);
    const p0 = scores(await fm.infer(model, test)), p1 = scores(await fm.infer(back, test));
    for (let i = 0; i < p0.length; i++) expect(Math.abs(p0[i] - p1[i])).toBeLessThan(1e-6);
    expect(() => fm.deserialize(writeModelFile('kmeans', 1, {}))).toThrow(ModelFileError);
    expect(() => fm.deserialize(writeModelFile('kmeans', 1, {}))).toThrow('the model file holds a kmeans model, not a factorization-machines model');
    const body = JSON.parse(new TextDecoder().decode(bytes));
    body.model.factors = body.model.factors.slice(1);
    expect(() => fm.deserialize(JSON.stringify(body))).toThrow('the factorization-machines model file\'s model.factors must hold 480 numbers; it holds 479');
  }, SLOW);

  it('fit and infer leave no tensors behind, also when stopped early or when a callback throws', async () => {
    const { train, test } = tinyRatings();
    const params = fm.resolve({ ...SMALL_DATA, epochs: 5, mini_batch_size: 100, predictor_type: 'binary_classifier' });
    const clicks: FitData = { ...train, labels: train.labels!.map((y) => (y > 3 ? 1 : 0)) };
    const before = tf.memory().numTensors;
    const between: number[] = [];
    const fit = await fm.fit(clicks, params, { callbacks: { betweenRounds: (i) => { between.push(i); }, shouldStop: () => between.length >= 2 } });
    expect(fit.rounds).toBe(2);
    expect(between).toEqual([0, 1]);
    await fm.infer(fit.model, test);
    await expect(fm.fit(clicks, params, { callbacks: { onRound: () => { throw new Error('UI went away'); } } })).rejects.toThrow('UI went away');
    expect(tf.memory().numTensors).toBe(before);
  }, SLOW);

  it('sparse rows given as `sparse` train the same model as the dense matrix and predict alike', async () => {
    const { train, test } = tinyRatings();
    const params = fm.resolve({ ...SMALL_DATA, epochs: 2, mini_batch_size: 50, predictor_type: 'regressor' });
    const dense = await fm.fit(train, params, { validation: test });
    const sparseTrain = { ...train, features: new Float32Array(0), sparse: sparseRowsOf(train) };
    const sparseTest = { ...test, features: new Float32Array(0), sparse: sparseRowsOf(test) };
    const sparse = await fm.fit(sparseTrain, params, { validation: sparseTest });
    expect(sparse.model.factors).toEqual(dense.model.factors);
    expect(scores(await fm.infer(sparse.model, sparseTest))).toEqual(scores(await fm.infer(dense.model, test)));
  }, SLOW);

  it('a row with no non-zero feature scores the bias alone; rows on a dense numeric matrix use every column', async () => {
    const model: FmModel = { predictorType: 'regressor', numFactors: 2, nCols: 3, bias: 0.5, linear: Float32Array.from([1, -2, 0.25]),
      factors: Float32Array.from([1, 2, 0.5, -1, 3, 0]), attributes: {} };
    const x = { features: Float32Array.from([0, 0, 0, 1, 1, 1, 2, 0.5, -1]), nRows: 3, nCols: 3 };
    const got = scores(await fm.infer(model, x));
    // Row 1: 0.5 + (1 − 2 + 0.25) + ⟨v0,v1⟩ + ⟨v0,v2⟩ + ⟨v1,v2⟩ = −0.25 + (0.5 − 2) + 3 + 1.5 = 2.75.
    // Row 2: 0.5 + (2 − 1 − 0.25) + ⟨v0,v1⟩·1 + ⟨v0,v2⟩·(−2) + ⟨v1,v2⟩·(−0.5) = 1.25 − 1.5 − 6 − 0.75 = −7.
    expect([...got]).toEqual([0.5, 2.75, -7]);
    const imp = fm.importance!(model, ['a', 'b', 'c'])!;
    expect([...imp.values.linear_weight]).toEqual([1, 2, 0.25]);
    expect(imp.values.factor_norm[0]).toBeCloseTo(Math.sqrt(5), 6);
  });

  it('refuses bad data with sentences that name the argument', async () => {
    const { train } = tinyRatings();
    const p = fm.resolve({ predictor_type: 'regressor' });
    const holed = { ...train, features: (train.features as Float32Array[]).map((c, j) => (j === 3 ? c.map((v, i) => (i === 7 ? NaN : v)) : c)) };
    await expect(fm.fit(holed, p)).rejects.toThrow('data holds NaN in feature 3 ("user=3"), row 7');
    await expect(fm.fit({ ...train, labels: undefined }, p)).rejects.toThrow('factorization-machines needs labels in data: choose a target column');
    await expect(fm.fit(train, fm.resolve({ predictor_type: 'binary_classifier' }))).rejects.toThrow(/^data\.labels\[0\] is [0-9.-]+; a binary_classifier needs labels 0 or 1$/);
    await expect(fm.fit(train, fm.resolve({}))).rejects.toThrow(HyperparameterError);
    await expect(fm.fit(train, fm.resolve({}))).rejects.toThrow('predictor_type is required without a task: choose binary_classifier or regressor');
    await expect(fm.fit(train, fm.resolve({ predictor_type: 'regressor', feature_dim: 10 }))).rejects.toThrow('feature_dim is 10 but the data has 60 features');
    await expect(fm.fit(train, fm.resolve({ predictor_type: 'binary_classifier' }), { facts: factsOf(train, 'regression') }))
      .rejects.toThrow('predictor_type is binary_classifier but the target is regression; use predictor_type regressor');
    const { model } = await fm.fit(train, p);
    await expect(fm.infer(model, { features: new Float32Array(4), nRows: 2, nCols: 2 })).rejects.toThrow('features has 2 columns but the model reads 60');
  }, SLOW);
});
