import * as tf from '@tensorflow/tfjs';
import { expect, it } from 'vitest';
import type { FitData, Inference, RoundMetrics } from '../../../../src/lib/ml/estimator.ts';
import { HyperparameterError } from '../../../../src/lib/ml/hyperparameters.ts';
import { mlpEstimator } from '../../../../src/lib/ml/mlp/mlp-estimator.ts';
import { ModelFileError, writeModelFile } from '../../../../src/lib/ml/model-file.ts';
import { describeEachTfBackend } from '../tf-backends.ts';
import { blobs, factsOf, wave } from './fixtures.ts';

const est = mlpEstimator;

function accuracy(inf: Inference, labels: Float32Array): number {
  if (inf.kind !== 'classification') throw new Error(`expected classification, got ${inf.kind}`);
  let ok = 0;
  for (let i = 0; i < labels.length; i++) if (inf.predictedLabel[i] === labels[i]) ok++;
  return ok / labels.length;
}

function outputsOf(inf: Inference): Float32Array {
  if (inf.kind === 'classification') return inf.probabilities;
  if (inf.kind === 'regression') return inf.score;
  throw new Error(`unexpected ${inf.kind}`);
}

describeEachTfBackend('mlpEstimator', (backend) => {
  const bin = blobs(300, 4, 2, 1);
  const binValid = blobs(100, 4, 2, 2);
  const multi = blobs(300, 5, 3, 3);

  it('learns separable binary blobs: held-out accuracy ≥ 0.95, one probability per row in [0, 1], label = p > 0.5', async () => {
    const fitted = await est.fit(bin, est.resolve({ epochs: 20 }), { facts: factsOf('binary', bin, 2) });
    expect(fitted.compute.label).toBe(`TensorFlow.js ${backend}`);
    // predictor_type followed the task and the batch was capped at the 300 rows.
    expect(await est.fit(bin, est.resolve({ epochs: 1, mini_batch_size: 500 }), { facts: factsOf('binary', bin, 2) }))
      .toMatchObject({ ran: { predictor_type: 'binary_classifier', mini_batch_size: '300' } });
    const inf = await est.infer(fitted.model, binValid);
    expect(inf.kind).toBe('classification');
    if (inf.kind !== 'classification') return;
    expect(inf.classes).toBe(2);
    expect(inf.probabilities.length).toBe(100);
    for (let i = 0; i < 100; i++) {
      expect(inf.probabilities[i]).toBeGreaterThanOrEqual(0);
      expect(inf.probabilities[i]).toBeLessThanOrEqual(1);
      expect(inf.predictedLabel[i]).toBe(inf.probabilities[i] > 0.5 ? 1 : 0);
    }
    expect(accuracy(inf, binValid.labels)).toBeGreaterThanOrEqual(0.95);
  });

  it('multiclass softmax rows sum to 1 (±1e-5) and the label is their arg-max; held-out accuracy ≥ 0.9', async () => {
    const fitted = await est.fit(multi, est.resolve({ epochs: 30, hidden_layers: 2, hidden_units: 16 }), { facts: factsOf('multiclass', multi, 3) });
    const test = blobs(150, 5, 3, 4);
    const inf = await est.infer(fitted.model, test);
    if (inf.kind !== 'classification') throw new Error('not classification');
    expect(inf.classes).toBe(3);
    for (let i = 0; i < 150; i++) {
      const p = inf.probabilities.subarray(i * 3, i * 3 + 3);
      expect(p[0] + p[1] + p[2]).toBeCloseTo(1, 5);
      expect(inf.predictedLabel[i]).toBe(p.indexOf(Math.max(...p)));
    }
    expect(accuracy(inf, test.labels)).toBeGreaterThanOrEqual(0.9);
  });

  it('regressor on a nonlinear wave beats the mean predictor\'s held-out RMSE by at least half, in label units', async () => {
    const train = wave(400, 5), test = wave(200, 6);
    const fitted = await est.fit(train, est.resolve({ epochs: 60, hidden_units: 32, learning_rate: 0.01 }), { facts: factsOf('regression', train) });
    const score = outputsOf(await est.infer(fitted.model, test));
    const mean = train.labels.reduce((a, b) => a + b, 0) / train.nRows;
    let se = 0, seMean = 0;
    for (let i = 0; i < test.nRows; i++) { se += (score[i] - test.labels[i]) ** 2; seMean += (mean - test.labels[i]) ** 2; }
    expect(Math.sqrt(se / test.nRows)).toBeLessThan(0.5 * Math.sqrt(seMean / test.nRows));
  });

  it('the same seed gives bit-identical outputs (dropout, batch_norm, shuffles); another seed gives different ones', async () => {
    const raw = { epochs: 5, dropout: 0.2, batch_norm: true, hidden_units: 16, mini_batch_size: 64 };
    const facts = factsOf('binary', bin, 2);
    const a = outputsOf(await est.infer((await est.fit(bin, est.resolve(raw), { facts })).model, binValid));
    const b = outputsOf(await est.infer((await est.fit(bin, est.resolve(raw), { facts })).model, binValid));
    const c = outputsOf(await est.infer((await est.fit(bin, est.resolve({ ...raw, seed: 7 }), { facts })).model, binValid));
    expect(Array.from(b)).toEqual(Array.from(a));
    expect(Array.from(c)).not.toEqual(Array.from(a));
  });

  it('serialize → deserialize predicts bit-identically and keeps the attributes (batch_norm network, columnar input)', async () => {
    const fitted = await est.fit(multi, est.resolve({ epochs: 4, batch_norm: true, hidden_layers: 2, hidden_units: 8 }), { facts: factsOf('multiclass', multi, 3) });
    const bytes = est.serialize(fitted.model, { mlpad_encoding: '{"x":1}' });
    const back = est.deserialize(bytes);
    expect(est.attributes(back)).toEqual({ mlpad_encoding: '{"x":1}' });
    expect(est.featureCount(back)).toBe(5);
    const columns: FitData = { features: Array.from({ length: 5 }, (_, j) => Float32Array.from({ length: 300 }, (_, i) => (multi.features as Float32Array)[i * 5 + j])), nRows: 300, nCols: 5 };
    expect(Array.from(outputsOf(await est.infer(back, columns)))).toEqual(Array.from(outputsOf(await est.infer(fitted.model, multi))));
    const text = new TextDecoder().decode(bytes);
    expect(JSON.parse(text)).toMatchObject({ format: 'mlpad-model', algorithm: 'mlp', version: 1, model: { predictor_type: 'multiclass_classifier', activation: 'relu' } });
  });

  it('a regressor round-trips with its label standardisation', async () => {
    const train = wave(100, 7);
    const fitted = await est.fit(train, est.resolve({ epochs: 3, hidden_units: 8 }), { facts: factsOf('regression', train) });
    expect(fitted.model.labelMean).toBeGreaterThan(40);
    const back = est.deserialize(est.serialize(fitted.model));
    expect(Array.from(outputsOf(await est.infer(back, train)))).toEqual(Array.from(outputsOf(await est.infer(fitted.model, train))));
  });

  it('deserialize names what a wrong file is', () => {
    expect(() => est.deserialize(writeModelFile('kmeans', 1, {}))).toThrow(new ModelFileError('the model file holds a kmeans model, not a mlp model; predict with --algorithm kmeans (or leave --algorithm out)'));
    expect(() => est.deserialize(writeModelFile('mlp', 1, { predictor_type: 'regressor', activation: 'relu', classes: 1, layers: [] })))
      .toThrow('the mlp model file\'s model.layers must be a non-empty array');
  });

  it('onRound reports loss and accuracy on train and validation every epoch; tensors do not grow across epochs and none leak', async () => {
    const before = tf.memory().numTensors;
    const rounds: RoundMetrics[] = [];
    const counts: number[] = [];
    const fitted = await est.fit(bin, est.resolve({ epochs: 6, early_stopping_patience: 50, batch_norm: true, dropout: 0.1 }), {
      facts: factsOf('binary', bin, 2), validation: binValid,
      callbacks: { onRound: (i, m) => { expect(i).toBe(rounds.length); rounds.push(m); counts.push(tf.memory().numTensors); } },
    });
    expect(rounds.length).toBe(6);
    expect(fitted.rounds).toBe(6);
    for (const r of rounds) {
      expect(Object.keys(r.train ?? {}).sort()).toEqual(['accuracy', 'loss']);
      expect(Object.keys(r.validation ?? {}).sort()).toEqual(['accuracy', 'loss']);
    }
    expect(new Set(counts.slice(1)).size).toBe(1);
    expect(tf.memory().numTensors).toBe(before);
    await est.infer(fitted.model, binValid);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('regressor rounds report loss and rmse; evalTrain false leaves train metrics out', async () => {
    const train = wave(100, 8), valid = wave(50, 9);
    const rounds: RoundMetrics[] = [];
    await est.fit(train, est.resolve({ epochs: 2 }), { facts: factsOf('regression', train), validation: valid, evalTrain: false, callbacks: { onRound: (_, m) => rounds.push(m) } });
    expect(rounds.map((r) => [r.train, Object.keys(r.validation ?? {}).sort()])).toEqual([[undefined, ['loss', 'rmse']], [undefined, ['loss', 'rmse']]]);
  });

  it('early stopping on validation loss stops after more than patience stale epochs and keeps the best epoch\'s weights', async () => {
    // A large step on noisy labels overfits quickly, so the validation loss turns up early.
    const noisy = blobs(200, 4, 2, 10, 0.7), noisyValid = blobs(200, 4, 2, 11, 0.7);
    const losses: number[] = [];
    const fitted = await est.fit(noisy, est.resolve({ epochs: 300, hidden_units: 256, learning_rate: 0.02, wd: 0, early_stopping_patience: 3, mini_batch_size: 20 }), {
      facts: factsOf('binary', noisy, 2), validation: noisyValid, callbacks: { onRound: (_, m) => losses.push(m.validation?.loss ?? NaN) },
    });
    const best = losses.indexOf(Math.min(...losses));
    expect(fitted.bestIteration).toBe(best);
    expect(fitted.rounds).toBeLessThan(300);
    expect(fitted.rounds).toBe(losses.length);
    // Stopped once the last 4 epochs (patience 3 + 1) failed to improve by the tolerance.
    expect(losses.length - 1 - best).toBeGreaterThanOrEqual(4);
    const inf = await est.infer(fitted.model, noisyValid);
    const p = outputsOf(inf);
    let ll = 0;
    for (let i = 0; i < p.length; i++) ll -= Math.log(noisyValid.labels[i] === 1 ? p[i] : 1 - p[i]);
    expect(ll / p.length).toBeCloseTo(losses[best], 4);
  });

  it('shouldStop ends training after the current epoch and keeps it', async () => {
    let calls = 0;
    const fitted = await est.fit(bin, est.resolve({ epochs: 50 }), { facts: factsOf('binary', bin, 2), callbacks: { shouldStop: () => ++calls >= 3 } });
    expect(fitted.rounds).toBe(3);
  });

  it.each([
    ['sgd', { optimizer: 'sgd', learning_rate: 0.05 }], ['sgd without momentum', { optimizer: 'sgd', momentum: 0, learning_rate: 0.1 }],
    ['rmsprop', { optimizer: 'rmsprop' }], ['tanh he_normal', { activation: 'tanh', init_method: 'he_normal' }],
    ['logistic glorot_normal', { activation: 'logistic', init_method: 'glorot_normal', learning_rate: 0.01 }],
    ['identity he_uniform', { activation: 'identity', init_method: 'he_uniform' }], ['no hidden layer', { hidden_layers: 0, learning_rate: 0.05 }],
    ['unnormalised features', { normalize_data: false, learning_rate: 0.01 }],
  ])('%s lowers the training loss over 8 epochs', async (_, raw) => {
    const losses: number[] = [];
    await est.fit(multi, est.resolve({ epochs: 8, early_stopping_patience: 50, ...raw }), {
      facts: factsOf('multiclass', multi, 3), callbacks: { onRound: (_i, m) => losses.push(m.train?.loss ?? NaN) },
    });
    expect(losses[7]).toBeLessThan(0.8 * losses[0]);
  });

  it('rows weighted 0 do not count: flipping the labels of 60% of rows, weighted 0, leaves held-out accuracy ≥ 0.95', async () => {
    const labels = bin.labels.slice(), weights = new Float32Array(300).fill(1);
    for (let i = 0; i < 300; i++) if (i % 5 < 3) { labels[i] = 1 - labels[i]; weights[i] = 0; }
    const fitted = await est.fit({ ...bin, labels, weights }, est.resolve({ epochs: 30 }), { facts: factsOf('binary', bin, 2) });
    expect(accuracy(await est.infer(fitted.model, binValid), binValid.labels)).toBeGreaterThanOrEqual(0.95);
  });

  it('refuses NaN features, missing or out-of-range labels and a mismatched predictor_type with sentences', async () => {
    const facts = factsOf('binary', bin, 2);
    const p = est.resolve({ epochs: 1 });
    const nan = { ...bin, features: (bin.features as Float32Array).slice() };
    (nan.features as Float32Array)[4 * 7 + 2] = NaN;
    await expect(est.fit(nan, p, { facts })).rejects.toThrow('data feature 2 is missing (NaN) in row 7; mlp needs complete rows (fill missing values first)');
    await expect(est.fit({ ...bin, labels: undefined }, p, { facts })).rejects.toThrow(/mlp is supervised and needs a target/);
    await expect(est.fit({ ...bin, labels: bin.labels.map((v) => v * 2) }, p, { facts })).rejects.toThrow('data.labels[1] is 2; a binary_classifier needs class indices 0…1');
    await expect(est.fit(bin, est.resolve({ predictor_type: 'regressor' }), { facts })).rejects.toThrow(HyperparameterError);
    await expect(est.fit(bin, p)).rejects.toThrow('mlp needs predictor_type (binary_classifier, multiclass_classifier or regressor) when the job has no task');
    await expect(est.fit(bin, p, { facts, validation: multi })).rejects.toThrow('validation has 5 features but the training data has 4');
    const fitted = await est.fit(bin, p, { facts });
    await expect(est.infer(fitted.model, multi)).rejects.toThrow('x has 5 features but the mlp model reads 4');
  });
});
