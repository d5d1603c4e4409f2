// Validated linear-learner hyperparameters and the checks that span several of them. `auto` values stay
// null here (or the string 'auto'/'balanced' for positive_example_weight_mult); training resolves them
// once it knows the data (see model-grid.ts and scaler.ts).
import { HyperparameterError, validateHyperparameters, type RawHyperparameters } from '../hyperparameters.ts';
import { AUTO_NUMBERS, LINEAR_LEARNER_SCHEMA, LOSSES_FOR, PREDICTOR_TYPES } from './schema.ts';

export type PredictorType = typeof PREDICTOR_TYPES[number];
export type LossName = 'logistic' | 'hinge_loss' | 'softmax_loss' | 'squared_loss' | 'absolute_loss' | 'eps_insensitive_squared_loss'
  | 'eps_insensitive_absolute_loss' | 'quantile_loss' | 'huber_loss';
export type SelectionCriterion = 'accuracy' | 'f_beta' | 'precision_at_target_recall' | 'recall_at_target_precision' | 'loss_function';
/** `auto`/`true`/`false` as SageMaker spells them for the scaler switches. */
export type AutoBool = 'auto' | 'true' | 'false';
const AUTO_BOOL_NAMES = ['normalize_data', 'unbias_data', 'normalize_label', 'unbias_label'];

/** Validated linear-learner hyperparameters; null means SageMaker's `auto`. */
export interface LinearLearnerParams {
  /** null: taken from the job's task at fit time. */
  predictor_type: PredictorType | null;
  /** null: the class count of the data (multiclass only). */
  num_classes: number | null;
  feature_dim: number | null;
  epochs: number;
  mini_batch_size: number;
  /** The loss that `auto` stands for is resolved when predictor_type is known (null until then). */
  loss: LossName | null;
  optimizer: 'sgd' | 'adam' | 'rmsprop';
  learning_rate: number | null;
  wd: number | null;
  l1: number | null;
  num_models: number | null;
  use_bias: boolean;
  normalize_data: AutoBool;
  unbias_data: AutoBool;
  normalize_label: AutoBool;
  unbias_label: AutoBool;
  num_point_for_scaler: number;
  init_method: 'uniform' | 'normal';
  init_scale: number;
  init_sigma: number;
  init_bias: number;
  momentum: number | null;
  beta_1: number | null;
  beta_2: number | null;
  bias_lr_mult: number | null;
  bias_wd_mult: number | null;
  use_lr_scheduler: boolean;
  lr_scheduler_step: number | null;
  lr_scheduler_factor: number | null;
  lr_scheduler_minimum_lr: number | null;
  early_stopping_patience: number;
  early_stopping_tolerance: number;
  /** f1 arrives as f_beta (with f_beta forced to 1) and cross_entropy_loss as loss_function. */
  binary_classifier_model_selection_criteria: SelectionCriterion;
  /** Whether the criterion was given (not defaulted): only then does early stopping watch it rather than the loss. */
  criterion_given: boolean;
  target_recall: number;
  target_precision: number;
  f_beta: number;
  num_calibration_samples: number | null;
  positive_example_weight_mult: number | 'auto' | 'balanced';
  balance_multiclass_weights: boolean;
  accuracy_top_k: number;
  margin: number;
  quantile: number;
  loss_insensitivity: number;
  huber_delta: number;
}

/** The loss `auto` stands for, or the given loss after checking it suits the predictor type. */
export function lossFor(predictor: PredictorType, loss: string | null): LossName {
  const allowed: readonly string[] = LOSSES_FOR[predictor];
  if (loss === null || loss === 'auto') return allowed[0] as LossName;
  if (!allowed.includes(loss)) {
    throw new HyperparameterError('loss', `loss ${loss} does not suit predictor_type ${predictor}; use auto or one of ${allowed.join(', ')}`);
  }
  return loss as LossName;
}

/** Refusals of parameters that SageMaker accepts but ignores for another predictor type: mlpad says so instead. */
function checkApplicable(p: LinearLearnerParams): void {
  const t = p.predictor_type;
  if (t === null) return;
  if (p.num_classes !== null && t !== 'multiclass_classifier') {
    throw new HyperparameterError('num_classes', `num_classes applies to multiclass_classifier only; leave it empty for ${t}`);
  }
  if ((p.normalize_label === 'true' || p.unbias_label === 'true') && t !== 'regressor') {
    const name = p.normalize_label === 'true' ? 'normalize_label' : 'unbias_label';
    throw new HyperparameterError(name, `${name} true applies to regressor only; set it to auto or false for ${t}`);
  }
  if (p.balance_multiclass_weights && t !== 'multiclass_classifier') {
    throw new HyperparameterError('balance_multiclass_weights', `balance_multiclass_weights applies to multiclass_classifier only; set it to false for ${t}`);
  }
  if (t !== 'binary_classifier' && p.positive_example_weight_mult !== 1) {
    throw new HyperparameterError('positive_example_weight_mult', `positive_example_weight_mult applies to binary_classifier only; leave it at 1 for ${t}`);
  }
}

