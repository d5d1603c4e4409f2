// linear-learner training: num_models linear models, stacked as one [features, models × outputs] weight
// tensor, trained side by side by mini-batch gradient steps; after every epoch each is scored on the
// validation set (else the training set), the best so far is kept, and early stopping watches progress.
import * as tf from '@tensorflow/tfjs';
import type { FitData, FitOptions, Fitted, MetricValues } from '../estimator.ts';
import { SeededRandom } from '../random.ts';
import { evaluateModels, penalties, scores, scoresOfRows, type EvalContext, type ModelMetrics } from './evaluate-models.ts';
import { LOSSES } from './losses.ts';
import { inferLinearLearner, type LinearLearnerModel } from './model.ts';
import { modelSettings } from './model-grid.ts';
import { StackedOptimizer } from './optimizer.ts';
import type { LinearLearnerParams } from './params.ts';
import { balancedPositiveWeight, initialWeights, trainingWeights } from './row-weights.ts';
import { featureScaling, labelScaling, sampleRows } from './scaler.ts';
import { EarlyStopping, beats, bestModel, calibrate, type Selection } from './selection.ts';
import { disposeSet, tensorSet, type TensorSet } from './tensor-set.ts';

/** Rows whose scores choose the binary threshold when num_calibration_samples is auto. */
export const AUTO_CALIBRATION_ROWS = 100_000;
const SEED = 0;

type Labelled = FitData & { labels: Float32Array };

/** What one epoch's metrics look like in onRound for the model `m`. */
function roundMetrics(x: ModelMetrics, m: number): MetricValues {
  const out: MetricValues = { objective_loss: x.loss[m] };
  if (x.accuracy) out.accuracy = x.accuracy[m];
  if (x.topKAccuracy) out.top_k_accuracy = x.topKAccuracy[m];
  if (x.rmse) out.rmse = x.rmse[m];
  return out;
}

/** A Fisher–Yates permutation of 0…n−1. */
function shuffled(n: number, rng: SeededRandom): Int32Array {
  const a = Int32Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = rng.nextInt(i + 1);
    const t = a[i]; a[i] = a[j]; a[j] = t;
  }
  return a;
}

/**
 * Trains `p` (predictor_type and loss resolved) on checked data; `classes` is the class count (2 for
 * binary, 1 for the regressor).
 */
