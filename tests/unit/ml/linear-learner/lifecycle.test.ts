import * as tf from '@tensorflow/tfjs';
import { expect, it } from 'vitest';
import { HyperparameterError, type FitOptions, type RawHyperparameters, type RoundMetrics } from '../../../../src/lib/ml/estimator.ts';
import { linearLearnerEstimator as ll } from '../../../../src/lib/ml/linear-learner/linear-learner-estimator.ts';
import { ModelFileError } from '../../../../src/lib/ml/model-file.ts';
import { describeEachTfBackend } from '../tf-backends.ts';
import { binary, factsOf, linear, multiclass, rowsOf } from './fixtures.ts';

type Labelled = ReturnType<typeof binary>;
type Task = 'binary' | 'multiclass' | 'regression';

function fit(d: Labelled, task: Task, raw: RawHyperparameters, options: FitOptions = {}, classes?: number) {
  const facts = factsOf(d, task, classes);
  return ll.fit(d, ll.resolve({ ...ll.taskDefaults(facts), ...raw }), { facts, ...options });
}

describeEachTfBackend('linear-learner training lifecycle', () => {
  it('early stopping: with a tolerance nothing meets, training ends after epoch 0 plus patience epochs', async () => {
    const history: RoundMetrics[] = [];
    const fitted = await fit(linear(200, 1), 'regression', { epochs: 50, early_stopping_patience: 2, early_stopping_tolerance: 1e6 },
      { callbacks: { onRound: (_, m) => history.push(m) } });
    expect(fitted.rounds).toBe(3);
    expect(history).toHaveLength(3);
  });

  it('early stopping: stops once the loss gains less than 0.1% for 3 epochs, and a patience above epochs disables it', async () => {
    const losses: number[] = [];
    const raw = { epochs: 300, num_models: 1, learning_rate: 0.1, wd: 0 };
    const fitted = await fit(linear(200, 1), 'regression', raw, { callbacks: { onRound: (_, m) => losses.push(m.train!.objective_loss) } });
    const r = fitted.rounds!;
    expect(r).toBeLessThan(300);
    // The rule, replayed: the last 3 epochs each fail to beat the best before them by 0.1%.
    let best = Infinity, stale = 0;
    losses.forEach((v, i) => {
      if (best === Infinity || (best - v) > 1e-3 * best) { best = v; stale = 0; } else stale++;
      expect(stale >= 3).toBe(i === r - 1);
    });
    const long = await fit(linear(200, 1), 'regression', { ...raw, epochs: 120, early_stopping_patience: 121 });
    expect(long.rounds).toBe(120);
  });

  it('num_models: the model with the lowest validation loss is kept (the fastest of four learning rates after 20 epochs)', async () => {
    const history: RoundMetrics[] = [];
    const valid = linear(200, 2);
    const fitted = await fit(linear(400, 1), 'regression', { epochs: 20, num_models: 4, learning_rate: 0.003, wd: 0, use_lr_scheduler: false },
      { validation: valid, callbacks: { onRound: (_, m) => history.push(m) } });
    // Variants of a given rate: ×1, ×1/3, ×3, ×1/10; ×3 learns fastest.
    expect(fitted.model.kept.index).toBe(2);
    expect(fitted.model.kept.learningRate).toBeCloseTo(0.009, 12);
    expect(fitted.ran).toMatchObject({ num_models: '4', learning_rate: String(fitted.model.kept.learningRate) });
    // The metrics of each round are those of its best model; the kept one reproduces the last round's.
    expect(fitted.bestIteration).toBe(19);
    const out = await ll.infer(fitted.model, valid);
    if (out.kind !== 'regression') throw new Error('expected regression');
    const mse = out.score.reduce((a, p, i) => a + (p - valid.labels[i]) ** 2, 0) / valid.nRows;
    expect(history[19].validation!.objective_loss).toBeCloseTo(mse, 3);
  });

  it('binary selection on validation: the kept threshold is the validation-accuracy optimum of the kept model', async () => {
    const valid = binary(200, 2);
    const fitted = await fit(binary(300, 1), 'binary', { epochs: 15 }, { validation: valid });
    const out = await ll.infer(fitted.model, valid);
    if (out.kind !== 'classification') throw new Error('expected classification');
    const accAt = (t: number) => out.probabilities.reduce((a, p, i) => a + ((p >= t ? 1 : 0) === valid.labels[i] ? 1 : 0), 0) / valid.nRows;
    const atKept = accAt(fitted.model.threshold);
    for (const p of out.probabilities) expect(accAt(p)).toBeLessThanOrEqual(atKept);
  });

  it('shouldStop ends training after the current epoch; betweenRounds is awaited once per epoch', async () => {
    let between = 0;
    const fitted = await fit(linear(200, 1), 'regression', { epochs: 10 }, { callbacks: { shouldStop: () => between >= 2, betweenRounds: async () => { between++; } } });
    expect(fitted.rounds).toBe(2);
    expect(between).toBe(2);
  });

  it('evalTrain false reports validation metrics only', async () => {
    const history: RoundMetrics[] = [];
    await fit(binary(200, 1), 'binary', { epochs: 2 }, { validation: binary(100, 2), evalTrain: false, callbacks: { onRound: (_, m) => history.push(m) } });
    expect(history[0].train).toBeUndefined();
    expect(Object.keys(history[0].validation!).sort()).toEqual(['accuracy', 'objective_loss']);
  });

  for (const [task, data, classes] of [['binary', binary(200, 1), undefined], ['multiclass', multiclass(200, 1), 3], ['regression', linear(200, 1), undefined]] as const) {
    it(`${task}: serialize → deserialize gives identical infer output and keeps the attributes`, async () => {
      const { model } = await fit(data, task, { epochs: 5 }, {}, classes);
      const bytes = ll.serialize(model, { mlpad_encoding: '{"x":1}' });
      const back = ll.deserialize(bytes);
      expect(ll.attributes(back)).toEqual({ mlpad_encoding: '{"x":1}' });
      expect(ll.featureCount(back)).toBe(2);
      const test = rowsOf(data);
      expect(await ll.infer(back, test)).toEqual(await ll.infer(model, test));
      expect(ll.deserialize(new TextDecoder().decode(bytes))).toEqual(back);
    });
  }

  it('deserialize names what it expected on another model file', () => {
    const other = JSON.stringify({ format: 'mlpad-model', algorithm: 'kmeans', version: 1, attributes: {}, model: {} });
    expect(() => ll.deserialize(other)).toThrow(ModelFileError);
    expect(() => ll.deserialize(other)).toThrow('the model file holds a kmeans model, not a linear-learner model');
  });

  it('leaves no tensors behind: fit (with validation), infer, and a fit whose callback throws', async () => {
    const before = tf.memory().numTensors;
    const { model } = await fit(multiclass(200, 1), 'multiclass', { epochs: 3 }, { validation: multiclass(100, 2) }, 3);
    await ll.infer(model, multiclass(50, 3));
    await fit(binary(200, 1), 'binary', { epochs: 3, optimizer: 'sgd', momentum: 0.9 });
    await expect(fit(linear(200, 1), 'regression', { epochs: 3, optimizer: 'rmsprop' }, { callbacks: { onRound: () => { throw new Error('stop'); } } })).rejects.toThrow('stop');
    expect(tf.memory().numTensors).toBe(before);
  });

  it('refuses bad data with sentences: no labels, a missing cell, labels outside the classes, another task', async () => {
    const d = binary(50, 1);
    const params = ll.resolve({ predictor_type: 'binary_classifier' });
    await expect(ll.fit({ ...d, labels: undefined }, params)).rejects.toThrow('linear-learner is supervised: data.labels must hold the target of every row');
    const holes = binary(50, 1);
    (holes.features as Float32Array[])[1][7] = NaN;
    await expect(ll.fit({ ...holes, featureNames: ['a', 'b'] }, params)).rejects.toThrow('data has a missing value in column "b" (row 7); linear-learner needs a number in every cell (impute missing values first)');
    const three = multiclass(50, 1);
    await expect(ll.fit(three, params)).rejects.toThrow(/^data\.labels\[\d+\] is 2; binary_classifier needs 0 or 1$/);
    await expect(ll.fit(d, params, { facts: factsOf(d, 'regression') })).rejects.toThrow(HyperparameterError);
    await expect(ll.fit(three, ll.resolve({ predictor_type: 'multiclass_classifier', num_classes: 4 }), { facts: factsOf(three, 'multiclass', 3) }))
      .rejects.toThrow('num_classes must equal the number of classes in the target (3); got 4');
    await expect(ll.fit(d, ll.resolve({}))).rejects.toThrow('predictor_type is required: binary_classifier, multiclass_classifier or regressor');
    await expect(ll.infer((await fit(d, 'binary', { epochs: 1 })).model, { features: new Float32Array(3), nRows: 1, nCols: 3 }))
      .rejects.toThrow('features has 3 columns but the linear-learner model reads 2');
  });

  it('a run whose every model diverges fails with a sentence that names learning_rate', async () => {
    const d = linear(200, 1);
    await expect(fit(d, 'regression', { epochs: 3, optimizer: 'sgd', learning_rate: 1e30, num_models: 1, use_lr_scheduler: false }))
      .rejects.toThrow(/^linear-learner diverged: .*lower learning_rate/);
  });
});
