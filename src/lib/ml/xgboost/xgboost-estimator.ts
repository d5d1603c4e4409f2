// XGBoost as an mlpad Estimator: SageMaker's hyperparameters, hist training (on the CPU, on threads, or with
// WebGPU histograms for tree_method gpu_hist / auto), XGBoost JSON models. After early stopping the model
// predicts with the rounds up to its best iteration, as XGBoost's scikit-learn API and SageMaker do.
import type { DataFacts, Estimator, Task } from '../estimator.ts';
import { HyperparameterError } from '../hyperparameters.ts';
import { validateFeatureMatrix, type FitData, type TrainingData } from '../matrix.ts';
import { threadsAvailable } from '../parallel/histogram-pool.ts';
import { featureImportance } from './feature-importance.ts';
import { chooseCompute } from './compute-choice.ts';
import { roundCount, type XGBoostModel } from './model.ts';
import { fromXGBoostJSON, toXGBoostJSON } from './model-json.ts';
import { XGBOOST_SCHEMA, resolveXGBoostParams, type XGBoostParams } from './params.ts';
import { inferXGBoost, predictionRounds, taskOfObjective } from './infer.ts';
import { preparePrediction } from './predict.ts';
import { treeShap } from '../../clarify/shap/tree-shap.ts';
import { treeShapInteractions } from '../../clarify/shap/tree-shap-interactions.ts';
import { trainXGBoost } from './train.ts';
import { trainXGBoostAsync } from './train-async.ts';

const SUGGESTED: Record<Task, { objective: string; eval_metric: string }> = {
  binary: { objective: 'binary:logistic', eval_metric: 'logloss,auc' },
  multiclass: { objective: 'multi:softprob', eval_metric: 'mlogloss,merror' },
  regression: { objective: 'reg:squarederror', eval_metric: 'rmse,mae' },
};

function labelled(d: FitData, what: string): TrainingData {
  if (!d.labels) throw new RangeError(`xgboost needs labels in ${what}: choose a target column`);
  return d as TrainingData;
}

function checkData(params: XGBoostParams, facts: DataFacts): void {
  const task = facts.task;
  if (task === null) throw new HyperparameterError('objective', 'xgboost learns a target: choose a target column');
  const target = facts.target === undefined ? 'the target' : `target ${JSON.stringify(facts.target)}`;
  const fits = taskOfObjective(params.objective) === task || (task === 'binary' && params.objective === 'reg:logistic');
  if (!fits) {
    throw new HyperparameterError('objective',
      `objective ${params.objective} does not fit ${target}, which makes a ${task} task; use ${SUGGESTED[task].objective} (or change the task)`);
  }
  const classes = facts.classes ?? [];
  if (task === 'multiclass' && params.num_class !== classes.length) {
    throw new HyperparameterError('num_class',
      `num_class is ${params.num_class} but ${target} has ${classes.length} classes (${classes.join(', ')}); remove num_class or set it to ${classes.length}`);
  }
}

async function fit(data: FitData, params: XGBoostParams, options: Parameters<Estimator<XGBoostParams, XGBoostModel>['fit']>[2] = {}) {
  const train = labelled(data, 'the training data');
  const validation = options.validation ? labelled(options.validation, 'the validation data') : undefined;
  const boost = { validation, callbacks: options.callbacks, evalTrain: options.evalTrain };
  const choice = await chooseCompute(params.tree_method ?? 'hist', train.nRows * train.nCols, options.gpu);
  let model: XGBoostModel;
  if (choice.device) {
    try {
      model = await trainXGBoostAsync(train, { ...params, tree_method: 'gpu_hist' }, boost, { device: choice.device });
    } finally {
      if (choice.owned) choice.device.destroy();
    }
  } else if (options.callbacks?.betweenRounds) {
    model = await trainXGBoostAsync(train, { ...params, tree_method: 'hist' }, boost, null);
  } else {
    model = trainXGBoost(train, { ...params, tree_method: 'hist' }, boost);
  }
  // The histogram pool uses nthread threads whenever a spawner is set (the caller sizes it to fit).
  const threads = !choice.device && params.nthread !== null && params.nthread > 1 && threadsAvailable() ? params.nthread : 1;
  return {
    model,
    compute: {
      label: choice.device ? choice.label : `CPU, ${threads === 1 ? '1 thread' : `${threads} threads`}`,
      threads,
      ...(choice.reason ? { reason: `Histograms on the CPU (tree_method auto): ${choice.reason}` } : {}),
    },
    // The record says what ran: tree_method auto resolves to hist, or to gpu_hist when it took WebGPU.
    ran: { tree_method: choice.device ? 'gpu_hist' : 'hist' },
    rounds: roundCount(model),
    ...(model.bestIteration !== undefined ? { bestIteration: model.bestIteration } : {}),
  };
}

