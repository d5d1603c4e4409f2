// The mlp hyperparameters. SageMaker has no built-in MLP (Autopilot's deep-learning candidate is one), so
// the names follow SageMaker's snake_case style (linear-learner's wd, mini_batch_size, epochs,
// early_stopping_*, normalize_*) and the defaults follow scikit-learn's MLPClassifier / MLPRegressor:
// one hidden layer of 100 relu units, adam at 0.001, L2 1e-4, batches of min(200, rows), 200 epochs,
// stop after 10 epochs without a 1e-4 improvement.
import { HyperparameterError, validateHyperparameters, type HyperparameterSpec, type RawHyperparameters } from '../hyperparameters.ts';
import type { Task } from '../prepare/types.ts';

export type PredictorType = 'binary_classifier' | 'multiclass_classifier' | 'regressor';
export type Activation = 'relu' | 'tanh' | 'logistic' | 'identity';
export type OptimizerName = 'adam' | 'sgd' | 'rmsprop';
export type InitMethod = 'glorot_uniform' | 'glorot_normal' | 'he_uniform' | 'he_normal';

/** Validated mlp hyperparameters. */
export interface MlpParams {
  /** The output layer and loss; null = follow the job's task (fit then takes it from DataFacts). Defaults to null. */
  predictor_type: PredictorType | null;
  /** Hidden layers, each of `hidden_units` units; 0 gives a linear / logistic model. Defaults to 1. */
  hidden_layers: number;
  /** Units in every hidden layer. Defaults to 100. */
  hidden_units: number;
  /** Hidden-layer activation. Defaults to 'relu'. */
  activation: Activation;
  /** Share of hidden units zeroed in each training batch (inverted dropout). Defaults to 0. */
  dropout: number;
  /** Batch normalisation after each hidden layer's affine map, before its activation. Defaults to false. */
  batch_norm: boolean;
  /** Defaults to 'adam' (β1 0.9, β2 0.999, ε 1e-8, as scikit-learn). */
  optimizer: OptimizerName;
  /** Step size. Defaults to 0.001. */
  learning_rate: number;
  /** Nesterov momentum of optimizer sgd (as scikit-learn's default). Defaults to 0.9. */
  momentum: number;
  /** L2 penalty on the weights (not the biases), scikit-learn's alpha: adds wd/2·‖W‖²/batch rows to each batch loss. Defaults to 0.0001. */
  wd: number;
  /** Rows per gradient step, capped at the training rows. Defaults to 200. */
  mini_batch_size: number;
  /** Most passes over the training rows. Defaults to 200. */
  epochs: number;
  /** Epochs without an improvement of at least the tolerance before training stops. Defaults to 10. */
  early_stopping_patience: number;
  /** Smallest loss decrease that counts as an improvement. Defaults to 0.0001. */
  early_stopping_tolerance: number;
  /** Standardise features with the training mean and standard deviation (stored in the model). Defaults to true. */
  normalize_data: boolean;
  /** Regressor only: standardise the label for training; predictions are mapped back. Defaults to true. */
  normalize_label: boolean;
  /** Weight initialiser; biases start at 0. Defaults to 'glorot_uniform'. */
  init_method: InitMethod;
  /** Seed of the initial weights, the shuffles and the dropout masks. Defaults to 0. */
  seed: number;
}

function spec(s: Omit<HyperparameterSpec, 'sagemakerName'>): HyperparameterSpec {
  return { ...s, sagemakerName: s.name };
}

