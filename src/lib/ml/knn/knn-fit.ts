// Fitting k-NN builds the index in one round: check the data, sample `sample_size` rows with the seed,
// project them (sign / fjlt) and keep them with their labels. The round's metrics are the vote (or mean) of
// the new index on up to 1,000 training rows — each row finds itself, so this is optimistic — and on every
// validation row.
import * as tf from '@tensorflow/tfjs';
import type { DataFacts, FitOptions, Fitted, MetricValues, Task } from '../estimator.ts';
import { HyperparameterError } from '../hyperparameters.ts';
import type { FitData, FeatureMatrix } from '../matrix.ts';
import { rmse } from '../metrics/pointwise-metrics.ts';
import { SeededRandom } from '../random.ts';
import { drawReduction, project } from './dimension-reduction.ts';
import type { KnnModel } from './knn-model.ts';
import type { KnnParams, PredictorType } from './knn-params.ts';
import { checkedRows, inferKnn } from './knn-predict.ts';

/** Training rows the round's training metrics look at (a seeded sample when there are more). */
export const TRAIN_METRIC_ROWS = 1000;

/** The predictor_type a task needs. */
export function predictorFor(task: Task): PredictorType {
  return task === 'regression' ? 'regressor' : 'classifier';
}

/** Throws HyperparameterError when `params` do not fit data described by `facts`. */
export function checkKnnData(params: KnnParams, facts: DataFacts): void {
  const task = facts.task;
  if (task === null) throw new HyperparameterError('predictor_type', 'knn predicts a target: choose a target column');
  const wanted = predictorFor(task);
  if (params.predictor_type !== null && params.predictor_type !== wanted) {
    throw new HyperparameterError('predictor_type',
      `predictor_type ${params.predictor_type} does not fit the target, which makes a ${task} task; use predictor_type ${wanted} (or change the task)`);
  }
  if (params.feature_dim !== null && params.feature_dim !== facts.nCols) {
    throw new HyperparameterError('feature_dim', `feature_dim must equal the number of features, ${facts.nCols}; got ${params.feature_dim} (or leave it unset)`);
  }
  const target = params.dimension_reduction_target;
  if (target !== null && target >= facts.nCols) {
    throw new HyperparameterError('dimension_reduction_target',
      `dimension_reduction_target must be in [1, ${facts.nCols - 1}], less than the ${facts.nCols} features; got ${target}`);
  }
  const indexRows = Math.min(facts.nRows, params.sample_size ?? facts.nRows);
  if (params.k > indexRows) {
    const why = indexRows < facts.nRows ? `the sample_size rows kept in the index` : `the training rows`;
    throw new HyperparameterError('k', `k must be in [1, ${indexRows}], at most ${why}; got ${params.k}`);
  }
}

function facts(data: FitData, given: DataFacts | undefined): DataFacts {
  // The numbers of rows and columns come from the data itself, whatever the caller said.
  return { task: null, featureNames: data.featureNames ?? [], ...given, nRows: data.nRows, nCols: data.nCols };
}

function classCount(labels: Float32Array, known: readonly string[] | undefined): number {
  let max = 0;
  for (let i = 0; i < labels.length; i++) {
    const y = labels[i];
    if (!Number.isInteger(y) || y < 0) throw new RangeError(`data.labels[${i}] is ${y}; a classifier needs class indices 0, 1, 2…`);
    max = Math.max(max, y);
  }
  const classes = known?.length ?? Math.max(2, max + 1);
  if (max >= classes) throw new RangeError(`data.labels holds class ${max} but the target has ${classes} classes (indices 0 to ${classes - 1})`);
  return classes;
}

function checkLabels(d: FitData, what: string): Float32Array {
  if (!d.labels) throw new RangeError(`knn needs labels in ${what}: choose a target column`);
  if (d.labels.length !== d.nRows) throw new RangeError(`${what}.labels has ${d.labels.length} values but there are ${d.nRows} rows`);
  const i = d.labels.findIndex((y) => !Number.isFinite(y));
  if (i >= 0) throw new RangeError(`${what}.labels[${i}] is ${d.labels[i]}; drop rows with a missing target before training`);
  if (d.weights && d.weights.some((w) => w !== 1)) {
    throw new RangeError(`knn does not weight rows (every neighbour has one vote, as in SageMaker); remove the weight column`);
  }
  return d.labels;
}