export const xgboostEstimator: Estimator<XGBoostParams, XGBoostModel> = {
  name: 'xgboost',
  description: 'Gradient-boosted trees, compatible with XGBoost 1.7 (hist): same hyperparameters, same model file.',
  kind: 'supervised',
  tasks: ['binary', 'multiclass', 'regression'],
  target: 'required',
  schema: XGBOOST_SCHEMA,
  commonParameters: ['num_round', 'eta', 'max_depth', 'objective', 'eval_metric', 'early_stopping_rounds'],
  compute: 'cpu',
  computeNote: 'Histograms on CPU threads (nthread; more than one needs a cross-origin isolated page), or with WebGPU kernels: tree_method gpu_hist on any adapter, auto on a hardware adapter for data of at least 1M cells. Not TensorFlow.js.',
  acceptsMissing: true,
  format: { name: 'XGBoost JSON', extension: 'json', mediaType: 'application/json' },
  // The Tune form's starting ranges, after SageMaker's "Tune an XGBoost model", narrowed so a browser tab
  // finishes a first job in a minute.
  tunePresets: {
    eta: { min: 0.05, max: 0.5, scaling: 'Logarithmic', chosen: true },
    max_depth: { min: 2, max: 8, scaling: 'Linear', chosen: true },
    min_child_weight: { min: 1, max: 20, scaling: 'Logarithmic', chosen: true },
    subsample: { min: 0.5, max: 1, scaling: 'Linear', chosen: true },
    num_round: { min: 20, max: 300, scaling: 'Logarithmic' },
    alpha: { min: 0.001, max: 10, scaling: 'Logarithmic' },
    lambda: { min: 0.001, max: 10, scaling: 'Logarithmic' },
    gamma: { min: 0, max: 5, scaling: 'Linear' },
    colsample_bytree: { min: 0.5, max: 1, scaling: 'Linear' },
  },
  // Autopilot: tuned first (fast and strong). eta 0.01–0.5 (log), max_depth 2–10, min_child_weight 0.5–10 (log),
  // subsample 0.5–1, colsample_bytree 0.3–1, lambda 0.01–10 (log), alpha 0.0001–2 (log), num_round 20–400 (log;
  // Hyperband's resource instead when tuning with Hyperband).
  autopilot: {
    order: 0, scale: false,
    ranges: {
      ContinuousParameterRanges: [
        { Name: 'eta', MinValue: 0.01, MaxValue: 0.5, ScalingType: 'Logarithmic' },
        { Name: 'min_child_weight', MinValue: 0.5, MaxValue: 10, ScalingType: 'Logarithmic' },
        { Name: 'subsample', MinValue: 0.5, MaxValue: 1 },
        { Name: 'colsample_bytree', MinValue: 0.3, MaxValue: 1 },
        { Name: 'lambda', MinValue: 0.01, MaxValue: 10, ScalingType: 'Logarithmic' },
        { Name: 'alpha', MinValue: 0.0001, MaxValue: 2, ScalingType: 'Logarithmic' },
      ],
      IntegerParameterRanges: [
        { Name: 'max_depth', MinValue: 2, MaxValue: 10 },
        { Name: 'num_round', MinValue: 20, MaxValue: 400, ScalingType: 'Logarithmic' },
      ],
    },
    statics: {},
    ensemble: { eta: 0.1, num_round: 200, max_depth: 6 },
  },
  taskDefaults(facts, given = {}): Record<string, string> {
    if (facts.task === null) return {};
    const k = facts.classes?.length ?? 0;
    // An objective the user chose decides the metrics and whether num_class applies (checkData then says
    // whether it fits the data).
    const objective = typeof given.objective === 'string' && given.objective.trim() !== '' ? given.objective.trim() : SUGGESTED[facts.task].objective;
    const task = taskOfObjective(objective);
    return { objective, eval_metric: SUGGESTED[task].eval_metric, num_class: task === 'multiclass' ? String(Math.max(2, k)) : '' };
  },
  taskOf(raw) {
    const objective = typeof raw.objective === 'string' ? raw.objective.trim() : '';
    return objective !== '' ? taskOfObjective(objective) : undefined;
  },
  resolve: resolveXGBoostParams,
  checkData,
  rounds: (params) => params.num_round,
  wantsValidation: (raw) => raw.early_stopping_rounds !== undefined && String(raw.early_stopping_rounds).trim() !== '',
  fit,
  // Big enough batches first compile the model's trees to WebAssembly (cached per model), which
  // inferXGBoost's predictMargins then uses: the same margins, bit for bit, at native speed.
  infer: async (model, x) => {
    validateFeatureMatrix(x, 'features');
    const rounds = predictionRounds(model);
    await preparePrediction(model, x.nRows, rounds === undefined ? undefined : [0, rounds]);
    return inferXGBoost(model, x);
  },
  // The trees the predictions use: up to the best round after early stopping, as inferXGBoost.
  contributions: (model, x, options) => {
    const rounds = predictionRounds(model);
    return treeShap(model, x, { ...options, iterationRange: rounds === undefined ? undefined : [0, rounds] });
  },
  interactions: (model, x, options) => {
    const rounds = predictionRounds(model);
    return treeShapInteractions(model, x, { ...options, iterationRange: rounds === undefined ? undefined : [0, rounds] });
  },
  importance(model, names) {
    const scores = new Map(featureImportance(model, names).map((s) => [s.feature, s]));
    const pick = (key: 'gain' | 'weight' | 'cover' | 'total_gain' | 'total_cover') => Float64Array.from(names, (n) => scores.get(n)?.[key] ?? 0);
    return {
      names: [...names],
      values: { gain: pick('gain'), weight: pick('weight'), cover: pick('cover'), total_gain: pick('total_gain'), total_cover: pick('total_cover') },
      notes: {
        gain: 'Average loss reduction of the splits that use each feature.',
        weight: 'How many splits use each feature.',
        cover: 'Average number of rows (hessian) the splits on each feature cover.',
        total_gain: 'Total loss reduction of the splits that use each feature.',
        total_cover: 'Total rows (hessian) the splits on each feature cover.',
      },
    };
  },
  summary: (model) => ({ trees: model.trees.length }),
  featureCount: (model) => model.numFeature,
  featureNames: (model) => model.featureNames,
  serialize(model, attributes = {}) {
    return new TextEncoder().encode(toXGBoostJSON({ ...model, attributes: { ...model.attributes, ...attributes } }));
  },
  deserialize: (bytes) => fromXGBoostJSON(bytes),
  attributes: (model) => model.attributes,
};

