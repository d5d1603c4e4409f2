// SageMaker's linear-learner as an mlpad Estimator: binary, multiclass and regression linear models
// trained with TensorFlow.js, several side by side, the best kept (see train.ts).
import type { DataFacts, Estimator, FitData, FitOptions, Task } from '../estimator.ts';
import { HyperparameterError } from '../hyperparameters.ts';
import { validateTrainingData } from '../matrix.ts';
import { inferLinearLearner, type LinearLearnerModel } from './model.ts';
import { readLinearLearnerModel, writeLinearLearnerModel } from './model-file.ts';
import { resolveLinearLearnerParams, withPredictor, type LinearLearnerParams, type PredictorType } from './params.ts';
import { LINEAR_LEARNER_COMMON, LINEAR_LEARNER_SCHEMA } from './schema.ts';
import { checkLabels, checkNoMissing } from './tensor-set.ts';
import { trainLinearLearner } from './train.ts';

const PREDICTOR_FOR: Record<Task, PredictorType> = { binary: 'binary_classifier', multiclass: 'multiclass_classifier', regression: 'regressor' };
const TASK_FOR: Record<PredictorType, Task> = { binary_classifier: 'binary', multiclass_classifier: 'multiclass', regressor: 'regression' };

/** Throws HyperparameterError when the params do not fit the data's task, class count or feature count. */
function checkData(p: LinearLearnerParams, facts: DataFacts): void {
  if (p.predictor_type !== null && facts.task !== null && TASK_FOR[p.predictor_type] !== facts.task) {
    const classes = facts.classes ? ` (${facts.classes.length} classes)` : '';
    throw new HyperparameterError('predictor_type',
      `predictor_type ${p.predictor_type} does not fit this target, a ${facts.task} task${classes}; use predictor_type ${PREDICTOR_FOR[facts.task]}`);
  }
  const multiclass = p.predictor_type === 'multiclass_classifier' || (p.predictor_type === null && facts.task === 'multiclass');
  if (multiclass && p.num_classes !== null && facts.classes && facts.classes.length !== p.num_classes) {
    throw new HyperparameterError('num_classes', `num_classes must equal the number of classes in the target (${facts.classes.length}); got ${p.num_classes}`);
  }
  if (multiclass && facts.classes && facts.classes.length < 3) {
    throw new HyperparameterError('predictor_type', `multiclass_classifier needs at least 3 classes; the target has ${facts.classes.length} (use binary_classifier)`);
  }
  if (p.feature_dim !== null && p.feature_dim !== facts.nCols) {
    throw new HyperparameterError('feature_dim', `feature_dim must equal the number of features (${facts.nCols}); got ${p.feature_dim}`);
  }
}

async function fit(data: FitData, params: LinearLearnerParams, options: FitOptions = {}) {
  if (!data.labels) throw new RangeError('linear-learner is supervised: data.labels must hold the target of every row');
  const labelled = data as FitData & { labels: Float32Array };
  validateTrainingData(labelled, 'data');
  checkNoMissing(data, 'data');
  const facts = options.facts;
  if (facts) checkData(params, facts);
  const task = facts?.task ?? null;
  const predictor = params.predictor_type ?? (task ? PREDICTOR_FOR[task] : null);
  if (predictor === null) {
    throw new HyperparameterError('predictor_type', 'predictor_type is required: binary_classifier, multiclass_classifier or regressor');
  }
  const p = withPredictor(params, predictor);
  let classes = predictor === 'binary_classifier' ? 2 : predictor === 'regressor' ? 1 : p.num_classes ?? facts?.classes?.length ?? 0;
  if (predictor === 'multiclass_classifier' && classes === 0) {
    classes = Math.max(...labelled.labels) + 1;
    if (!(classes >= 3)) throw new HyperparameterError('num_classes', `num_classes is required for multiclass_classifier (an integer in [3, 1000000])`);
  }
  if (p.feature_dim !== null && p.feature_dim !== data.nCols) {
    throw new HyperparameterError('feature_dim', `feature_dim must equal the number of features (${data.nCols}); got ${p.feature_dim}`);
  }
  checkLabels(labelled.labels, predictor, classes, 'data');
  const v = options.validation;
  if (v) {
    if (!v.labels) throw new RangeError('validation.labels must hold the target of every validation row');
    validateTrainingData(v as FitData & { labels: Float32Array }, 'validation');
    if (v.nCols !== data.nCols) throw new RangeError(`validation has ${v.nCols} columns but data has ${data.nCols}`);
    checkNoMissing(v, 'validation');
    checkLabels(v.labels, predictor, classes, 'validation');
  }
  return trainLinearLearner(labelled, p, classes, options);
}

