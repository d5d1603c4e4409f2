import { expect, it } from 'vitest';
import type { Inference, RawHyperparameters, RoundMetrics } from '../../../../src/lib/ml/estimator.ts';
import { linearLearnerEstimator as ll } from '../../../../src/lib/ml/linear-learner/linear-learner-estimator.ts';
import { describeEachTfBackend } from '../tf-backends.ts';
import { binary, dataset, factsOf, linear, multiclass, normal } from './fixtures.ts';

type Labelled = ReturnType<typeof binary>;

async function train(d: Labelled, task: 'binary' | 'multiclass' | 'regression', raw: RawHyperparameters, classes?: number, validation?: Labelled) {
  const facts = factsOf(d, task, classes);
  const history: RoundMetrics[] = [];
  const fitted = await ll.fit(d, ll.resolve({ ...ll.taskDefaults(facts), ...raw }), { facts, validation, callbacks: { onRound: (_, m) => history.push(m) } });
  return { ...fitted, history };
}

function accuracy(out: Inference, labels: Float32Array): number {
  if (out.kind !== 'classification') throw new Error('expected classification');
  return out.predictedLabel.reduce((a, p, i) => a + (p === labels[i] ? 1 : 0), 0) / labels.length;
}

function rmse(out: Inference, labels: Float32Array): number {
  if (out.kind !== 'regression') throw new Error('expected regression');
  return Math.sqrt(out.score.reduce((a, p, i) => a + (p - labels[i]) ** 2, 0) / labels.length);
}

