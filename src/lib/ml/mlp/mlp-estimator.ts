// A multilayer perceptron (Autopilot's deep-learning candidate) as an mlpad Estimator, on TensorFlow.js
// with scikit-learn's MLPClassifier / MLPRegressor defaults.
import type { Estimator } from '../estimator.ts';
import { checkMlpData } from './check-data.ts';
import { inferMlp } from './infer.ts';
import { mlpFeatureCount, type MlpModel } from './model.ts';
import { readMlpModel, writeMlpModel } from './model-json.ts';
import { MLP_SCHEMA, predictorTypeOf, resolveMlpParams, taskOfPredictorType, type MlpParams, type PredictorType } from './params.ts';
import { trainMlp } from './train.ts';

const PREDICTOR_TYPES: readonly string[] = ['binary_classifier', 'multiclass_classifier', 'regressor'];

export const mlpEstimator: Estimator<MlpParams, MlpModel> = {
  name: 'mlp',
  description: 'Multilayer perceptron (feed-forward neural network) trained with mini-batch adam on TensorFlow.js.',
  kind: 'supervised',
  tasks: ['binary', 'multiclass', 'regression'],
  target: 'required',
  schema: MLP_SCHEMA,
  commonParameters: ['hidden_layers', 'hidden_units', 'activation', 'learning_rate', 'epochs', 'mini_batch_size', 'dropout', 'wd'],
  compute: 'tfjs',
  acceptsMissing: false,
  format: { name: 'mlpad mlp JSON v1', extension: 'json', mediaType: 'application/json' },
  // Autopilot: hidden_units 16–256 (log), hidden_layers 1–3, learning_rate 0.0003–0.03 (log), wd 1e-6–0.01 (log),
  // dropout 0–0.4; 100 epochs with early stopping.
  autopilot: {
    order: 2, scale: true,
    ranges: {
      ContinuousParameterRanges: [
        { Name: 'learning_rate', MinValue: 0.0003, MaxValue: 0.03, ScalingType: 'Logarithmic' },
        { Name: 'wd', MinValue: 1e-6, MaxValue: 0.01, ScalingType: 'Logarithmic' },
        { Name: 'dropout', MinValue: 0, MaxValue: 0.4 },
      ],
      IntegerParameterRanges: [
        { Name: 'hidden_units', MinValue: 16, MaxValue: 256, ScalingType: 'Logarithmic' },
        { Name: 'hidden_layers', MinValue: 1, MaxValue: 3 },
      ],
    },
    statics: { epochs: 100 },
    ensemble: { epochs: 100, hidden_units: 64 },
  },
  taskDefaults: (facts): Record<string, string> => (facts.task ? { predictor_type: predictorTypeOf(facts.task) } : {}),
  taskOf(raw) {
    const t = raw.predictor_type;
    return typeof t === 'string' && PREDICTOR_TYPES.includes(t.trim()) ? taskOfPredictorType(t.trim() as PredictorType) : undefined;
  },
  resolve: resolveMlpParams,
  checkData: checkMlpData,
  rounds: (params) => params.epochs,
  // scikit-learn's default stops on the training loss; a validation set is used when the job has one.
  wantsValidation: () => false,
  fit: (data, params, options) => trainMlp(data, params, options),
  infer: inferMlp,
  featureCount: mlpFeatureCount,
  serialize: (model, attributes) => writeMlpModel(model, attributes ?? model.attributes),
  deserialize: readMlpModel,
  attributes: (model) => ({ ...model.attributes }),
};
