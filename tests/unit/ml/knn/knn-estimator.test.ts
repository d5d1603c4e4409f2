import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { HyperparameterError, type DataFacts, type FitData, type RoundMetrics } from '../../../../src/lib/ml/estimator.ts';
import { knnEstimator } from '../../../../src/lib/ml/knn/knn-estimator.ts';
import { writeModelFile } from '../../../../src/lib/ml/model-file.ts';
import { SeededRandom } from '../../../../src/lib/ml/random.ts';
import { describeEachTfBackend } from '../tf-backends.ts';

const BINARY: DataFacts = { task: 'binary', classes: ['no', 'yes'], nRows: 4, nCols: 3, featureNames: ['a', 'b', 'c'] };

function refusal(fn: () => unknown): HyperparameterError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(HyperparameterError);
    return e as HyperparameterError;
  }
  throw new Error('expected a HyperparameterError');
}

/** Two noisy classes in `d` dimensions (class 1 shifted by 1.5 on every feature), columnar. */
function twoClasses(n: number, d: number, seed: number): FitData {
  const rng = new SeededRandom(seed);
  const labels = Float32Array.from({ length: n }, () => (rng.next() < 0.5 ? 0 : 1));
  const features = Array.from({ length: d }, () => Float32Array.from(labels, (y) => 1.5 * y + rng.next() * 2));
  return { features, nRows: n, nCols: d, labels };
}

describe('knnEstimator checks', () => {
  it('refuses k larger than the training rows, naming k and its range', () => {
    const e = refusal(() => knnEstimator.checkData?.(knnEstimator.resolve({ k: 5 }), BINARY));
    expect(e.parameter).toBe('k');
    expect(e.message).toBe('k must be in [1, 4], at most the training rows; got 5');
  });

  it('refuses k larger than sample_size, naming the sample', () => {
    const e = refusal(() => knnEstimator.checkData?.(knnEstimator.resolve({ k: 4, sample_size: 3 }), BINARY));
    expect(e.message).toBe('k must be in [1, 3], at most the sample_size rows kept in the index; got 4');
  });

  it('refuses a predictor_type that does not fit the task', () => {
    const e = refusal(() => knnEstimator.checkData?.(knnEstimator.resolve({ k: 1, predictor_type: 'regressor' }), BINARY));
    expect(e.parameter).toBe('predictor_type');
    expect(e.message).toBe('predictor_type regressor does not fit the target, which makes a binary task; use predictor_type classifier (or change the task)');
    const r = refusal(() => knnEstimator.checkData?.(knnEstimator.resolve({ k: 1, predictor_type: 'classifier' }), { ...BINARY, task: 'regression', classes: undefined }));
    expect(r.message).toMatch(/^predictor_type classifier does not fit the target, which makes a regression task; use predictor_type regressor/);
  });

  it('refuses feature_dim other than the feature count, and a reduction target not below it', () => {
    expect(refusal(() => knnEstimator.checkData?.(knnEstimator.resolve({ k: 1, feature_dim: 4 }), BINARY)).message)
      .toBe('feature_dim must equal the number of features, 3; got 4 (or leave it unset)');
    expect(refusal(() => knnEstimator.checkData?.(knnEstimator.resolve({ k: 1, dimension_reduction_type: 'sign', dimension_reduction_target: 3 }), BINARY)).message)
      .toBe('dimension_reduction_target must be in [1, 2], less than the 3 features; got 3');
  });

  it('fills predictor_type from the task and names a task only for regressor', () => {
    expect(knnEstimator.taskDefaults(BINARY)).toEqual({ predictor_type: 'classifier' });
    expect(knnEstimator.taskDefaults({ ...BINARY, task: 'regression' })).toEqual({ predictor_type: 'regressor' });
    expect(knnEstimator.taskDefaults({ ...BINARY, task: null })).toEqual({});
    expect(knnEstimator.taskOf?.({ predictor_type: 'regressor' })).toBe('regression');
    expect(knnEstimator.taskOf?.({ predictor_type: 'classifier' })).toBeUndefined();
    expect(knnEstimator.rounds(knnEstimator.resolve({}))).toBe(1);
  });
});