/**
 * Validates `raw` (text or typed) against the schema and returns typed params. The text "auto" means
 * unset for the numeric parameters SageMaker defaults to auto; positive_example_weight_mult also takes
 * "auto" and "balanced". Throws HyperparameterError naming the parameter.
 */
export function resolveLinearLearnerParams(raw: RawHyperparameters): LinearLearnerParams {
  const given: RawHyperparameters = {};
  const autoNumbers: readonly string[] = AUTO_NUMBERS;
  let posWeight: 'auto' | 'balanced' | null = null;
  for (const [key, value] of Object.entries(raw)) {
    const text = typeof value === 'string' ? value.trim().toLowerCase() : null;
    if (text === 'auto' && autoNumbers.includes(key)) continue;
    if (key === 'positive_example_weight_mult' && (text === 'auto' || text === 'balanced')) { posWeight = text; continue; }
    // The four scaler switches are auto/true/false enums; a typed boolean means its text.
    given[key] = typeof value === 'boolean' && AUTO_BOOL_NAMES.includes(key) ? String(value) : value;
  }
  const v = validateHyperparameters(LINEAR_LEARNER_SCHEMA, given);
  const num = (k: string): number | null => (v[k] === null ? null : Number(v[k]));
  let criterion = String(v.binary_classifier_model_selection_criteria);
  let fBeta = Number(v.f_beta);
  if (criterion === 'f1') {
    if (raw.f_beta !== undefined && fBeta !== 1) {
      throw new HyperparameterError('f_beta', `binary_classifier_model_selection_criteria f1 means f_beta = 1; got f_beta ${fBeta} (use f_beta as the criterion instead)`);
    }
    criterion = 'f_beta';
    fBeta = 1;
  }
  if (criterion === 'cross_entropy_loss') criterion = 'loss_function';
  const predictor = v.predictor_type === null ? null : String(v.predictor_type) as PredictorType;
  const lossText = String(v.loss);
  const p: LinearLearnerParams = {
    predictor_type: predictor,
    num_classes: num('num_classes'),
    feature_dim: num('feature_dim'),
    epochs: Number(v.epochs),
    mini_batch_size: Number(v.mini_batch_size),
    loss: predictor === null ? (lossText === 'auto' ? null : lossText as LossName) : lossFor(predictor, lossText),
    optimizer: v.optimizer === 'auto' ? 'adam' : String(v.optimizer) as LinearLearnerParams['optimizer'],
    learning_rate: num('learning_rate'),
    wd: num('wd'),
    l1: num('l1'),
    num_models: num('num_models'),
    use_bias: Boolean(v.use_bias),
    normalize_data: String(v.normalize_data) as AutoBool,
    unbias_data: String(v.unbias_data) as AutoBool,
    normalize_label: String(v.normalize_label) as AutoBool,
    unbias_label: String(v.unbias_label) as AutoBool,
    num_point_for_scaler: Number(v.num_point_for_scaler),
    init_method: String(v.init_method) as 'uniform' | 'normal',
    init_scale: Number(v.init_scale),
    init_sigma: Number(v.init_sigma),
    init_bias: Number(v.init_bias),
    momentum: num('momentum'),
    beta_1: num('beta_1'),
    beta_2: num('beta_2'),
    bias_lr_mult: num('bias_lr_mult'),
    bias_wd_mult: num('bias_wd_mult'),
    use_lr_scheduler: Boolean(v.use_lr_scheduler),
    lr_scheduler_step: num('lr_scheduler_step'),
    lr_scheduler_factor: num('lr_scheduler_factor'),
    lr_scheduler_minimum_lr: num('lr_scheduler_minimum_lr'),
    early_stopping_patience: Number(v.early_stopping_patience),
    early_stopping_tolerance: Number(v.early_stopping_tolerance),
    binary_classifier_model_selection_criteria: criterion as SelectionCriterion,
    criterion_given: raw.binary_classifier_model_selection_criteria !== undefined,
    target_recall: Number(v.target_recall),
    target_precision: Number(v.target_precision),
    f_beta: fBeta,
    num_calibration_samples: num('num_calibration_samples'),
    positive_example_weight_mult: posWeight ?? Number(v.positive_example_weight_mult),
    balance_multiclass_weights: Boolean(v.balance_multiclass_weights),
    accuracy_top_k: Number(v.accuracy_top_k),
    margin: Number(v.margin),
    quantile: Number(v.quantile),
    loss_insensitivity: Number(v.loss_insensitivity),
    huber_delta: Number(v.huber_delta),
  };
  checkApplicable(p);
  return p;
}

/** `p` with the predictor type the job's task asks for (when p left it empty), the loss resolved and re-checked. */
export function withPredictor(p: LinearLearnerParams, predictor: PredictorType): LinearLearnerParams {
  if (p.predictor_type !== null && p.predictor_type !== predictor) {
    throw new HyperparameterError('predictor_type', `predictor_type is ${p.predictor_type} but the job trains ${predictor}`);
  }
  const out = { ...p, predictor_type: predictor, loss: lossFor(predictor, p.loss) };
  checkApplicable(out);
  return out;
}
