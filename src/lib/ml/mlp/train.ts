// Mini-batch training of the mlp with scikit-learn's stopping rule (early-stopping.ts) on the watched loss:
// the validation loss with a validation set, else the epoch's mean training objective including the L2
// term (sklearn's loss_curve_). The best epoch's weights are kept, also when shouldStop ends training.
import * as tf from '@tensorflow/tfjs';
import type { DataFacts, FeatureMatrix, FitData, FitOptions, Fitted, MetricValues } from '../estimator.ts';
import { inferMlp } from './infer.ts';
import { SeededRandom } from '../random.ts';
import { checkMlpData } from './check-data.ts';
import { checkFitData, disposeSet, uploadSet, type DeviceSet, type SetTransform } from './device-set.ts';
import { EarlyStopping } from './early-stopping.ts';
import { epochMetrics } from './epoch-metrics.ts';
import { forward } from './forward.ts';
import { dropoutMask } from './init.ts';
import { rowLoss, weightedMean } from './loss.ts';
import { outputUnits, type MlpModel } from './model.ts';
import { Network } from './network.ts';
import { featureStats, labelStats } from './normalize.ts';
import { predictorTypeOf, type MlpParams, type PredictorType } from './params.ts';

function makeOptimizer(p: MlpParams): tf.Optimizer {
  switch (p.optimizer) {
    case 'adam': return tf.train.adam(p.learning_rate, 0.9, 0.999, 1e-8);
    case 'sgd': return p.momentum > 0 ? tf.train.momentum(p.learning_rate, p.momentum, true) : tf.train.sgd(p.learning_rate);
    case 'rmsprop': return tf.train.rmsprop(p.learning_rate, 0.9, 0, 1e-8);
  }
}

/** The predictor type that will train: the parameter, else the job's task. */
export function effectivePredictorType(params: MlpParams, facts: DataFacts | undefined): PredictorType {
  if (params.predictor_type) return params.predictor_type;
  if (facts?.task) return predictorTypeOf(facts.task);
  throw new RangeError('mlp needs predictor_type (binary_classifier, multiclass_classifier or regressor) when the job has no task');
}

function classCount(predictorType: PredictorType, facts: DataFacts | undefined, labels: Float32Array | undefined): number {
  if (predictorType === 'regressor') return 1;
  if (predictorType === 'binary_classifier') return 2;
  if (facts?.classes) return facts.classes.length;
  let max = 0;
  if (labels) for (let i = 0; i < labels.length; i++) max = Math.max(max, labels[i]);
  return Math.max(2, Math.floor(max) + 1);
}