export const linearLearnerEstimator: Estimator<LinearLearnerParams, LinearLearnerModel> = {
  name: 'linear-learner',
  description: 'Linear models (logistic, softmax, least squares and robust losses) trained side by side with TensorFlow.js, the best kept.',
  kind: 'supervised',
  tasks: ['binary', 'multiclass', 'regression'],
  target: 'required',
  schema: LINEAR_LEARNER_SCHEMA,
  commonParameters: LINEAR_LEARNER_COMMON,
  compute: 'tfjs',
  acceptsMissing: false,
  format: { name: 'mlpad linear-learner JSON v1', extension: 'json', mediaType: 'application/json' },
  // The Tune form's starting ranges, after SageMaker's "Tune a linear learner model", narrowed so a browser tab
  // finishes a first job in a minute.
  tunePresets: {
    learning_rate: { min: 0.0001, max: 1, scaling: 'Logarithmic', chosen: true },
    wd: { min: 0.0000001, max: 1, scaling: 'Logarithmic', chosen: true },
    l1: { min: 0.0000001, max: 1, scaling: 'Logarithmic' },
    mini_batch_size: { min: 100, max: 5000, scaling: 'Logarithmic' },
    epochs: { min: 5, max: 30, scaling: 'Linear' },
  },
  // Autopilot: learning_rate 0.0001–0.5 (log), wd 1e-7–1 (log), l1 1e-7–1 (log), mini_batch_size 32–1024 (log).
  // SageMaker's defaults (15 epochs of 1000-row batches) make one Adam step per epoch on data under 1000 rows:
  // 15 steps, far from converged. Up to 100 epochs (early stopping ends them once the loss settles) and, for
  // the bagged members, 32-row batches let the model converge as scikit-learn's L-BFGS does.
  autopilot: {
    order: 1, scale: true,
    ranges: {
      ContinuousParameterRanges: [
        { Name: 'learning_rate', MinValue: 0.0001, MaxValue: 0.5, ScalingType: 'Logarithmic' },
        { Name: 'wd', MinValue: 1e-7, MaxValue: 1, ScalingType: 'Logarithmic' },
        { Name: 'l1', MinValue: 1e-7, MaxValue: 1, ScalingType: 'Logarithmic' },
      ],
      IntegerParameterRanges: [{ Name: 'mini_batch_size', MinValue: 32, MaxValue: 1024, ScalingType: 'Logarithmic' }],
    },
    statics: { epochs: 100 },
    ensemble: { epochs: 100, mini_batch_size: 32 },
  },
  taskDefaults(facts) {
    if (facts.task === null) return {};
    const out: Record<string, string> = { predictor_type: PREDICTOR_FOR[facts.task] };
    if (facts.task === 'multiclass' && facts.classes) out.num_classes = String(facts.classes.length);
    return out;
  },
  taskOf(raw) {
    const t = raw.predictor_type;
    return typeof t === 'string' && t in TASK_FOR ? TASK_FOR[t as PredictorType] : undefined;
  },
  resolve: resolveLinearLearnerParams,
  checkData,
  rounds: (p) => p.epochs,
  // SageMaker's linear learner selects and calibrates on the training rows when no validation channel is
  // given; holding out 20% of a small table costs more than it buys (see the sklearn comparison).
  wantsValidation: () => false,
  fit,
  infer: inferLinearLearner,
  importance(model, names) {
    const values = new Float64Array(model.nCols);
    for (let j = 0; j < model.nCols; j++) {
      let s = 0;
      for (let c = 0; c < model.outputs; c++) s += Math.abs(model.weights[j * model.outputs + c]);
      values[j] = s / model.outputs;
    }
    return {
      names: [...names],
      values: { coefficient: values },
      notes: {
        coefficient: `|coefficient| of the kept model on the scaled features${model.featureScale.some((s) => s !== 1) ? ' (standardised, so comparable across features)' : ''}${model.outputs > 1 ? ', averaged over the classes' : ''}`,
      },
    };
  },
  summary: (model) => (model.predictorType === 'binary_classifier' ? { decisionThreshold: model.threshold } : {}),
  featureCount: (model) => model.nCols,
  serialize: (model, attributes) => writeLinearLearnerModel(model, attributes ?? model.attributes),
  deserialize: readLinearLearnerModel,
  attributes: (model) => ({ ...model.attributes }),
};