function sampleRows(rng: SeededRandom, n: number, size: number): Int32Array {
  return rng.sample(Int32Array.from({ length: n }, (_, i) => i), size);
}

function pick(values: Float32Array, width: number, rows: Int32Array): Float32Array {
  const out = new Float32Array(rows.length * width);
  rows.forEach((r, i) => out.set(values.subarray(r * width, (r + 1) * width), i * width));
  return out;
}

async function metrics(model: KnnModel, x: FeatureMatrix, labels: Float32Array, what: string): Promise<MetricValues> {
  const out = await inferKnn(model, x, what);
  if (out.kind === 'regression') return { rmse: rmse(out.score, labels) };
  if (out.kind !== 'classification') return {};
  let right = 0;
  for (let i = 0; i < labels.length; i++) if (out.predictedLabel[i] === labels[i]) right++;
  return { accuracy: right / labels.length };
}

/** Builds the k-NN index for `data`; reports one round. */
export async function fitKnn(data: FitData, params: KnnParams, options: FitOptions = {}): Promise<Fitted<KnnModel>> {
  const labels = checkLabels(data, 'data');
  const x = checkedRows(data, data.nCols, 'data');
  if (data.nRows === 0) throw new RangeError('data has no rows; knn needs at least one');
  const f = facts(data, options.facts);
  const predictorType = params.predictor_type ?? (f.task ? predictorFor(f.task) : null);
  if (predictorType === null) {
    throw new HyperparameterError('predictor_type', 'predictor_type must be classifier or regressor when the task is not known');
  }
  checkKnnData(params, { ...f, task: f.task ?? (predictorType === 'regressor' ? 'regression' : 'multiclass') });
  const classes = predictorType === 'classifier' ? classCount(labels, f.classes) : 0;
  const n = data.nRows, d = data.nCols;
  const kept = params.sample_size !== null && params.sample_size < n ? sampleRows(new SeededRandom(params.seed + 1), n, params.sample_size) : null;
  const rows = kept ? pick(x, d, kept) : x.slice();
  const nRows = kept ? kept.length : n;
  const reduction = params.dimension_reduction_type === 'none'
    ? null
    : drawReduction(params.dimension_reduction_type, d, params.dimension_reduction_target as number, params.seed);
  const model: KnnModel = {
    predictorType, k: params.k, metric: params.index_metric, featureDim: d, classes,
    rows: reduction ? project(reduction, rows, nRows) : rows, nRows, dim: reduction ? reduction.target : d,
    labels: kept ? Float32Array.from(kept, (r) => labels[r]) : labels.slice(),
    reduction, batchSize: params.mini_batch_size, attributes: {},
  };
  const callbacks = options.callbacks;
  // A stop asked for before the metrics skips them: the index itself is already complete.
  const stopped = callbacks?.shouldStop?.() ?? false;
  if (callbacks?.onRound) {
    const round: { train?: MetricValues; validation?: MetricValues } = {};
    if (!stopped && options.evalTrain !== false) {
      const probe = n > TRAIN_METRIC_ROWS ? sampleRows(new SeededRandom(params.seed + 2), n, TRAIN_METRIC_ROWS) : null;
      const sample = probe ? { features: pick(x, d, probe), nRows: probe.length, nCols: d } : { features: x, nRows: n, nCols: d };
      round.train = await metrics(model, sample, probe ? Float32Array.from(probe, (r) => labels[r]) : labels, 'data');
    }
    if (!stopped && options.validation) {
      round.validation = await metrics(model, options.validation, checkLabels(options.validation, 'validation'), 'validation');
    }
    callbacks.onRound(0, round);
  }
  await callbacks?.betweenRounds?.(0);
  return { model, compute: { label: `TensorFlow.js ${tf.getBackend()}` }, rounds: 1 };
}