export const MLP_SCHEMA: readonly HyperparameterSpec[] = [
  spec({ name: 'predictor_type', type: 'enum', default: null, values: ['binary_classifier', 'multiclass_classifier', 'regressor'],
    help: 'Output layer and loss: sigmoid + log loss, softmax + cross-entropy, or linear + squared error; defaults to the task.' }),
  spec({ name: 'hidden_layers', type: 'int', default: 1, min: 0, max: 8,
    help: 'Number of hidden layers (0 = logistic / linear regression), each of hidden_units units.' }),
  spec({ name: 'hidden_units', type: 'int', default: 100, min: 1, max: 4096, help: 'Units in each hidden layer.' }),
  spec({ name: 'activation', type: 'enum', default: 'relu', values: ['relu', 'tanh', 'logistic', 'identity'],
    help: 'Activation of the hidden layers.' }),
  spec({ name: 'dropout', type: 'float', default: 0, min: 0, max: 1, maxInclusive: false,
    help: 'Share of hidden units dropped in each training batch.' }),
  spec({ name: 'batch_norm', type: 'bool', default: false, help: 'Batch-normalise each hidden layer before its activation.' }),
  spec({ name: 'optimizer', type: 'enum', default: 'adam', values: ['adam', 'sgd', 'rmsprop'], help: 'Gradient-descent method.' }),
  spec({ name: 'learning_rate', type: 'float', default: 0.001, min: 0, minInclusive: false, max: 1, help: 'Step size of the optimizer.' }),
  spec({ name: 'momentum', type: 'float', default: 0.9, min: 0, max: 1, maxInclusive: false,
    help: 'Nesterov momentum of optimizer sgd (other optimizers refuse a non-default value).' }),
  spec({ name: 'wd', type: 'float', default: 0.0001, min: 0, help: 'L2 penalty on the weights (scikit-learn\'s alpha).' }),
  spec({ name: 'mini_batch_size', type: 'int', default: 200, min: 1, help: 'Rows per gradient step (at most the training rows).' }),
  spec({ name: 'epochs', type: 'int', default: 200, min: 1, max: 100000, help: 'Most passes over the training data.' }),
  spec({ name: 'early_stopping_patience', type: 'int', default: 10, min: 1,
    help: 'Epochs without improvement (validation loss, else training loss) before stopping; the best epoch\'s weights are kept.' }),
  spec({ name: 'early_stopping_tolerance', type: 'float', default: 0.0001, min: 0,
    help: 'Smallest loss decrease that counts as an improvement.' }),
  spec({ name: 'normalize_data', type: 'bool', default: true, help: 'Standardise features with the training mean and standard deviation.' }),
  spec({ name: 'normalize_label', type: 'bool', default: true, help: 'Regressor: standardise the label while training.' }),
  spec({ name: 'init_method', type: 'enum', default: 'glorot_uniform', values: ['glorot_uniform', 'glorot_normal', 'he_uniform', 'he_normal'],
    help: 'Initial weight distribution (biases start at 0).' }),
  spec({ name: 'seed', type: 'int', default: 0, min: 0, max: 2147483647, help: 'Seed of the initial weights, shuffles and dropout masks.' }),
];

/** Validates raw hyperparameters and cross-checks the ones that only apply to some settings. */
export function resolveMlpParams(raw: RawHyperparameters): MlpParams {
  const v = validateHyperparameters(MLP_SCHEMA, raw);
  const p: MlpParams = {
    predictor_type: (v.predictor_type as PredictorType | null) ?? null,
    hidden_layers: v.hidden_layers as number,
    hidden_units: v.hidden_units as number,
    activation: v.activation as Activation,
    dropout: v.dropout as number,
    batch_norm: v.batch_norm as boolean,
    optimizer: v.optimizer as OptimizerName,
    learning_rate: v.learning_rate as number,
    momentum: v.momentum as number,
    wd: v.wd as number,
    mini_batch_size: v.mini_batch_size as number,
    epochs: v.epochs as number,
    early_stopping_patience: v.early_stopping_patience as number,
    early_stopping_tolerance: v.early_stopping_tolerance as number,
    normalize_data: v.normalize_data as boolean,
    normalize_label: v.normalize_label as boolean,
    init_method: v.init_method as InitMethod,
    seed: v.seed as number,
  };
  // Values that would have no effect are refused rather than ignored; defaults pass, so a form that sends
  // every field still validates.
  if (p.optimizer !== 'sgd' && p.momentum !== 0.9) {
    throw new HyperparameterError('momentum', `momentum applies only to optimizer sgd; optimizer ${p.optimizer} uses fixed moment decays, so leave momentum at 0.9 (got ${p.momentum})`);
  }
  if (p.hidden_layers === 0 && p.hidden_units !== 100) {
    throw new HyperparameterError('hidden_units', `hidden_units sizes hidden layers; with hidden_layers 0 leave it at 100 (got ${p.hidden_units}), or set hidden_layers to 1 or more`);
  }
  if (p.hidden_layers === 0 && p.activation !== 'relu') {
    throw new HyperparameterError('activation', `activation applies to hidden layers; with hidden_layers 0 leave it at relu (got ${p.activation}), or set hidden_layers to 1 or more`);
  }
  if (p.hidden_layers === 0 && p.dropout > 0) {
    throw new HyperparameterError('dropout', `dropout applies to hidden layers; with hidden_layers 0 it must be 0 (got ${p.dropout})`);
  }
  if (p.hidden_layers === 0 && p.batch_norm) {
    throw new HyperparameterError('batch_norm', 'batch_norm applies to hidden layers; with hidden_layers 0 it must be false');
  }
  if (p.predictor_type !== null && p.predictor_type !== 'regressor' && !p.normalize_label) {
    throw new HyperparameterError('normalize_label', `normalize_label applies only to predictor_type regressor; a ${p.predictor_type} trains on class indices, so leave it true`);
  }
  return p;
}

/** The predictor_type that trains `task`. */
export function predictorTypeOf(task: Task): PredictorType {
  return task === 'binary' ? 'binary_classifier' : task === 'multiclass' ? 'multiclass_classifier' : 'regressor';
}

/** The task a predictor_type trains. */
export function taskOfPredictorType(t: PredictorType): Task {
  return t === 'binary_classifier' ? 'binary' : t === 'multiclass_classifier' ? 'multiclass' : 'regression';
}