/** Trains an mlp; see the file comment for the stopping rule. */
export async function trainMlp(data: FitData, params: MlpParams, options: FitOptions = {}): Promise<Fitted<MlpModel>> {
  if (options.facts?.task) checkMlpData(params, options.facts);
  const predictorType = effectivePredictorType(params, options.facts);
  const classes = classCount(predictorType, options.facts, data.labels);
  checkFitData(data, predictorType, classes, 'data');
  const valid = options.validation;
  if (valid) checkFitData(valid, predictorType, classes, 'validation', data.nCols);

  const fs = params.normalize_data ? featureStats(data) : null;
  const ls = predictorType === 'regressor' && params.normalize_label ? labelStats(data.labels) : { mean: 0, scale: 1 };
  const transform: SetTransform = {
    predictorType, classes, featureMean: fs?.mean ?? null, featureScale: fs?.scale ?? null, labelMean: ls.mean, labelScale: ls.scale,
  };
  const rng = new SeededRandom(params.seed);
  const n = data.nRows;
  const batch = Math.min(params.mini_batch_size, n);
  const evalTrain = options.evalTrain ?? true;
  const cb = options.callbacks;
  const live: { net?: Network; optimizer?: tf.Optimizer; train?: DeviceSet; valid?: DeviceSet; best?: tf.Tensor[] } = {};
  try {
    const net = live.net = new Network({
      nIn: data.nCols, hiddenLayers: params.hidden_layers, hiddenUnits: params.hidden_units,
      outputUnits: outputUnits(predictorType, classes), batchNorm: params.batch_norm, initMethod: params.init_method,
    }, rng);
    const optimizer = live.optimizer = makeOptimizer(params);
    const trainSet = live.train = uploadSet(data, transform);
    const validSet = live.valid = valid ? uploadSet(valid, transform) : undefined;
    const order = Int32Array.from({ length: n }, (_, i) => i);
    const stopping = new EarlyStopping(params.early_stopping_patience, params.early_stopping_tolerance);
    let epochs = 0;
    for (let epoch = 0; epoch < params.epochs; epoch++) {
      for (let i = n - 1; i > 0; i--) {
        const j = rng.nextInt(i + 1);
        const t = order[i]; order[i] = order[j]; order[j] = t;
      }
      const costs: tf.Scalar[] = [];
      for (let start = 0; start < n; start += batch) {
        costs.push(step(net, optimizer, params, predictorType, trainSet, order.subarray(start, Math.min(n, start + batch)), rng));
      }
      const stacked = tf.stack(costs);
      tf.dispose(costs);
      const perBatch = await stacked.data();
      stacked.dispose();
      let objective = 0; // sklearn's loss_curve_: batch objectives weighted by batch rows
      for (let b = 0; b < perBatch.length; b++) objective += perBatch[b] * Math.min(batch, n - b * batch);
      objective /= n;
      epochs = epoch + 1;

      const layers = net.tensors();
      const train: MetricValues | undefined = evalTrain
        ? await epochMetrics(layers, params.activation, predictorType, trainSet, ls.scale) : undefined;
      const validation = validSet ? await epochMetrics(layers, params.activation, predictorType, validSet, ls.scale) : undefined;
      const watched = validation ? validation.loss : objective;
      if (!Number.isFinite(watched) && stopping.bestEpoch < 0) {
        throw new RangeError(`mlp training diverged (loss ${watched} in epoch ${epoch}); lower learning_rate (now ${params.learning_rate}) or turn on normalize_data`);
      }
      if (stopping.update(epoch, watched)) {
        if (live.best) tf.dispose(live.best);
        live.best = net.snapshot();
      }
      const peek = async (x: FeatureMatrix) => inferMlp({
        predictorType, classes, activation: params.activation, layers: await net.read(), featureMean: transform.featureMean,
        featureScale: transform.featureScale, labelMean: ls.mean, labelScale: ls.scale, attributes: {},
      }, x);
      cb?.onRound?.(epoch, { ...(train ? { train } : {}), ...(validation ? { validation } : {}) }, peek);
      if (cb?.shouldStop?.()) break;
      if (cb?.betweenRounds) await cb.betweenRounds(epoch);
      if (stopping.done || !Number.isFinite(watched)) break;
    }
    const model: MlpModel = {
      predictorType, classes, activation: params.activation, layers: await net.read(live.best),
      featureMean: transform.featureMean, featureScale: transform.featureScale,
      labelMean: ls.mean, labelScale: ls.scale, attributes: {},
    };
    const ran: Record<string, string> = {};
    if (params.predictor_type === null) ran.predictor_type = predictorType;
    if (batch !== params.mini_batch_size) ran.mini_batch_size = String(batch);
    return {
      model, compute: { label: `TensorFlow.js ${tf.getBackend()}` }, rounds: epochs, bestIteration: stopping.bestEpoch,
      ...(Object.keys(ran).length ? { ran } : {}),
    };
  } finally {
    if (live.best) tf.dispose(live.best);
    disposeSet(live.train ?? null);
    disposeSet(live.valid ?? null);
    live.optimizer?.dispose();
    live.net?.dispose();
  }
}

/** One gradient step on `rows`; returns the batch objective (data loss + L2 term) as a live scalar. */
function step(net: Network, optimizer: tf.Optimizer, p: MlpParams, predictorType: PredictorType, set: DeviceSet, rows: Int32Array, rng: SeededRandom): tf.Scalar {
  const size = rows.length;
  const masks = Array.from({ length: p.hidden_layers }, () =>
    (p.dropout > 0 ? tf.tensor2d(dropoutMask(size * p.hidden_units, p.dropout, rng), [size, p.hidden_units]) : null));
  const stats: { mean: tf.Tensor1D; variance: tf.Tensor1D }[] = [];
  const idx = tf.tensor1d(rows, 'int32');
  const x = tf.gather(set.x, idx), y = tf.gather(set.y, idx), w = set.w ? tf.gather(set.w, idx) : null;
  const cost = optimizer.minimize(() => {
    const logits = forward(net.tensors(), p.activation, x, { masks, stats });
    const data = weightedMean(rowLoss(predictorType, logits, y), w);
    if (p.wd === 0) return data;
    const squares = tf.addN(net.weights().map((m) => tf.sum(tf.square(m))));
    return tf.add(data, tf.mul(squares, (0.5 * p.wd) / size));
  }, true, net.trainable()) as tf.Scalar;
  net.updateMovingStats(stats);
  tf.dispose([idx, x, y, ...(w ? [w] : []), ...masks.filter((m): m is tf.Tensor2D => m !== null)]);
  return cost;
}