describeEachTfBackend('knnEstimator', (backend) => {
  const params = knnEstimator.resolve({ k: 3 });
  const line = { features: Float32Array.of(0, 1, 2, 3, 10, 11), nRows: 6, nCols: 1 };

  it('votes the majority of the k nearest, ties to the smallest class, with vote fractions', async () => {
    const labels = Float32Array.of(2, 1, 0, 1, 2, 2);
    const facts: DataFacts = { task: 'multiclass', classes: ['a', 'b', 'c'], nRows: 6, nCols: 1, featureNames: ['x'] };
    const { model, compute } = await knnEstimator.fit({ ...line, labels }, params, { facts });
    expect(compute.label).toBe(`TensorFlow.js ${backend}`);
    const out = await knnEstimator.infer(model, { features: Float32Array.of(1, 2.4, 10.6), nRows: 3, nCols: 1 });
    if (out.kind !== 'classification') throw new Error(out.kind);
    // 1 → rows 0, 1, 2 (labels 2, 1, 0: a three-way tie); 2.4 → rows 2, 3, 1 (0, 1, 1); 10.6 → rows 5, 4, 3.
    expect(Array.from(out.predictedLabel)).toEqual([0, 1, 2]);
    expect(Array.from(out.probabilities)).toEqual([1 / 3, 1 / 3, 1 / 3, 1 / 3, 2 / 3, 0, 0, 1 / 3, 2 / 3].map(Math.fround));
  });

  it('gives binary probabilities as the positive share of the votes, ties to the negative class', async () => {
    const { model } = await knnEstimator.fit({ ...line, labels: Float32Array.of(0, 1, 1, 0, 1, 1) }, knnEstimator.resolve({ k: 2 }), { facts: { ...BINARY, nRows: 6, nCols: 1 } });
    const out = await knnEstimator.infer(model, { features: Float32Array.of(0.4, 1.6, 10.5), nRows: 3, nCols: 1 });
    if (out.kind !== 'classification') throw new Error(out.kind);
    expect(out.classes).toBe(2);
    expect(Array.from(out.probabilities)).toEqual([0.5, 1, 1]);
    expect(Array.from(out.predictedLabel)).toEqual([0, 1, 1]);
  });

  it('averages the k nearest targets for a regressor', async () => {
    const labels = Float32Array.of(1, 2, 4, 8, 16, 32);
    const { model } = await knnEstimator.fit({ ...line, labels }, params, { facts: { task: 'regression', nRows: 6, nCols: 1, featureNames: ['x'] } });
    const out = await knnEstimator.infer(model, { features: Float32Array.of(1.1, 10.9), nRows: 2, nCols: 1 });
    if (out.kind !== 'regression') throw new Error(out.kind);
    expect(Array.from(out.score)).toEqual([Math.fround(7 / 3), Math.fround(56 / 3)]);
  });

  it('reports one round: train accuracy on 1,000 sampled rows (each finds itself) and validation accuracy, then awaits betweenRounds', async () => {
    const train = twoClasses(1500, 4, 1);
    const validation = twoClasses(200, 4, 2);
    const rounds: [number, RoundMetrics][] = [];
    const waited: number[] = [];
    const { model, rounds: n } = await knnEstimator.fit(train, knnEstimator.resolve({ k: 1 }), {
      validation, facts: { ...BINARY, nRows: 1500, nCols: 4 },
      callbacks: { onRound: (i, m) => rounds.push([i, m]), betweenRounds: (i) => { waited.push(i); } },
    });
    expect(n).toBe(1);
    expect(waited).toEqual([0]);
    expect(rounds.length).toBe(1);
    expect(rounds[0][0]).toBe(0);
    expect(rounds[0][1].train).toEqual({ accuracy: 1 });
    const out = await knnEstimator.infer(model, validation);
    if (out.kind !== 'classification') throw new Error(out.kind);
    const right = Array.from(out.predictedLabel).filter((y, i) => y === validation.labels?.[i]).length;
    expect(rounds[0][1].validation).toEqual({ accuracy: right / 200 });
    expect(right / 200).toBeGreaterThan(0.7);
  });

  it('reports rmse for a regressor, no train metrics with evalTrain false, and none when asked to stop', async () => {
    const data = { ...line, labels: Float32Array.of(1, 2, 4, 8, 16, 32) };
    const facts: DataFacts = { task: 'regression', nRows: 6, nCols: 1, featureNames: ['x'] };
    const seen: RoundMetrics[] = [];
    await knnEstimator.fit(data, knnEstimator.resolve({ k: 1 }), { facts, callbacks: { onRound: (_, m) => seen.push(m) } });
    expect(seen).toEqual([{ train: { rmse: 0 } }]);
    await knnEstimator.fit(data, params, { facts, evalTrain: false, validation: data, callbacks: { onRound: (_, m) => seen.push(m) } });
    expect(Object.keys(seen[1])).toEqual(['validation']);
    const stopped: RoundMetrics[] = [];
    const { model } = await knnEstimator.fit(data, params, { facts, callbacks: { onRound: (_, m) => stopped.push(m), shouldStop: () => true } });
    expect(stopped).toEqual([{}]);
    expect(model.nRows).toBe(6);
  });

  it('keeps sample_size rows drawn with the seed, in their original order', async () => {
    const data = twoClasses(300, 3, 3);
    const facts = { ...BINARY, nRows: 300 };
    const fit = async (seed: number) => (await knnEstimator.fit(data, knnEstimator.resolve({ k: 3, sample_size: 50, seed }), { facts })).model;
    const a = await fit(1);
    expect(a.nRows).toBe(50);
    expect(a.rows.length).toBe(150);
    const col0 = Array.from((data.features as Float32Array[])[0]);
    const at = Array.from({ length: 50 }, (_, i) => col0.indexOf(a.rows[i * 3]));
    expect(at.every((r, i) => r >= 0 && (i === 0 || r > at[i - 1]))).toBe(true);
    expect((await fit(1)).rows).toEqual(a.rows);
    expect((await fit(2)).rows).not.toEqual(a.rows);
  });

  it('projects the index and the queries with a seeded sign or fjlt reduction', async () => {
    const data = twoClasses(200, 12, 4);
    const facts = { ...BINARY, nRows: 200, nCols: 12 };
    for (const type of ['sign', 'fjlt']) {
      const raw = { k: 5, dimension_reduction_type: type, dimension_reduction_target: 6, seed: 3 };
      const { model } = await knnEstimator.fit(data, knnEstimator.resolve(raw), { facts });
      expect(model.dim).toBe(6);
      expect(model.rows.length).toBe(200 * 6);
      expect(knnEstimator.featureCount(model)).toBe(12);
      const again = (await knnEstimator.fit(data, knnEstimator.resolve(raw), { facts })).model;
      expect(knnEstimator.serialize(again)).toEqual(knnEstimator.serialize(model));
      const out = await knnEstimator.infer(model, twoClasses(100, 12, 5));
      expect(out.kind).toBe('classification');
    }
  });

  it('round-trips through its model file: same outputs, attributes kept, the training rows inside', async () => {
    const data = twoClasses(120, 5, 6);
    const queries = twoClasses(40, 5, 7);
    const cases: Record<string, string | number>[] = [{ k: 4 }, { k: 4, dimension_reduction_type: 'fjlt', dimension_reduction_target: 3 },
      { k: 2, index_metric: 'COSINE', dimension_reduction_type: 'sign', dimension_reduction_target: 2 }];
    for (const raw of cases) {
      const { model } = await knnEstimator.fit(data, knnEstimator.resolve(raw), { facts: { ...BINARY, nRows: 120, nCols: 5 } });
      const bytes = knnEstimator.serialize(model, { mlpad_encoding: '{"x":1}' });
      const back = knnEstimator.deserialize(bytes);
      expect(knnEstimator.attributes(back)).toEqual({ mlpad_encoding: '{"x":1}' });
      expect(back.rows).toEqual(model.rows);
      expect(back.reduction).toEqual(model.reduction);
      expect(await knnEstimator.infer(back, queries)).toEqual(await knnEstimator.infer(model, queries));
      const body = JSON.parse(new TextDecoder().decode(bytes)).model;
      expect(body.rows.length).toBe(model.nRows * model.dim);
    }
  });

  it('refuses another algorithm\'s file and a damaged one with sentences', () => {
    expect(() => knnEstimator.deserialize(writeModelFile('kmeans', 1, {}))).toThrow('the model file holds a kmeans model, not a knn model');
    const { model } = { model: { predictor_type: 'classifier', k: 2, index_metric: 'L2', feature_dim: 1, classes: 2, n_rows: 2, dim: 1, mini_batch_size: 10, dimension_reduction: null, rows: [0, 1], labels: [0] } };
    expect(() => knnEstimator.deserialize(writeModelFile('knn', 1, model))).toThrow("the knn model file's model.labels must hold 2 numbers; it holds 1");
  });

  it('refuses missing labels, missing values, row weights and mismatched queries with sentences', async () => {
    const facts = { ...BINARY, nRows: 6, nCols: 1 };
    await expect(knnEstimator.fit(line, params, { facts })).rejects.toThrow('knn needs labels in data: choose a target column');
    const labels = Float32Array.of(0, 1, 0, 1, 0, 1);
    await expect(knnEstimator.fit({ ...line, features: Float32Array.of(0, 1, NaN, 3, 4, 5), labels }, params, { facts }))
      .rejects.toThrow('data has a missing value in column 0 (row 2); knn needs complete rows');
    await expect(knnEstimator.fit({ ...line, labels, weights: Float32Array.of(1, 1, 2, 1, 1, 1) }, params, { facts }))
      .rejects.toThrow('knn does not weight rows');
    await expect(knnEstimator.fit({ ...line, labels }, knnEstimator.resolve({ k: 7 }), { facts })).rejects.toThrow('k must be in [1, 6]');
    const { model } = await knnEstimator.fit({ ...line, labels }, params, { facts });
    await expect(knnEstimator.infer(model, { features: new Float32Array(4), nRows: 2, nCols: 2 }))
      .rejects.toThrow('features has 2 feature columns but the knn model reads 1');
  });

  it('leaves no tensor behind after fit (with metrics) and infer', async () => {
    const data = twoClasses(300, 4, 8);
    const before = tf.memory().numTensors;
    const { model } = await knnEstimator.fit(data, params, { validation: twoClasses(50, 4, 9), facts: { ...BINARY, nRows: 300, nCols: 4 }, callbacks: { onRound: () => {} } });
    await knnEstimator.infer(model, twoClasses(80, 4, 10));
    expect(tf.memory().numTensors).toBe(before);
  });
});
