// SageMaker's factorization-machines as an mlpad Estimator: a second-order factorization machine for binary
// classification or regression, trained with per-group Adam in TensorFlow.js on the rows' non-zero cells.
// It is made for one-hot categorical data (user × item ratings, clicks): a table of user, item, rating
// trains directly once every categorical column is one-hot encoded, whatever its cardinality, which is
// what `categorical: 'one-hot'` asks of the job runner.
import * as tf from '@tensorflow/tfjs';
import type { DataFacts, Estimator, FeatureImportance, Inference } from '../estimator.ts';
import { HyperparameterError, type RawHyperparameters } from '../hyperparameters.ts';
import type { FitData } from '../matrix.ts';
import { readModelFile, writeModelFile } from '../model-file.ts';
import { FM_FILE_VERSION, FM_NAME, modelBody, modelFromBody, splitTable, tableOf, type FmModel } from './model.ts';
import { FM_SCHEMA, predictorTypeOf, resolveFmParams, taskOfPredictorType, type FmParams, type PredictorType } from './params.ts';
import { predictRows } from './predict.ts';
import { rowsOf, type SparseFeatureMatrix } from './sparse-rows.ts';
import { tfComputeLabel, trainFm, type LabelledRows } from './train.ts';

function checkTask(p: FmParams, facts: DataFacts): void {
  const task = facts.task;
  if (task === null) {
    throw new HyperparameterError('predictor_type', 'factorization-machines is supervised: choose a target column (binary or numeric)');
  }
  const wanted = predictorTypeOf(task);
  if (!wanted) {
    throw new HyperparameterError('predictor_type',
      `factorization-machines trains binary_classifier or regressor; the target has ${facts.classes?.length ?? 'more than 2'} classes, so choose another algorithm (or a binary target)`);
  }
  if (p.predictor_type !== null && p.predictor_type !== wanted) {
    throw new HyperparameterError('predictor_type', `predictor_type is ${p.predictor_type} but the target is ${task}; use predictor_type ${wanted}`);
  }
  if (p.feature_dim !== null && p.feature_dim !== facts.nCols) {
    throw new HyperparameterError('feature_dim', `feature_dim is ${p.feature_dim} but the data has ${facts.nCols} features; leave it empty or give ${facts.nCols}`);
  }
}

function labelledRows(d: FitData, what: string, predictorType: PredictorType): LabelledRows {
  const rows = rowsOf(d as SparseFeatureMatrix, what);
  const labels = d.labels;
  if (!labels) throw new RangeError(`factorization-machines needs labels in ${what}: choose a target column`);
  if (!(labels instanceof Float32Array) || labels.length !== d.nRows) throw new RangeError(`${what}.labels must be a Float32Array of ${d.nRows} values`);
  for (let i = 0; i < labels.length; i++) {
    const y = labels[i];
    if (predictorType === 'binary_classifier' ? y !== 0 && y !== 1 : !Number.isFinite(y)) {
      throw new RangeError(`${what}.labels[${i}] is ${y}; ${predictorType === 'binary_classifier' ? 'a binary_classifier needs labels 0 or 1' : 'labels must be finite numbers'}`);
    }
  }
  if (d.weights) {
    if (d.weights.length !== d.nRows) throw new RangeError(`${what}.weights has ${d.weights.length} values but nRows is ${d.nRows}`);
    for (let i = 0; i < d.nRows; i++) {
      if (!(d.weights[i] >= 0) || !Number.isFinite(d.weights[i])) throw new RangeError(`${what}.weights[${i}] must be a finite number ≥ 0; got ${d.weights[i]}`);
    }
  }
  return { rows, labels, weights: d.weights };
}

function importance(model: FmModel, names: readonly string[]): FeatureImportance {
  const { nCols: n, numFactors: k } = model;
  const linear = new Float64Array(n);
  const factorNorm = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    linear[i] = Math.abs(model.linear[i]);
    let s = 0;
    for (let f = 0; f < k; f++) s += model.factors[i * k + f] ** 2;
    factorNorm[i] = Math.sqrt(s);
  }
  return {
    names: [...names],
    values: { linear_weight: linear, factor_norm: factorNorm },
    notes: {
      linear_weight: '|wᵢ|, the size of the feature\'s own (linear) effect on the score, in score units per unit of the feature.',
      factor_norm: '‖vᵢ‖, how strongly the feature takes part in pairwise interactions (0 = none).',
    },
  };
}