describeEachTfBackend('linear-learner fit', () => {
  it('binary: > 90% test accuracy, labels are σ(score) ≥ the chosen threshold, and summary() reports it', async () => {
    const { model, history, rounds } = await train(binary(400, 1), 'binary', { epochs: 30 });
    const test = binary(300, 2);
    const out = await ll.infer(model, test);
    expect(accuracy(out, test.labels)).toBeGreaterThan(0.9);
    if (out.kind !== 'classification') throw new Error('expected classification');
    const t = ll.summary!(model).decisionThreshold!;
    expect(t).toBe(model.threshold);
    out.probabilities.forEach((p, i) => expect(out.predictedLabel[i]).toBe(p >= t ? 1 : 0));
    expect(history).toHaveLength(rounds!);
    expect(Object.keys(history[0].train!).sort()).toEqual(['accuracy', 'objective_loss']);
    expect(history[history.length - 1].train!.objective_loss).toBeLessThan(history[0].train!.objective_loss);
  });

  it('binary hinge_loss: > 90% test accuracy with the default margin', async () => {
    const { model } = await train(binary(400, 1), 'binary', { epochs: 30, loss: 'hinge_loss' });
    const test = binary(300, 2);
    expect(accuracy(await ll.infer(model, test), test.labels)).toBeGreaterThan(0.9);
  });

  it('multiclass: > 95% test accuracy, probabilities sum to 1 per row, top_k_accuracy reported', async () => {
    const { model, history } = await train(multiclass(450, 3), 'multiclass', { epochs: 40, accuracy_top_k: 2 }, 3);
    const test = multiclass(300, 4);
    const out = await ll.infer(model, test);
    expect(accuracy(out, test.labels)).toBeGreaterThan(0.95);
    if (out.kind !== 'classification') throw new Error('expected classification');
    expect(out.classes).toBe(3);
    for (let i = 0; i < test.nRows; i++) expect(out.probabilities[3 * i] + out.probabilities[3 * i + 1] + out.probabilities[3 * i + 2]).toBeCloseTo(1, 5);
    const last = history[history.length - 1].train!;
    expect(last.top_k_accuracy).toBeGreaterThanOrEqual(last.accuracy);
  });

  it('regressor: recovers y = 3·x0 − 0.2·x1 + 5 in label units (test RMSE within 10% of the noise sd 0.5)', async () => {
    const { model, history } = await train(linear(400, 5), 'regression', { epochs: 60 });
    const test = linear(300, 6);
    expect(rmse(await ll.infer(model, test), test.labels)).toBeLessThan(0.55);
    expect(Object.keys(history[0].train!).sort()).toEqual(['objective_loss', 'rmse']);
    const last = history[history.length - 1].train!;
    // squared_loss's objective is the mean squared error, reported in label units like rmse.
    expect(last.objective_loss).toBeCloseTo(last.rmse ** 2, 4);
  });

  for (const [loss, extra] of [['absolute_loss', {}], ['huber_loss', { huber_delta: 1 }], ['eps_insensitive_absolute_loss', { loss_insensitivity: 0.2 }]] as const) {
    it(`regressor ${loss} ignores 10% outliers of +50 that pull squared_loss's fit off`, async () => {
      const d = dataset(400, 1, 7, (x, rng) => 2 * x[0] + 1 + 0.3 * normal(rng) + (rng.next() < 0.1 ? 50 : 0));
      const clean = dataset(200, 1, 8, (x) => 2 * x[0] + 1);
      const robust = await train(d, 'regression', { epochs: 80, loss, ...extra });
      const squared = await train(d, 'regression', { epochs: 80 });
      expect(rmse(await ll.infer(robust.model, clean), clean.labels)).toBeLessThan(0.5);
      expect(rmse(await ll.infer(squared.model, clean), clean.labels)).toBeGreaterThan(3);
    });
  }

  it('regressor eps_insensitive_squared_loss fits the line to within its insensitivity', async () => {
    const { model } = await train(linear(400, 5), 'regression', { epochs: 60, loss: 'eps_insensitive_squared_loss', loss_insensitivity: 0.1 });
    const test = linear(300, 6);
    expect(rmse(await ll.infer(model, test), test.labels)).toBeLessThan(0.6);
  });

  it('regressor quantile_loss at 0.9 puts about 90% of the labels at or below its prediction', async () => {
    const d = dataset(600, 1, 9, (x, rng) => x[0] + 2 * rng.next());
    const { model } = await train(d, 'regression', { epochs: 100, loss: 'quantile_loss', quantile: 0.9 });
    const test = dataset(600, 1, 10, (x, rng) => x[0] + 2 * rng.next());
    const out = await ll.infer(model, test);
    if (out.kind !== 'regression') throw new Error('expected regression');
    const below = out.score.reduce((a, p, i) => a + (test.labels[i] <= p ? 1 : 0), 0) / test.nRows;
    expect(below).toBeGreaterThan(0.85);
    expect(below).toBeLessThan(0.95);
  });

  for (const raw of [{ optimizer: 'sgd', momentum: 0.5 }, { optimizer: 'rmsprop' }, { optimizer: 'adam', use_lr_scheduler: false }] as RawHyperparameters[]) {
    it(`${JSON.stringify(raw)} trains the regressor to within 10% of the noise sd`, async () => {
      const { model } = await train(linear(400, 5), 'regression', { epochs: 60, ...raw });
      const test = linear(300, 6);
      expect(rmse(await ll.infer(model, test), test.labels)).toBeLessThan(0.55);
    });
  }

  it('use_bias false keeps a zero bias; init_method normal and normalize_data false still train', async () => {
    const { model } = await train(linear(300, 5), 'regression', { epochs: 40, use_bias: false, init_method: 'normal', normalize_data: false, unbias_label: false });
    expect(Array.from(model.bias)).toEqual([0]);
    expect(Array.from(model.featureShift)).toEqual([0, 0]);
    expect(Array.from(model.featureScale)).toEqual([1, 1]);
    expect(model.labelShift).toBe(0);
  });

  it('positive_example_weight_mult balanced weights positives by negatives ÷ positives and predicts more positives', async () => {
    const d = dataset(500, 2, 11, (x, rng) => (x[0] + 0.8 * normal(rng) > 1.3 ? 1 : 0));
    const pos = d.labels.reduce((a, v) => a + v, 0);
    const plain = await train(d, 'binary', { epochs: 30, binary_classifier_model_selection_criteria: 'loss_function' });
    const balanced = await train(d, 'binary', { epochs: 30, binary_classifier_model_selection_criteria: 'loss_function', positive_example_weight_mult: 'balanced' });
    expect(balanced.model.kept.positiveWeight).toBeCloseTo((500 - pos) / pos, 5);
    const positives = async (m: typeof plain.model) => {
      const out = await ll.infer(m, d);
      return out.kind === 'classification' ? out.predictedLabel.reduce((a, v) => a + v, 0) : NaN;
    };
    expect(await positives(balanced.model)).toBeGreaterThan(1.3 * await positives(plain.model));
  });

  it('balance_multiclass_weights raises the recall of a rare class', async () => {
    const d = dataset(600, 2, 12, (x, rng) => (x[0] + normal(rng) > 2 ? 2 : x[1] > 0 ? 1 : 0));
    const recall = async (raw: RawHyperparameters) => {
      const out = await ll.infer((await train(d, 'multiclass', { epochs: 30, ...raw }, 3)).model, d);
      if (out.kind !== 'classification') throw new Error('expected classification');
      let hit = 0, all = 0;
      d.labels.forEach((y, i) => { if (y === 2) { all++; if (out.predictedLabel[i] === 2) hit++; } });
      return hit / all;
    };
    expect(await recall({ balance_multiclass_weights: true })).toBeGreaterThan(await recall({}) + 0.1);
  });

  it('importance gives |coefficient| of the kept model per feature', async () => {
    const { model } = await train(linear(300, 5), 'regression', { epochs: 20 });
    const imp = ll.importance!(model, ['x0', 'x1'])!;
    expect(imp.names).toEqual(['x0', 'x1']);
    expect(Array.from(imp.values.coefficient)).toEqual(Array.from(model.weights, Math.abs));
    expect(imp.notes.coefficient).toMatch(/standardised/);
    // x0 carries 3 per sd, x1 0.2 × 10 = 2 per sd.
    expect(imp.values.coefficient[0]).toBeGreaterThan(imp.values.coefficient[1]);
  });
});