export async function trainLinearLearner(data: Labelled, p: LinearLearnerParams, classes: number, options: FitOptions = {}): Promise<Fitted<LinearLearnerModel>> {
  const predictor = p.predictor_type!;
  const loss = LOSSES[p.loss!];
  const regressor = predictor === 'regressor';
  const K = predictor === 'multiclass_classifier' ? classes : 1;
  const n = data.nRows, d = data.nCols;
  const scalerRows = sampleRows(n, p.num_point_for_scaler, SEED);
  const center = p.unbias_data === 'true' || (p.unbias_data === 'auto' && p.use_bias);
  const scaling = featureScaling(data, scalerRows, center, p.normalize_data !== 'false');
  const label = regressor
    ? labelScaling(data.labels, scalerRows, p.unbias_label === 'true' || (p.unbias_label === 'auto' && p.use_bias), p.normalize_label !== 'false')
    : { shift: 0, scale: 1 };
  const settings = modelSettings(p, { rows: n, validation: options.validation !== undefined, balancedWeight: balancedPositiveWeight(data.labels, data.weights) });
  const M = settings.length;
  const perColumn = (f: (s: typeof settings[number]) => number) => Float32Array.from({ length: M * K }, (_, c) => f(settings[Math.floor(c / K)]));
  const validation = options.validation as Labelled | undefined;
  const ctx: EvalContext = {
    predictor, loss, models: M, outputs: K, labelScale: label.scale, topK: p.accuracy_top_k,
    settings: { margin: p.margin, quantile: p.quantile, epsilon: p.loss_insensitivity / label.scale, delta: p.huber_delta / label.scale },
  };
  const stepsPerEpoch = Math.ceil(n / p.mini_batch_size);
  let train: TensorSet | null = null, valid: TensorSet | null = null;
  const owned: tf.Tensor[] = [];
  let optimizer: StackedOptimizer | null = null;
  try {
    train = tensorSet(data, scaling, label, predictor, K);
    valid = validation ? tensorSet(validation, scaling, label, predictor, K) : null;
    const rowWeights = tf.tensor2d(trainingWeights(data.labels, data.weights, settings, p, classes), [n, M]);
    const W = tf.tidy(() => tf.variable(tf.tensor2d(initialWeights(d, M * K, p, SEED), [d, M * K])));
    const b = tf.tidy(() => tf.variable(tf.fill([1, M * K], p.use_bias ? p.init_bias : 0) as tf.Tensor2D));
    const wd = tf.tensor2d(perColumn((s) => s.wd), [1, M * K]);
    const l1 = tf.tensor2d(perColumn((s) => s.l1), [1, M * K]);
    owned.push(rowWeights, W, b, wd, l1);
    optimizer = new StackedOptimizer({
      kind: p.optimizer,
      momentum: p.momentum ?? 0,
      beta1: p.beta_1 ?? 0.9,
      beta2: p.beta_2 ?? (p.optimizer === 'rmsprop' ? 0.9 : 0.999),
      learningRates: perColumn((s) => s.learningRate),
      schedule: p.use_lr_scheduler
        ? { every: p.lr_scheduler_step ?? stepsPerEpoch, factor: p.lr_scheduler_factor ?? 0.99, min: p.lr_scheduler_minimum_lr ?? 1e-5 }
        : null,
    });
    optimizer.track(W);
    if (p.use_bias) optimizer.track(b);
    const biasWd = p.bias_wd_mult ?? 0;
    const rateMult = [1, p.bias_lr_mult ?? 1];

    const selectSet = valid ?? train;
    const calibrationRows = predictor === 'binary_classifier'
      ? sampleRows(selectSet.nRows, p.num_calibration_samples ?? AUTO_CALIBRATION_ROWS, SEED + 1) : null;
    const stopper = new EarlyStopping(M, p.early_stopping_patience, p.early_stopping_tolerance);
    const shuffler = new SeededRandom(SEED + 2);
    type Kept = { epoch: number; model: number; score: number; loss: number; weights: Float32Array; bias: Float32Array; threshold: number };
    let kept: Kept | null = null;
    const modelOf = (k: Kept): LinearLearnerModel => {
      const s = settings[k.model];
      return {
        predictorType: predictor, loss: loss.name, nCols: d, outputs: K,
        featureShift: scaling.shift, featureScale: scaling.scale, weights: k.weights, bias: k.bias,
        labelShift: label.shift, labelScale: label.scale, threshold: predictor === 'binary_classifier' ? k.threshold : 0.5,
        kept: { index: k.model, learningRate: s.learningRate, wd: s.wd, l1: s.l1, positiveWeight: s.positiveWeight },
        attributes: {},
      };
    };
    let epochs = 0;
    for (let epoch = 0; epoch < p.epochs; epoch++) {
      const order = shuffled(n, shuffler);
      for (let start = 0; start < n; start += p.mini_batch_size) {
        const batch = order.subarray(start, Math.min(n, start + p.mini_batch_size));
        const grads = tf.tidy(() => {
          const idx = tf.tensor1d(batch, 'int32');
          const xb = tf.gather(train!.x, idx), yb = tf.gather(train!.y, idx), wb = tf.gather(rowWeights, idx);
          const size = batch.length;
          // Each model's objective is its weighted mean row loss, so row i's share is w_im / Σ_i w_im.
          const share = tf.reshape(tf.div(wb, tf.maximum(tf.sum(wb, 0), 1e-12)), [size, M, 1]);
          const z = tf.reshape(scores(xb, W, b), [size, M, K]) as tf.Tensor3D;
          const dz = tf.reshape(tf.mul(loss.grad(z, tf.reshape(yb, [size, 1, K]) as tf.Tensor3D, ctx.settings), share), [size, M * K]);
          const gW = tf.addN([tf.matMul(xb, dz, true, false), tf.mul(wd, W), tf.mul(l1, tf.sign(W))]);
          const gb = tf.add(tf.sum(dz, 0, true), tf.mul(tf.mul(wd, biasWd), b));
          return [gW, gb];
        });
        optimizer.update(p.use_bias ? grads : [grads[0]], rateMult);
        tf.dispose(grads);
      }
      epochs = epoch + 1;

      // Score every model, keep the best so far, report it.
      let selection: Selection = { thresholds: new Float32Array(M).fill(0.5), score: new Float64Array(M) };
      if (calibrationRows) {
        const z = await scoresOfRows(selectSet, calibrationRows, W, b);
        const pick = (a: Float32Array) => Float32Array.from(calibrationRows, (i) => a[i]);
        selection = calibrate(z, pick(selectSet.labels), selectSet.weights && pick(selectSet.weights), M, p);
      }
      const trainMetrics = options.evalTrain !== false || !valid ? await evaluateModels(train, W, b, ctx, selection.thresholds) : null;
      const validMetrics = valid ? await evaluateModels(valid, W, b, ctx, selection.thresholds) : null;
      // Without validation the models are compared by their own training objective (loss + penalty): the
      // plain loss would favour models that have not yet paid their regularization.
      const selectLoss = validMetrics ? validMetrics.loss
        : (await penalties(W, b, wd, l1, biasWd, ctx)).map((v, i) => v + trainMetrics!.loss[i]);
      const scoreByLoss = predictor !== 'binary_classifier' || p.binary_classifier_model_selection_criteria === 'loss_function';
      const score = scoreByLoss ? selectLoss.map((v) => -v) : selection.score;
      const m = bestModel(score, selectLoss);
      if (!kept || beats(score[m], selectLoss[m], kept.score, kept.loss)) {
        const [weights, bias] = await Promise.all([tf.slice(W, [0, m * K], [d, K]), tf.slice(b, [0, m * K], [1, K])].map(async (t) => {
          try { return (await t.data()) as Float32Array; } finally { t.dispose(); }
        }));
        kept = { epoch, model: m, score: score[m], loss: selectLoss[m], weights, bias, threshold: selection.thresholds[m] };
      }
      const best = kept;
      // peek draws the model kept so far (the one fit would return if training stopped here).
      options.callbacks?.onRound?.(epoch, {
        train: trainMetrics && options.evalTrain !== false ? roundMetrics(trainMetrics, m) : undefined,
        validation: validMetrics ? roundMetrics(validMetrics, m) : undefined,
      }, async (x) => inferLinearLearner(modelOf(best!), x));
      // SageMaker's early-stopping metric: the binary criterion on the validation set when one was given,
      // else the loss, on the validation set (or the training objective without one), model by model.
      const stop = stopper.observe(valid && !scoreByLoss && p.criterion_given ? score : selectLoss.map((v) => -v));
      await options.callbacks?.betweenRounds?.(epoch);
      if (stop || options.callbacks?.shouldStop?.()) break;
    }
    const k = kept!;
    if (!Number.isFinite(k.loss) || !k.weights.every(Number.isFinite) || !k.bias.every(Number.isFinite)) {
      throw new RangeError(`linear-learner diverged: every model's loss became infinite or NaN; lower learning_rate (the best model's was ${settings[k.model].learningRate})`);
    }
    const s = settings[k.model];
    const model = modelOf(k);
    return {
      model,
      compute: { label: `TensorFlow.js ${tf.getBackend()}` },
      ran: { learning_rate: String(s.learningRate), wd: String(s.wd), l1: String(s.l1), num_models: String(M), loss: loss.name, optimizer: p.optimizer },
      rounds: epochs,
      bestIteration: k.epoch,
    };
  } finally {
    optimizer?.dispose();
    tf.dispose(owned);
    disposeSet(train);
    disposeSet(valid);
  }
}