export const factorizationMachinesEstimator: Estimator<FmParams, FmModel> & {
  /** How the job runner should encode categorical columns: one 0/1 feature per category at any cardinality. */
  readonly categorical: 'one-hot';
} = {
  name: FM_NAME,
  description: 'Factorization machines: linear terms plus pairwise feature interactions through low-rank factors, for sparse one-hot data (ratings, clicks).',
  kind: 'supervised',
  tasks: ['binary', 'regression'],
  target: 'required',
  schema: FM_SCHEMA,
  commonParameters: ['predictor_type', 'num_factors', 'epochs', 'mini_batch_size', 'factors_lr', 'linear_lr', 'bias_lr', 'factors_wd', 'factors_init_sigma'],
  compute: 'tfjs',
  acceptsMissing: false,
  categorical: 'one-hot',
  format: { name: `mlpad ${FM_NAME} JSON v1`, extension: 'json', mediaType: 'application/json' },
  // Autopilot: num_factors 2–32 (log), linear_lr 0.0001–0.1 (log), factors_lr 0.0001–0.1 (log), epochs 5–40 (log).
  autopilot: {
    order: 4, scale: true,
    ranges: {
      ContinuousParameterRanges: [
        { Name: 'linear_lr', MinValue: 0.0001, MaxValue: 0.1, ScalingType: 'Logarithmic' },
        { Name: 'factors_lr', MinValue: 0.0001, MaxValue: 0.1, ScalingType: 'Logarithmic' },
      ],
      IntegerParameterRanges: [
        { Name: 'num_factors', MinValue: 2, MaxValue: 32, ScalingType: 'Logarithmic' },
        { Name: 'epochs', MinValue: 5, MaxValue: 40, ScalingType: 'Logarithmic' },
      ],
    },
    statics: {},
    ensemble: { epochs: 20 },
  },

  taskDefaults(facts: DataFacts): Record<string, string> {
    const t = facts.task === null ? undefined : predictorTypeOf(facts.task);
    return t ? { predictor_type: t } : {};
  },

  taskOf(raw: RawHyperparameters) {
    const t = raw.predictor_type;
    return t === 'binary_classifier' || t === 'regressor' ? taskOfPredictorType(t) : undefined;
  },

  resolve: resolveFmParams,
  checkData: checkTask,
  rounds: (p: FmParams) => p.epochs,
  wantsValidation: () => false,

  async fit(data, params, options = {}) {
    let predictorType = params.predictor_type;
    if (options.facts) {
      checkTask(params, options.facts);
      predictorType ??= predictorTypeOf(options.facts.task!)!;
    }
    if (predictorType === null) {
      throw new HyperparameterError('predictor_type', 'predictor_type is required without a task: choose binary_classifier or regressor');
    }
    if (params.feature_dim !== null && params.feature_dim !== data.nCols) {
      throw new HyperparameterError('feature_dim', `feature_dim is ${params.feature_dim} but the data has ${data.nCols} features; leave it empty or give ${data.nCols}`);
    }
    if (data.nRows === 0) throw new RangeError('data has no rows; training needs at least one');
    const train = labelledRows(data, 'data', predictorType);
    const v = options.validation;
    if (v && v.nCols !== data.nCols) throw new RangeError(`validation has ${v.nCols} features but data has ${data.nCols}`);
    const validation = v && v.nRows > 0 ? labelledRows(v, 'validation', predictorType) : undefined;
    const trained = await trainFm(train, params, predictorType, { validation, callbacks: options.callbacks, evalTrain: options.evalTrain ?? true });
    const { factors, linear } = splitTable(trained.table, data.nCols, params.num_factors);
    const model: FmModel = {
      predictorType, numFactors: params.num_factors, nCols: data.nCols, bias: trained.bias, linear, factors,
      ...(data.featureNames ? { featureNames: [...data.featureNames] } : {}), attributes: {},
    };
    return {
      model,
      compute: { label: tfComputeLabel() },
      rounds: trained.epochs,
      ...(params.predictor_type === null ? { ran: { predictor_type: predictorType } } : {}),
    };
  },

  async infer(model, x): Promise<Inference> {
    if (x.nCols !== model.nCols) throw new RangeError(`features has ${x.nCols} columns but the model reads ${model.nCols}`);
    const rows = rowsOf(x as SparseFeatureMatrix, 'features');
    const table = tf.tensor2d(tableOf(model), [model.nCols, model.numFactors + 1]);
    const binary = model.predictorType === 'binary_classifier';
    let p: Float32Array;
    try {
      p = await predictRows(table, model.bias, rows, binary);
    } finally {
      table.dispose();
    }
    if (!binary) return { kind: 'regression', score: p };
    const label = new Int32Array(p.length);
    for (let i = 0; i < p.length; i++) label[i] = p[i] > 0.5 ? 1 : 0;
    return { kind: 'classification', predictedLabel: label, probabilities: p, classes: 2 };
  },

  importance,
  featureCount: (model) => model.nCols,

  serialize(model, attributes) {
    return writeModelFile(FM_NAME, FM_FILE_VERSION, modelBody(model), attributes ?? model.attributes);
  },

  deserialize(bytes) {
    const file = readModelFile(bytes, FM_NAME, FM_FILE_VERSION);
    return modelFromBody(file.model as Record<string, unknown>, file.attributes);
  },

  attributes: (model) => model.attributes,
};
